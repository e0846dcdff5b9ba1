import AurumCore

/// A table restricted to the rows whose values in some key columns form one of an allowed set of tuples (the
/// CLI's `--client`: only a client's (source, account_id) pairs). Pruning still applies to the base table; the
/// key columns are read along with the asked ones and dropped after the rows are filtered.
public struct KeyFilteredTable: TableSource {
    public let base: TableSource
    public let keyColumns: [Int]
    public let allowed: Set<[String]>
    public var schema: Schema { base.schema }

    /// Nil when `base` lacks one of `keyColumns` (a text column each).
    public init?(base: TableSource, keyColumns: [String], allowed: Set<[String]>) {
        var indices: [Int] = []
        for name in keyColumns {
            guard let index = base.schema.index(of: name), base.schema.fields[index].type == .string else { return nil }
            indices.append(index)
        }
        self.base = base
        self.keyColumns = indices
        self.allowed = allowed
    }

    public func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        let read = columns + keyColumns.filter { !columns.contains($0) }
        let keyPositions = keyColumns.map { key in read.firstIndex(of: key) ?? 0 }
        try base.scan(columns: read, pruning: pruning, stats: &stats) { batch in
            let keys = keyPositions.map { position -> StringColumn? in
                if case .string(let column) = batch.columns[position] { return column }
                return nil
            }
            var kept: [Int] = []
            kept.reserveCapacity(batch.rowCount)
            for row in 0..<batch.rowCount {
                var tuple: [String] = []
                for column in keys {
                    guard let value = column?[row] else { break }
                    tuple.append(value)
                }
                if tuple.count == keys.count, allowed.contains(tuple) { kept.append(row) }
            }
            let filtered = kept.count == batch.rowCount ? batch : batch.gather(kept)
            let output = Array(filtered.columns.prefix(columns.count))
            try body(Batch(schema: Schema(columns.map { schema.fields[$0] }), columns: output))
        }
    }
}

/// A table a query may name but not read in this session, with the reason (a `--client` filter cannot restrict a
/// table that has no account column).
public struct UnavailableTable: TableSource {
    public let schema: Schema
    public let reason: String

    public init(schema: Schema, reason: String) {
        self.schema = schema
        self.reason = reason
    }

    public func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        throw QueryError.notAllowed(message: reason, offset: 0)
    }
}
