import AurumCore

/// A table whose last columns are computed from its stored ones when scanned (Gold's KPI ratios are sums
/// divided by sums, so they are not stored). Queries see one schema; a scan reads only the stored columns the
/// asked-for columns need. Derived columns have no zone maps, so they never prune.
public struct DerivedColumnsTable: TableSource {
    /// One computed column: its field, the stored columns it reads, and how.
    public struct Derived: Sendable {
        public var field: Field
        public var inputs: [String]
        /// Computes the column from a batch holding (at least) `inputs`, by name.
        public var compute: @Sendable (Batch) -> Column

        public init(field: Field, inputs: [String], compute: @escaping @Sendable (Batch) -> Column) {
            self.field = field
            self.inputs = inputs
            self.compute = compute
        }
    }

    public let base: TableSource
    public let derived: [Derived]
    public let schema: Schema

    public init(base: TableSource, derived: [Derived]) {
        self.base = base
        self.derived = derived
        self.schema = Schema(base.schema.fields + derived.map(\.field))
    }

    public func rowsToScan(pruning: PruningPredicate) -> Int? { base.rowsToScan(pruning: pruning) }

    public func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        let stored = base.schema.count
        var needed = Set(columns.filter { $0 < stored })
        for column in columns where column >= stored {
            for input in derived[column - stored].inputs {
                guard let index = base.schema.index(of: input) else { preconditionFailure("derived input \(input) is not stored") }
                needed.insert(index)
            }
        }
        let read = needed.isEmpty ? [0] : needed.sorted()
        try base.scan(columns: read, pruning: pruning, stats: &stats) { batch in
            let output = columns.map { column -> Column in
                if column < stored, let position = read.firstIndex(of: column) { return batch.columns[position] }
                return derived[column - stored].compute(batch)
            }
            try body(Batch(schema: Schema(columns.map { schema.fields[$0] }), columns: output))
        }
    }
}
