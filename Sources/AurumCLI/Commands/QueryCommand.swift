import AurumCharts
import AurumCore
import AurumQuery
import ArgumentParser

/// Result formats of `aurum query` and the REPL's `.mode`.
enum OutputFormat: String, ChoiceArgument, CaseIterable {
    case table, csv, json, markdown

    /// `batch` in this format. `maxRows` (nil: all) limits table and markdown output; a table fits `width`
    /// terminal columns (nil: no limit); `formulaGuard` applies to `csv` only (see ``CSVWriter/FormulaGuard``).
    /// `rowCount`: the whole result's rows, when `batch` holds only the ends a table of `maxRows` shows
    /// (``TableRenderer/table(_:rowCount:)``).
    func render(_ batch: Batch, maxRows: Int?, width: Int? = nil, formulaGuard: CSVWriter.FormulaGuard, rowCount: Int? = nil) -> [UInt8] {
        precondition(rowCount == nil || rowCount == batch.rowCount || self == .table || self == .markdown, "only a table shows a result's ends")
        var bytes: [UInt8] = []
        switch self {
        case .table:
            let renderer = TableRenderer(maxRows: maxRows, maxWidth: width, isPercent: Self.isPercent)
            bytes = Array((renderer.table(batch, rowCount: rowCount) + "\n").utf8)
        case .markdown: bytes = Array((TableRenderer(maxRows: maxRows).markdown(batch, rowCount: rowCount) + "\n").utf8)
        case .json: JSONWriter.write(batch, into: &bytes)
        case .csv:
            let writer = CSVWriter(formulaGuard: formulaGuard)
            writer.header(batch.schema, into: &bytes)
            writer.rows(batch, into: &bytes)
        }
        return bytes
    }

    /// `batch` as CSV or JSON through `output` a piece at a time, stopping when its reader is gone: the same
    /// bytes as ``render(_:maxRows:width:formulaGuard:)``, never all of them in memory at once.
    func stream(_ batch: Batch, formulaGuard: CSVWriter.FormulaGuard, to output: BufferedOutput) throws {
        let pieces = StreamedOutput.pieces(0..<batch.rowCount)
        switch self {
        case .csv:
            let writer = CSVWriter(formulaGuard: formulaGuard)
            var lines = writer.lines(of: batch)
            try output.write { writer.header(batch.schema, into: &$0) }
            for piece in pieces where output.isOpen { try output.write { lines.write(piece, into: &$0) } }
        case .json:
            try output.write { JSONWriter.open(into: &$0) }
            for piece in pieces where output.isOpen {
                try output.write { JSONWriter.rows(of: batch, piece, following: piece.lowerBound, into: &$0) }
            }
            try output.write { JSONWriter.close(rowCount: batch.rowCount, into: &$0) }
        case .table, .markdown:
            try output.write { $0.append(contentsOf: render(batch, maxRows: nil, formulaGuard: formulaGuard)) }
        }
    }

    /// Which columns a table shows as percentages: doubles named `ctr` or ending in `_ctr` (click-through
    /// rate is clicks per impression, a fraction). docs/output-formats.md documents the rule.
    static func isPercent(_ field: Field) -> Bool {
        let name = field.name.lowercased()
        return name == "ctr" || name.hasSuffix("_ctr")
    }
}

/// Where a query's text comes from: the argument, `-f FILE`, or standard input.
struct QueryInput: ParsableArguments {
    @Argument(help: "The query (or use -f FILE, or pipe it on standard input).")
    var sql: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Read the query from FILE.", valueName: "FILE"))
    var file: String?

    @Option(help: ArgumentHelp("What current_date means (default: $AURUM_TODAY, else today).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: ArgumentHelp("Only this client's accounts (see `aurum clients`).", valueName: "NAME"))
    var client: String?

    /// The same settings as plain values.
    var source: QuerySource { QuerySource(sql: sql, file: file, today: today, client: client) }

    /// See ``QuerySource/withEngine(directory:runs:_:)``.
    func withEngine(store options: StoreOptions, runs: Int = 1, _ body: (QueryEngine, String) throws -> Void) throws {
        try source.withEngine(directory: options.directory, runs: runs, body)
    }
}

/// `aurum query`: run one query and print the result.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Run a query (read-only SQL; see docs/query-language.md) and print the result.",
        discussion: "EXPLAIN SELECT … prints the query's plan instead of its rows; EXPLAIN ANALYZE SELECT … also runs it and prints what it read and each step's time (as `aurum explain` does).")

    @OptionGroup var options: StoreOptions
    @OptionGroup var input: QueryInput

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Option(name: .customLong("max-rows"), help: "Rows shown at most in table and markdown output (0: all).")
    var maxRows = 40

    @OptionGroup var formulaGuard: ResultFormulaGuard

    @Option(name: .customLong("max-width"), help: ArgumentHelp(
        "Fit a table to N columns (default: the terminal's width when standard output is one, else no limit).", valueName: "N"))
    var maxWidth: Int?

    @Option(name: .customLong("repeat"), help: ArgumentHelp(
        "Run the query N times in this process (the store opened once), print the result once and each run's time on standard error as 'Run Time: S s'; for benchmarks.",
        valueName: "N"))
    var repetitions: Int = 1

    @OptionGroup var charts: ChartOptions

    @OptionGroup var warehouse: WarehouseOptions

    func validate() throws {
        if warehouse.warehouse != nil && repetitions != 1 { throw ValidationError("--repeat is for local runs, not --on") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        try charts.check(format: format)
        if let maxWidth, maxWidth < 20 { throw ValidationError("--max-width must be at least 20") }
    }

    /// The parsed options as plain values: what runs.
    var request: QueryRequest {
        QueryRequest(
            directory: options.directory, source: input.source, format: format, maxRows: maxRows, formulaGuard: formulaGuard.value,
            maxWidth: maxWidth, repetitions: repetitions, chart: charts.chart, chartOut: charts.chartOut)
    }

    func run() throws {
        try request.run(warehouse: warehouse.warehouse != nil ? warehouse : nil)
    }
}

/// `aurum explain`: the plan of a query, and what running it scanned, pruned and produced.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show a query's plan, how many segments and rows it scanned and pruned, and each step's time.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var input: QueryInput

    func run() throws {
        try input.withEngine(store: options) { engine, text in Console.print(try engine.explain(text)) }
    }
}
