import AurumCore
import AurumQuery
import AurumStorage
import ArgumentParser
import Foundation

/// Result formats of `aurum query` and the REPL's `.mode`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown

    /// `batch` in this format.
    func render(_ batch: Batch, maxRows: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        switch self {
        case .table: bytes = Array((TableRenderer(maxRows: maxRows).table(batch) + "\n").utf8)
        case .markdown: bytes = Array((TableRenderer(maxRows: maxRows).markdown(batch) + "\n").utf8)
        case .json: JSONWriter.write(batch, into: &bytes)
        case .csv:
            let writer = CSVWriter()
            writer.header(batch.schema, into: &bytes)
            writer.rows(batch, into: &bytes)
        }
        return bytes
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

    /// Reads the query, opens the store's engine and runs `body`; a query error is printed with its caret.
    /// `runs` is how many times `body` will run the query: a process that runs it once keeps no decoded blocks.
    func withEngine(store options: StoreOptions, runs: Int = 1, _ body: (QueryEngine, String) throws -> Void) throws {
        try Console.run {
            let text = try text()
            let store = try Store(directory: options.directory, mode: .read, cacheBytes: runs > 1 ? BlockCache.defaultCapacity : 0)
            let engine = try QueryCatalog.engine(store: store, today: today)
            do {
                try body(engine, text)
            } catch let error as QueryError {
                throw CLIError.invalidOption(error.render(in: text))
            }
        }
    }

    func text() throws -> String {
        if let sql { return sql }
        if let file {
            guard let handle = FileHandle(forReadingAtPath: file) else { throw CLIError.unreadable(path: file, reason: "no such file") }
            return try BoundedReader.queryText(from: handle, source: file)
        }
        let input = try BoundedReader.queryText(from: FileHandle.standardInput, source: "standard input")
        guard !input.isEmpty else { throw CLIError.invalidOption("no query: pass it as an argument, with -f FILE, or on standard input") }
        return input
    }
}

/// `aurum query`: run one query and print the result.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Run a query (read-only SQL; see docs/query-language.md) and print the result.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var input: QueryInput

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Option(name: .customLong("max-rows"), help: "Rows shown at most in table and markdown output.")
    var maxRows = 40

    @Option(name: .customLong("repeat"), help: ArgumentHelp(
        "Run the query N times in this process (the store opened once), print the result once and each run's time on standard error as 'Run Time: S s'; for benchmarks.",
        valueName: "N"))
    var repetitions: Int = 1

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        try input.withEngine(store: options, runs: repetitions) { engine, text in
            var batch: Batch?
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                batch = try engine.run(text).batch
                if repetitions > 1 {
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    Console.printError(String(format: "Run Time: %.6f s", seconds))
                }
            }
            Console.write(format.render(batch!, maxRows: maxRows))
        }
    }
}

/// `aurum explain`: the plan of a query, and what running it scanned, pruned and produced.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show a query's plan and how many segments and rows it scanned and pruned.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var input: QueryInput

    func run() throws {
        try input.withEngine(store: options) { engine, text in Console.print(try engine.explain(text)) }
    }
}
