import AurumCharts
import AurumCore
import AurumQuery
import AurumStorage
import ArgumentParser
import Foundation

/// Result formats of `aurum query` and the REPL's `.mode`.
enum OutputFormat: String, ChoiceArgument, CaseIterable {
    case table, csv, json, markdown

    /// `batch` in this format. `maxRows` (nil: all) limits table and markdown output; a table fits `width`
    /// terminal columns (nil: no limit); `formulaGuard` applies to `csv` only (see ``CSVWriter/FormulaGuard``).
    func render(_ batch: Batch, maxRows: Int?, width: Int? = nil, formulaGuard: CSVWriter.FormulaGuard) -> [UInt8] {
        var bytes: [UInt8] = []
        switch self {
        case .table:
            let renderer = TableRenderer(maxRows: maxRows, maxWidth: width, isPercent: Self.isPercent)
            bytes = Array((renderer.table(batch) + "\n").utf8)
        case .markdown: bytes = Array((TableRenderer(maxRows: maxRows).markdown(batch) + "\n").utf8)
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

    /// Reads the query, opens the store's engine and runs `body`; a query error is printed with its caret.
    /// `runs` is how many times `body` will run the query: a process that runs it once keeps no decoded blocks.
    func withEngine(store options: StoreOptions, runs: Int = 1, _ body: (QueryEngine, String) throws -> Void) throws {
        try Console.run {
            let text = try text()
            let store = try Store(directory: options.directory, mode: .read, cacheBytes: runs > 1 ? BlockCache.defaultCapacity : 0)
            let engine = try QueryCatalog.engine(store: store, today: today, client: client)
            do {
                try body(engine, text)
            } catch let error as QueryError {
                throw CLIError.invalidOption(VisibleText.queryError(error.render(in: text)))
            }
        }
    }

    func text() throws -> String {
        if let sql { return sql }
        if let file {
            return try BoundedReader.queryText(path: file)
        }
        let input = try BoundedReader.standardInputText()
        guard !input.isEmpty else { throw CLIError.invalidOption("no query: pass it as an argument, with -f FILE, or on standard input") }
        return input
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

    func run() throws {
        try input.withEngine(store: options, runs: repetitions) { engine, text in
            if warehouse.warehouse != nil { return try show(try warehouse.run(text, engine: engine)) }
            // From here (the query read, so Ctrl-C while typing it on standard input still ends the process at
            // once) Ctrl-C stops the query, erases the progress line, and ends the process as SIGINT does (130).
            Interrupt.install()
            var outcome: QueryEngine.Outcome?
            // CSV and JSON of a plain scan print as the rows come (once: --repeat prints the result once).
            let streamed = repetitions == 1 && charts.chartOut == nil ? StreamedRows(format: format, formulaGuard: formulaGuard.value) : nil
            for _ in 0..<repetitions { outcome = try runTimed(text, engine: engine, sink: streamed?.sink) }
            switch outcome {
            case .rows(let result) where result.streamed: try streamed?.finish(schema: result.batch.schema)
            case .rows(let result): try show(result.batch)
            case .plan(let plan): Console.print(plan)
            case nil: break
            }
        }
    }

    /// Prints a result in the chosen format, and its chart when one is asked for.
    private func show(_ batch: Batch) throws {
        if format == .csv || format == .json {
            try StreamedOutput.write(to: nil, protecting: []) { try format.stream(batch, formulaGuard: formulaGuard.value, to: $0) }
        } else {
            let width = maxWidth ?? TerminalSize.standardOutputColumns
            Console.write(format.render(batch, maxRows: maxRows > 0 ? maxRows : nil, width: width, formulaGuard: formulaGuard.value))
        }
        try ChartPrinter(request: charts.chart, explain: charts.chart == .line || charts.chart == .bar, svgPath: charts.chartOut, protecting: [options.directory])
            .draw(batch, width: maxWidth)
    }

    /// Runs the statement once, Ctrl-C cancelling it, with a progress line on a terminal; with `--repeat`, prints
    /// the run's time on standard error.
    private func runTimed(_ text: String, engine: QueryEngine, sink: RowSink? = nil) throws -> QueryEngine.Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        let progress = TerminalProgress.onStandardError()
        let outcome: QueryEngine.Outcome
        do {
            defer { progress?.finish() }
            outcome = try Interrupt.whileWorking { try engine.execute(text, cancellation: $0, progress: progress, sink: sink) }
        } catch QueryError.cancelled {
            Interrupt.exitAsInterrupted()
        }
        if repetitions > 1 {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            Console.printError(String(format: "Run Time: %.6f s", seconds))
        }
        return outcome
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
