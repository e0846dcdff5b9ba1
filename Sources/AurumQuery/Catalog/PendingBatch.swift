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

    /// A batch read when ``read()`` is called.
    public init(passesFilter: Bool = false, reading: @escaping @Sendable () throws -> Batch) {
        self.passesFilter = passesFilter
        produce = reading
    }

    /// A batch already read.
    public init(_ batch: Batch) {
        passesFilter = false
        produce = { batch }
    }

    /// The batch's rows. Throws what reading them throws (a damaged block: a storage error naming its file).
    public func read() throws -> Batch { try produce() }

    /// The same batch with `transform` applied once it is read (on the reading worker); `transform` must keep its
    /// rows, in order (it may add columns).
    public func map(_ transform: @escaping @Sendable (Batch) -> Batch) -> PendingBatch {
        let produce = self.produce
        return PendingBatch(passesFilter: passesFilter) { transform(try produce()) }
    }
}
