/// A request from outside to stop a running query (Ctrl-C in the REPL). The executor asks ``isCancelled``
/// before each batch it scans and each parallel worker before each piece it filters, aggregates, projects or
/// joins, so a query stops within one piece of work (milliseconds) and throws ``QueryError/cancelled``; nothing
/// it did is kept.
///
/// The engine does not know where the request comes from: the caller gives a function that says whether it was
/// made (the CLI's reads a counter its SIGINT handler bumps). It is called from the workers' threads at once, so
/// it must be safe to call concurrently, and cheap.
public struct QueryCancellation: Sendable {
    private let isRequested: @Sendable () -> Bool

    public init(_ isRequested: @escaping @Sendable () -> Bool) {
        self.isRequested = isRequested
    }

    /// Whether the caller asked the query to stop.
    public var isCancelled: Bool { isRequested() }
}
