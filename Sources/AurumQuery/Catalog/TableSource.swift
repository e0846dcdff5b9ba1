import AurumCore
import AurumStorage

/// A table the query engine can read: a schema, and a scan that yields batches of the asked columns.
///
/// The engine knows tables, not what is in them: the CLI gives it a ``TableCatalog`` of stored tables
/// (``StoreTable``) and derived ones (``LazyTable``).
public protocol TableSource {
    var schema: Schema { get }
    /// Calls `body` with batches holding the columns at `columns` (indices into ``schema``), skipping the
    /// row groups that `pruning` proves hold no matching row, and counting what it read in `stats`.
    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws
    /// ``scan(columns:pruning:stats:_:)`` with the positions (in `columns`) in `fixedPoint`, DOUBLE columns, coming
    /// as BIGINT integers at its decimal places where the table keeps them so, batch by batch (a batch's field
    /// says which form it holds); a table that does not ignores it.
    func scan(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (Batch) throws -> Void
    ) throws
    /// The batches ``scan(columns:pruning:stats:_:)`` would give, in its order, each handed over before it is read
    /// so that the caller's workers can read them in parallel (``PendingBatch``). By default each is read first.
    ///
    /// The positions (in `columns`) in `fixedPoint`, DOUBLE columns, may come as BIGINT integers at its decimal
    /// places, batch by batch, where the table keeps them so (``FixedPoint``; a batch's field says which form it
    /// holds); a table that does not ignores it.
    func scanPending(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (PendingBatch) throws -> Void
    ) throws
    /// How many rows a scan with `pruning` will read, counted from metadata before it starts (for progress);
    /// nil when that is not known without reading.
    func rowsToScan(pruning: PruningPredicate) -> Int?
}

extension TableSource {
    public func rowsToScan(pruning: PruningPredicate) -> Int? { nil }

    public func scan(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (Batch) throws -> Void
    ) throws {
        try scan(columns: columns, pruning: pruning, stats: &stats, body)
    }

    public func scanPending(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (PendingBatch) throws -> Void
    ) throws {
        try scan(columns: columns, pruning: pruning, fixedPoint: fixedPoint, stats: &stats) { batch in try body(PendingBatch(batch)) }
    }

    /// ``scanPending(columns:pruning:fixedPoint:stats:_:)`` with every column in its usual form.
    public func scanPending(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (PendingBatch) throws -> Void) throws {
        try scanPending(columns: columns, pruning: pruning, fixedPoint: [:], stats: &stats, body)
    }
}

/// The tables a query may name.
public protocol TableCatalog {
    /// Every table name, sorted.
    var tableNames: [String] { get }
    func table(named name: String) -> TableSource?
    /// Words users say for a column that the column is not called ("cost" for `spend`), for "did you mean".
    var columnSynonyms: ColumnSynonyms { get }
}

extension TableCatalog {
    public var columnSynonyms: ColumnSynonyms { [:] }

    /// The table called `name` (any case), or ``QueryError/unknownTable(name:suggestion:offset:)`` with the nearest
    /// known name ("did you mean"); `offset` is where `name` stands in the query (0 when it comes from elsewhere).
    public func source(named name: String, offset: Int = 0) throws(QueryError) -> TableSource {
        guard let source = table(named: name.lowercased()) else {
            throw .unknownTable(name: name, suggestion: nearestName(name, among: tableNames), offset: offset)
        }
        return source
    }
}

/// What a scan read and skipped, for `aurum explain` and the REPL's timer.
public struct ScanStats: Sendable, Equatable {
    public var segments = 0
    public var segmentsPruned = 0
    public var rowGroups = 0
    public var rowGroupsPruned = 0
    /// Row groups read whose zone maps proved that every row passes the whole WHERE clause (not filtered).
    public var rowGroupsUnfiltered = 0
    /// Rows read from the row groups that were not pruned (deleted rows excluded).
    public var rowsScanned = 0
    /// Rows left after WHERE.
    public var rowsFiltered = 0
    /// Rows in the result.
    public var rowsProduced = 0

    public init() {}
}
