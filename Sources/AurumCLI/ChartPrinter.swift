import AurumCharts
import AurumCore
import AurumStorage

/// Draws a result's chart for `aurum query`, `aurum ask` and the REPL: on the terminal under the table, and
/// into an SVG file. A chart asked for by name (or by the question's words) that the result cannot make gets
/// its reason on standard error; `auto` stays quiet.
struct ChartPrinter {
    /// The chart on the terminal (nil or `.none`: none).
    var request: ChartRequest?
    /// Whether to say why there is no chart (a kind named, `.chart on`, or a question asking for a chart).
    var explain: Bool
    /// The SVG file to write, if any.
    var svgPath: String?
    /// Store directories the SVG must not land in.
    var protecting: [String] = []

    /// How charts read Aurum's columns: `ctr` as a percentage (as tables show it), and `currency` as a column
    /// whose values never share a scale (docs/currencies.md: amounts in different currencies are not compared).
    static let rules = ChartPlanner.ColumnRules(
        isPercent: { OutputFormat.isPercent($0) }, separatesScales: { $0.name.lowercased() == "currency" })

    /// The terminal chart of `batch` as text, nil when none is drawn; the reason goes to `note`.
    static func terminalText(_ batch: Batch, request: ChartRequest, explain: Bool, glyphs: ChartGlyphs, width: Int, note: (String) -> Void) -> String? {
        do {
            guard let chart = try ChartPlanner.chart(for: batch, request: request, rules: Self.rules) else {
                if explain && request == .auto { note("no chart: " + ChartPlanner.reason(for: batch.schema)) }
                return nil
            }
            return TerminalChart(width: width, glyphs: glyphs).render(chart)
        } catch {
            if explain { note(error.reason) }
            return nil
        }
    }

    /// Draws `batch` on standard output (after its table) and writes the SVG file.
    ///
    /// - Throws: ``CLIError`` when the SVG cannot be made (no chart fits: nothing to write) or written.
    func draw(_ batch: Batch, width: Int?) throws {
        if let request, request != .none,
            let text = Self.terminalText(
                batch, request: request, explain: explain, glyphs: ChartTerminal.standardOutputGlyphs(), width: ChartTerminal.width(maxWidth: width),
                note: { Console.printError("note: " + $0) })
        {
            Console.print("\n" + text)
        }
        guard let svgPath else { return }
        let kind = request.flatMap { $0 == .none ? nil : $0 } ?? .auto
        let chart: Chart
        do {
            guard let planned = try ChartPlanner.chart(for: batch, request: kind, rules: Self.rules) else {
                throw CLIError.invalidOption("no chart written to \(svgPath): " + ChartPlanner.reason(for: batch.schema))
            }
            chart = planned
        } catch let refusal as ChartRefusal {
            throw CLIError.invalidOption("no chart written to \(svgPath): " + refusal.reason)
        }
        try OutputFile.write(Array(SVGChart().render(chart).utf8), to: svgPath, protecting: protecting)
    }
}
