import AurumCore
import AurumStorage

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
        let reading = Reading(self, columns: columns)
        try base.scan(columns: reading.stored, pruning: pruning, stats: &stats) { batch in try body(reading.output(batch)) }
    }

    /// The base table's batches handed over unread, the derived columns computed by the worker that reads each.
    /// Every column comes in its usual form (`fixedPoint` is not asked of the base table).
    public func scanPending(
        columns: [Int], pruning: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (PendingBatch) throws -> Void
    ) throws {
        let reading = Reading(self, columns: columns)
        // A stored column that a derived one is computed from is read for it, whatever WHERE does with it.
        var pruning = pruning
        for column in columns where column >= reading.storedCount {
            pruning.filterOnlyColumns.subtract(derived[column - reading.storedCount].inputs)
        }
        try base.scanPending(columns: reading.stored, pruning: pruning, stats: &stats) { pending in
            try body(pending.map { reading.output($0) })
        }
    }

    /// How a scan of some columns reads the base table: the stored columns they need, and the asked-for columns
    /// from a batch of those.
    private struct Reading: Sendable {
        let columns: [Int]
        /// The base table's columns read (one at least, to carry the row count).
        let stored: [Int]
        let schema: Schema
        let derived: [Derived]
        let storedCount: Int

        init(_ table: DerivedColumnsTable, columns: [Int]) {
            let storedCount = table.base.schema.count
            var needed = Set(columns.filter { $0 < storedCount })
            for column in columns where column >= storedCount {
                for input in table.derived[column - storedCount].inputs {
                    guard let index = table.base.schema.index(of: input) else { preconditionFailure("derived input \(input) is not stored") }
                    needed.insert(index)
                }
            }
            self.columns = columns
            self.stored = needed.isEmpty ? [0] : needed.sorted()
            self.schema = Schema(columns.map { table.schema.fields[$0] })
            self.derived = table.derived
            self.storedCount = storedCount
        }

        func output(_ batch: Batch) -> Batch {
            let output = columns.map { column -> Column in
                if column < storedCount, let position = stored.firstIndex(of: column) { return batch.columns[position] }
                return derived[column - storedCount].compute(batch)
            }
            return Batch(schema: schema, columns: output)
        }
    }
}
