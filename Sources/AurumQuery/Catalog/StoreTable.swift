import AurumCore
import AurumStorage
import Foundation

/// A table kept in an Aurum ``Store``: scanned segment by segment, with zone-map pruning per row group.
public struct StoreTable: TableSource {
    public let store: Store
    public let name: String
    public let schema: Schema
    /// The manifest read: the committed one when nil, a ``Transaction``'s to see its uncommitted changes (the
    /// pipeline builds Gold over the Silver a run is writing).
    public let snapshot: Manifest?

    /// - Parameters:
    ///   - decimalColumns: the columns to declare ``Field/decimal`` (summed exactly as decimals); the store keeps
    ///     types, not this.
    ///   - snapshot: the manifest to read (the committed one when nil).
    public init(store: Store, name: String, decimalColumns: Set<String> = [], snapshot: Manifest? = nil) throws {
        self.store = store
        self.name = name
        self.snapshot = snapshot
        var schema = try store.table(name, in: snapshot).schema
        for index in schema.fields.indices where decimalColumns.contains(schema.fields[index].name) {
            schema.fields[index].decimal = schema.fields[index].type == .double
        }
        self.schema = schema
    }

    /// The rows of the row groups zone maps keep (deleted rows included: an estimate), from the footers.
    public func rowsToScan(pruning: PruningPredicate) -> Int? {
        guard let manifest = try? store.table(name, in: snapshot) else { return nil }
        var rows = 0
        for entry in manifest.segments {
            guard let footer = try? store.openSegment(entry).footer else { return nil }
            for group in footer.rowGroups where pruning.mayMatch(group, schema: footer.schema) { rows += group.rowCount }
        }
        return rows
    }

    public func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        try scan(columns: columns, pruning: pruning, fixedPoint: [:], stats: &stats, body)
    }

    /// The row groups in order, read ahead on every core; the positions in `fixedPoint` come as BIGINT integers
    /// from each row group whose blocks keep them so.
    public func scan(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (Batch) throws -> Void
    ) throws {
        try Store.readInOrder(try plan(columns: columns, pruning: pruning, stats: &stats), fixedPoint: fixedPoint) { chunk in
            let batch = chunk.liveBatch
            stats.rowsScanned += batch.rowCount
            try body(batch)
        }
    }

    /// Each row group zone maps keep, handed over unread: the worker that filters it reads and decodes it. A row
    /// group whose zone maps prove every row passes the whole WHERE clause is marked so (``PendingBatch/passesFilter``),
    /// and its columns that only WHERE reads are not decoded (``PruningPredicate/filterOnlyColumns``).
    ///
    /// The positions in `fixedPoint` come as BIGINT integers from each row group whose blocks keep them so.
    public func scanPending(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (PendingBatch) throws -> Void
    ) throws {
        let filterOnly = Set(columns.indices.filter { pruning.filterOnlyColumns.contains(schema.fields[columns[$0]].name) })
        for group in try plan(columns: columns, pruning: pruning, stats: &stats) {
            stats.rowsScanned += group.liveRowCount
            let zoneMaps = group.zoneMaps
            let passes = pruning.holdsForEveryRow(zoneMaps.group, schema: zoneMaps.schema)
            if passes { stats.rowGroupsUnfiltered += 1 }
            let skipping = passes ? filterOnly : []
            try body(PendingBatch(passesFilter: passes) { try group.read(skipping: skipping, fixedPoint: fixedPoint).liveBatch })
        }
    }

    /// The row groups to read (footers, zone maps and delete files only), the segments and row groups seen and
    /// pruned counted in `stats`.
    private func plan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats) throws -> [PendingRowGroup] {
        let names = columns.map { schema.fields[$0].name }
        let manifest = try store.table(name, in: snapshot)
        stats.segments += manifest.segments.count
        var localStats = stats
        defer { stats = localStats }
        return try store.pendingRowGroups(
            name, in: snapshot, columns: names,
            where: { segment in
                localStats.rowGroups += segment.footer.rowGroups.count
                let keep = segment.footer.rowGroups.contains { pruning.mayMatch($0, schema: segment.footer.schema) }
                if !keep {
                    localStats.segmentsPruned += 1
                    localStats.rowGroupsPruned += segment.footer.rowGroups.count
                }
                return keep
            },
            rowGroupFilter: { group, schema in
                let keep = pruning.mayMatch(group, schema: schema)
                if !keep { localStats.rowGroupsPruned += 1 }
                return keep
            }
        )
    }
}

/// A table computed when first scanned (e.g. `bronze_rows`, re-read from the stored Bronze files), once even
/// when two blocks of a query scan it at once.
public final class LazyTable: TableSource {
    public let schema: Schema
    private let load: () throws -> Batch
    private var loaded: Batch?
    private let lock = NSLock()

    public init(schema: Schema, load: @escaping () throws -> Batch) {
        self.schema = schema
        self.load = load
    }

    public func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        let batch = try lock.withLock {
            let batch = try loaded ?? load()
            loaded = batch
            return batch
        }
        stats.rowsScanned += batch.rowCount
        let projected = Batch(schema: Schema(columns.map { schema.fields[$0] }), columns: columns.map { batch.columns[$0] })
        try body(projected)
    }
}

/// A catalogue of named tables.
public struct DictionaryCatalog: TableCatalog {
    private let tables: [String: TableSource]
    public let columnSynonyms: ColumnSynonyms

    public init(_ tables: [String: TableSource], columnSynonyms: ColumnSynonyms = [:]) {
        self.tables = tables
        self.columnSynonyms = columnSynonyms
    }

    public var tableNames: [String] { tables.keys.sorted() }

    public func table(named name: String) -> TableSource? { tables[name] }
}
