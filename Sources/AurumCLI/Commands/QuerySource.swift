import AurumQuery
import AurumStorage

/// Where a query's text comes from (the argument, a file, or standard input) and what it may see (the date
/// `current_date` means, one client's accounts), as plain values: ``QueryInput`` parsed, or ``QuickQuery``'s.
struct QuerySource: Equatable {
    var sql: String?
    var file: String?
    var today: String?
    var client: String?

    /// Reads the query, opens the store's engine and runs `body`; a query error is printed with its caret.
    /// `runs` is how many times `body` will run the query: a process that runs it once keeps no decoded blocks.
    func withEngine(directory: String, runs: Int = 1, _ body: (QueryEngine, String) throws -> Void) throws {
        try Console.run {
            let text = try text()
            let store = try Store(directory: directory, mode: .read, cacheBytes: runs > 1 ? BlockCache.defaultCapacity : 0)
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
