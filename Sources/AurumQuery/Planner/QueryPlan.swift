import AurumCore

/// How a query runs: what to scan, filter, group, compute, sort and keep. Built by ``Planner``, run by
/// ``Executor``, printed by `aurum explain`.
public struct QueryPlan {
    /// The FROM table; nil when there is none (the query reads ``OneRowTable``'s one row).
    public var table: String?
    /// Every catalogue table the query reads, in the order FROM items (CTEs and subqueries included) name them,
    /// without repeats; empty without FROM.
    public var tablesRead: [String]
    /// What the block reads; a windowed block's is the window stage's result, set when the stage has run.
    var source: TableSource
    /// The table's columns the query reads (projection pushdown), as indices into the table's schema.
    public var scanColumns: [Int]
    /// What zone maps can decide (predicate pushdown).
    public var pruning: PruningPredicate
    /// The `IN (SELECT …)` subqueries the block tests, run before its workers start.
    var subqueries: [SubqueryValues] = []
    /// WHERE, over the scanned columns (in `scanColumns` order).
    var filter: BoundExpression?
    var aggregation: Aggregation?
    /// The select list, over the scanned columns — or over the aggregated batch when there is an aggregation.
    var outputs: [BoundExpression]
    public var outputFields: [Field]
    /// ORDER BY keys that are not in the select list, computed beside it and dropped at the end.
    var hiddenKeys: [BoundExpression]
    var sortKeys: [BatchSort.Key]
    var distinct: Bool
    var limit: Int?
    var offset: Int
    /// The rows a table will show of the result, when nothing else reads it (set on the outermost block only):
    /// a result of more rows then holds only these ends (``Executor/finishRows(_:_:stats:sorted:heldOf:)``).
    var shownRows: ShownRows?
    /// Window functions: the block below them, run first; this plan then reads their result as its table.
    var windowStage: WindowStage?
    /// How long each step took in the latest run, for `EXPLAIN ANALYZE` (shared by copies of the plan).
    let times = StepTimes()

    struct Aggregation {
        var keys: [BoundExpression]
        var keyFields: [Field]
        var aggregates: [AggregateSpec]
        /// HAVING, over the aggregated batch.
        var having: BoundExpression?
    }

    /// A short description of each step, for `aurum explain`.
    public var steps: [String] { explain(analyze: false) }

    /// The steps of this block in the order rows go through them; the operators under it (joins, CTEs, subqueries,
    /// UNION ALL) as an indented tree in place of the scan. With `analyze`, the rows each operator produced and the
    /// wall-clock time each step and operator took (``StepTimes``).
    func explain(analyze: Bool) -> [String] {
        let schema = source.schema
        // IN (SELECT …) subqueries run first, before the block's workers test rows against them.
        var lines = subqueries.flatMap { $0.table.explain(analyze: analyze) }
        if let windowStage {
            lines += windowStage.input.explain(analyze: analyze) + windowStage.steps(analyze: analyze)
        } else if let source = source as? PlanOperator {
            lines += source.explain(analyze: analyze)
        } else if let table, let answer = metadataAnswer {
            lines.append(answer.explain(table: table, work: analyze ? times.summaryWork : nil) + times.note(.aggregate, analyze: analyze))
        } else if let table {
            lines.append("SCAN \(table) columns [\(scanColumns.map { schema.fields[$0].name }.joined(separator: ", "))]" + times.note(.scan, analyze: analyze))
            lines.append(pruning.isEmpty ? "  zone-map pruning: none (no column-vs-constant conjunct in WHERE)" : "  zone-map pruning on: \(pruning)")
        } else {
            lines.append("ONE ROW (no FROM)")
        }
        if filter != nil { lines.append((windowStage == nil ? "FILTER (WHERE) → selection" : "FILTER (QUALIFY) → selection") + times.note(.filter, analyze: analyze)) }
        if let aggregation {
            let keys = aggregation.keyFields.map(\.name).joined(separator: ", ")
            let aggregates = aggregation.aggregates.map(\.text).joined(separator: ", ")
            if metadataAnswer == nil { lines.append((aggregation.keys.isEmpty ? "AGGREGATE [\(aggregates)]" : "HASH AGGREGATE by [\(keys)] computing [\(aggregates)]") + times.note(.aggregate, analyze: analyze)) }
            if aggregation.having != nil { lines.append("FILTER (HAVING)" + times.note(.having, analyze: analyze)) }
        }
        lines.append("PROJECT [\(outputFields.map(\.name).joined(separator: ", "))]" + times.note(.project, analyze: analyze))
        if distinct { lines.append("DISTINCT" + times.note(.distinct, analyze: analyze)) }
        if !sortKeys.isEmpty {
            lines.append((limit != nil ? "TOP-N " : "SORT ") + "by \(sortKeys.count) key\(sortKeys.count == 1 ? "" : "s")" + (limit.map { " keeping \($0 + offset) rows" } ?? "")
                + times.note(.sort, analyze: analyze))
        }
        if let limit { lines.append("LIMIT \(limit)" + (offset > 0 ? " OFFSET \(offset)" : "")) } else if offset > 0 { lines.append("OFFSET \(offset)") }
        return lines
    }
}
