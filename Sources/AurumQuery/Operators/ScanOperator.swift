import AurumCore
import AurumStorage

/// A catalogue table read by a join: the table's scan, with the zone-map pruning the planner pushed down to it from
/// WHERE (`column op constant` conjuncts on this table's columns, and only on the preserved side of a LEFT JOIN).
final class ScanOperator: PlanOperator {
    let name: String
    let base: TableSource
    /// The WHERE conjuncts zone maps can decide for this table (the filter itself still runs above the join).
    var pruning = PruningPredicate()
    /// The columns the plan reads (for EXPLAIN), set once the block above knows what it uses.
    var plannedColumns: [Int] = []
    private(set) var rowsOut = 0
    private(set) var seconds: Double?

    init(name: String, base: TableSource) {
        self.name = name
        self.base = base
    }

    var schema: Schema { base.schema }

    func scan(columns: [Int], pruning _: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        try scan(columns: columns, pruning: pruning, fixedPoint: [:], stats: &stats, body)
    }

    func scan(
        columns: [Int], pruning _: PruningPredicate, fixedPoint: [Int: FixedPoint], stats: inout ScanStats,
        _ body: (Batch) throws -> Void
    ) throws {
        var clock = OperatorClock()
        defer { seconds = clock.seconds }
        try base.scan(columns: columns, pruning: pruning, fixedPoint: fixedPoint, stats: &stats) { batch in
            rowsOut += batch.rowCount
            try clock.handUp { try body(batch) }
        }
    }

    func rowsToScan(pruning _: PruningPredicate) -> Int? { base.rowsToScan(pruning: pruning) }

    func explain(analyze: Bool) -> [String] {
        [
            "SCAN \(name) columns [\(plannedColumns.map { schema.fields[$0].name }.joined(separator: ", "))]" + rowsNote(rowsOut, seconds: seconds, analyze: analyze),
            pruning.isEmpty ? "  zone-map pruning: none" : "  zone-map pruning on: \(pruning)",
        ]
    }
}
