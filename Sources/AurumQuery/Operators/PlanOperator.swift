import AurumCore

/// A relation operator of a query's plan tree: a ``TableSource`` that the SELECT block above it reads, with a name
/// and children for `EXPLAIN`.
///
/// The tree sits above the per-block pipeline (``QueryPlan`` run by ``Executor``: scan → filter → aggregate →
/// project → distinct → sort → limit, fused and parallel). A block reads one source; when that source is a
/// catalogue table, there is no operator at all (a single-table query runs exactly as before). Otherwise the
/// source is one of these: ``ScanOperator`` (a catalogue table inside a join, with the zone-map pruning pushed
/// down to it), ``MaterializeOperator`` (a CTE, a subquery in FROM or in IN: a block computed once),
/// ``HashJoinOperator`` and ``UnionAllOperator``.
///
/// Operators are classes: a CTE named twice is one operator, computed once, and `EXPLAIN ANALYZE` reads the rows
/// each one produced after the run.
protocol PlanOperator: TableSource, AnyObject {
    /// The operator's lines for `EXPLAIN`: its own first (with the rows it produced when `analyze`), then its
    /// children's, indented by two spaces.
    func explain(analyze: Bool) -> [String]
}

extension PlanOperator {
    /// `lines` indented by two spaces (a child's lines under its parent).
    func indented(_ lines: [String]) -> [String] { lines.map { "  " + $0 } }

    /// " → N rows (T ms)" after an operator's line in `EXPLAIN ANALYZE`: the rows it produced and the time it took
    /// (``OperatorClock``; none before it ran).
    func rowsNote(_ rows: Int, seconds: Double?, analyze: Bool) -> String {
        guard analyze else { return "" }
        return " → \(rows) row\(rows == 1 ? "" : "s")" + (seconds.map(StepTimes.note) ?? "")
    }
}

/// What a run hands the operators below the top block: the caller's cancellation, for the blocks they run.
enum RunContext {
    @TaskLocal static var cancellation: QueryCancellation?
}

extension Schema {
    /// The schema with a repeated column name suffixed `_1`, `_2`, … (`SELECT 1 AS a, 2 AS A` read as a table has
    /// columns `a` and `A_1`, as in DuckDB), so that each column of a computed result can be named: names are
    /// compared without case, as a query names them.
    var withUniqueNames: Schema {
        var used: Set<String> = []
        return Schema(fields.map { field in
            var unique = field
            var count = 0
            while !used.insert(unique.name.lowercased()).inserted {
                count += 1
                unique.name = "\(field.name)_\(count)"
            }
            return unique
        })
    }
}

extension ScanStats {
    /// Adds what another block read from tables (segments, row groups, rows scanned) to these counts.
    mutating func addReads(of other: ScanStats) {
        segments += other.segments
        segmentsPruned += other.segmentsPruned
        rowGroups += other.rowGroups
        rowGroupsPruned += other.rowGroupsPruned
        rowGroupsUnfiltered += other.rowGroupsUnfiltered
        rowsScanned += other.rowsScanned
    }
}
