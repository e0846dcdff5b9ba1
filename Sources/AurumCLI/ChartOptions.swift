import AurumCharts
import ArgumentParser

extension ChartRequest: ChoiceArgument {}

/// `--chart` and `--chart-out` on `aurum query` and `aurum ask`: a chart of the result under its table, and the
/// same chart as an SVG file.
struct ChartOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Draw the result under its table: line (one DATE column and 1-4 numeric ones), bar (one text column and one numeric one), auto (whichever fits, else nothing) or none (docs/charts.md).",
        valueName: "auto|bar|line|none"))
    var chart: ChartRequest?

    @Option(name: .customLong("chart-out"), help: ArgumentHelp(
        "Write the chart (--chart's kind, else whichever fits) as a standalone SVG file; an error when no chart fits.", valueName: "FILE.svg"))
    var chartOut: String?

    /// Refuses combinations that cannot do what they say.
    func check(format: OutputFormat) throws {
        if chartOut != nil && chart == ChartRequest.none {
            throw ValidationError("--chart none and --chart-out exclude each other")
        }
        if let chart, chart != .none, format != .table {
            throw ValidationError("--chart draws under a table; with --format \(format.rawValue) use --chart-out FILE.svg")
        }
    }
}
