import AurumCore
import AurumStorage

/// A whole-table aggregate answered from metadata instead of a scan: `count(*)` from the manifest's row counts,
/// `count(x)` from the zone maps' NULL counts, `min(x)`/`max(x)` from their bounds. DuckDB's and every column
/// store's fast path for the questions a one-shot script asks first ("how many rows, from when to when?").
///
/// It applies to a block that aggregates a catalogue table with no WHERE, no GROUP BY and no window, when every
/// aggregate is one of those over a plain stored column (HAVING, ORDER BY, LIMIT and the select list's arithmetic
/// then run over the one aggregated row as usual). Otherwise the block runs as a scan.
///
/// The answer is exact or not given: zone maps still count deleted rows, so a row group holding some is decoded
/// (that column only) and its live rows summarised; text bounds the footer did not keep are read likewise.
/// `min`/`max` of DOUBLE are left to the scan, since the footer orders doubles by `<`, which places neither NaN
/// (DuckDB's greatest) nor the sign of a zero as the aggregate does.
struct MetadataAnswer {
    /// One aggregate, as metadata answers it.
    enum Item: Equatable {
        /// `count(*)`: the table's live rows.
        case rowCount
        /// `count(x)`: the non-NULL rows of the table's column `column`.
        case nonNullCount(column: Int)
        /// `min(x)` of the table's column `column`.
        case minimum(column: Int)
        /// `max(x)` of the table's column `column`.
        case maximum(column: Int)

        var column: Int? {
            switch self {
            case .rowCount: nil
            case .nonNullCount(let column), .minimum(let column), .maximum(let column): column
            }
        }
    }

    let table: SummarizedTable
    /// One per aggregate of the plan, in order.
    let items: [Item]
    let fields: [Field]

    /// The metadata answer of `plan`'s block, or nil when it must scan.
    init?(_ plan: QueryPlan) {
        guard plan.table != nil, plan.windowStage == nil, plan.subqueries.isEmpty, plan.filter == nil,
            let aggregation = plan.aggregation, aggregation.keys.isEmpty, !(plan.source is PlanOperator),
            let table = plan.source as? SummarizedTable
        else { return nil }
        var items: [Item] = []
        for spec in aggregation.aggregates {
            guard spec.filter == nil else { return nil }
            let column: Int?
            switch spec.argument {
            case nil: column = nil
            case .column(let position, _)?: column = plan.scanColumns[position]
            default: return nil
            }
            let item: Item
            switch (spec.kind, column) {
            case (.count, nil): item = .rowCount
            case (.count, let column?) where !spec.distinct: item = .nonNullCount(column: column)
            // DISTINCT changes no extreme.
            case (.min, let column?) where Self.boundsAreExact(spec.type): item = .minimum(column: column)
            case (.max, let column?) where Self.boundsAreExact(spec.type): item = .maximum(column: column)
            default: return nil
            }
            guard table.canSummarize(item.column) else { return nil }
            items.append(item)
        }
        self.table = table
        self.items = items
        fields = aggregation.aggregates.map { Field($0.text, $0.type, nullable: true) }
    }

    /// Whether the footer's order of bounds is the aggregate's for `type` (see the type's discussion).
    private static func boundsAreExact(_ type: DataType) -> Bool {
        switch type {
        case .int64, .date, .bool, .string: true
        case .double: false
        }
    }

    /// The aggregated batch (one row, a column per aggregate, as the aggregator would give it) and what finding
    /// it took.
    func aggregate() throws -> (batch: Batch, work: SummaryWork) {
        // Each column once, its bounds asked when some item wants them.
        var asked: [(index: Int, bounds: Bool)] = []
        for item in items {
            guard let column = item.column else { continue }
            let bounds = item != .nonNullCount(column: column)
            if let known = asked.firstIndex(where: { $0.index == column }) {
                asked[known].bounds = asked[known].bounds || bounds
            } else {
                asked.append((column, bounds))
            }
        }
        let (summaries, work) = try table.summaries(of: asked)
        let rowCount = items.contains(.rowCount) ? try table.liveRowCount() : 0
        func summary(_ column: Int) -> ColumnSummary {
            guard let position = asked.firstIndex(where: { $0.index == column }) else { preconditionFailure("a column not asked") }
            return summaries[position]
        }
        let columns = zip(items, fields).map { item, field -> Column in
            switch item {
            case .rowCount: .int64(PrimitiveColumn(values: [Int64(rowCount)]))
            case .nonNullCount(let column): .int64(PrimitiveColumn(values: [Int64(summary(column).nonNullCount)]))
            case .minimum(let column): Column.broadcast(summary(column).min, type: field.type, count: 1)
            case .maximum(let column): Column.broadcast(summary(column).max, type: field.type, count: 1)
            }
        }
        return (Batch(schema: Schema(fields), columns: columns), work)
    }

    /// The line `EXPLAIN` shows in place of the scan and the aggregate; with `work` (after a run), what it read.
    func explain(table name: String, work: SummaryWork?) -> String {
        let what = fields.map(\.name).joined(separator: ", ")
        var line = "METADATA \(name) → [\(what)]: answered from metadata, no scan (row counts from the manifest"
        if items.contains(where: { $0.column != nil }) {
            line += ", non-NULL counts and bounds from segment footers; row groups they cannot answer for, with deleted rows or long text, decoded"
        }
        line += ")"
        guard let work else { return line }
        return line + "; \(work.footersRead) of \(work.segments) footers read, \(work.rowGroupsDecoded) of \(work.rowGroups) row groups decoded"
    }
}

extension QueryPlan {
    /// How metadata answers this block, or nil when it scans (``MetadataAnswer``).
    var metadataAnswer: MetadataAnswer? { MetadataAnswer(self) }
}
