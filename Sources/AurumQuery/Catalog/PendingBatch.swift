import AurumCore

/// A batch a scan has chosen but may not have read yet: ``read()`` gives its rows, on whichever worker calls it.
/// A stored table hands these out (``TableSource/scanPending(columns:pruning:stats:_:)``) so that each worker of
/// a query reads, checks, decompresses and decodes the row groups it then filters, rather than one thread
/// decoding ahead of all of them.
public struct PendingBatch: Sendable {
    private let produce: @Sendable () throws -> Batch
    /// Whether the scan's zone maps proved that every row passes the query's whole WHERE clause
    /// (``PruningPredicate/holdsForEveryRow(_:schema:)``), so the filter need not run on this batch.
    public let passesFilter: Bool
    /// Whether its rows are already in memory (handed over read), rather than read when asked for: a window of
    /// batches not read yet holds nothing but their descriptions.
    public let isRead: Bool

    /// A batch read when ``read()`` is called.
    public init(passesFilter: Bool = false, reading: @escaping @Sendable () throws -> Batch) {
        self.init(passesFilter: passesFilter, isRead: false, reading: reading)
    }

    /// A batch already read.
    public init(_ batch: Batch) {
        self.init(passesFilter: false, isRead: true) { batch }
    }

    private init(passesFilter: Bool, isRead: Bool, reading: @escaping @Sendable () throws -> Batch) {
        self.passesFilter = passesFilter
        self.isRead = isRead
        produce = reading
    }

    /// The batch's rows. Throws what reading them throws (a damaged block: a storage error naming its file).
    public func read() throws -> Batch { try produce() }

    /// The same batch with `transform` applied once it is read (on the reading worker); `transform` must keep its
    /// rows, in order (it may add columns).
    public func map(_ transform: @escaping @Sendable (Batch) -> Batch) -> PendingBatch {
        let produce = self.produce
        return PendingBatch(passesFilter: passesFilter, isRead: isRead) { transform(try produce()) }
    }
}
