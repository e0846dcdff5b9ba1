import AurumStorage

/// A table that knows from metadata how many rows it holds and what its columns hold (min, max, non-NULL count),
/// without a scan: what ``MetadataAnswer`` answers `count(*)`, `count(x)`, `min(x)` and `max(x)` of a whole table
/// from.
public protocol SummarizedTable: TableSource {
    /// Whether the table can say its row count (`column` nil) or summarise the column at `column` (a stored
    /// column, not one computed as it is read).
    func canSummarize(_ column: Int?) -> Bool
    /// The live rows (deleted ones excluded), from the manifest alone.
    func liveRowCount() throws -> Int
    /// The exact summary of each asked column of the live rows (`bounds`: whether its min and max are wanted, or
    /// its non-NULL count only), and what finding them took.
    func summaries(of columns: [(index: Int, bounds: Bool)]) throws -> (summaries: [ColumnSummary], work: SummaryWork)
}

extension StoreTable: SummarizedTable {
    public func canSummarize(_ column: Int?) -> Bool { column.map(schema.fields.indices.contains) ?? true }

    // The snapshot's manifest, not the committed one: a transaction's reads (Gold built during an ingest) see
    // their own uncommitted rows.
    public func liveRowCount() throws -> Int { try store.table(name, in: snapshot).liveRowCount }

    public func summaries(of columns: [(index: Int, bounds: Bool)]) throws -> (summaries: [ColumnSummary], work: SummaryWork) {
        try store.columnSummaries(name, columns: columns.map { ColumnSummaryRequest(column: schema.fields[$0.index].name, bounds: $0.bounds) }, in: snapshot)
    }
}

/// Gold's tables: the stored columns are the base's, at the same positions; a computed ratio is never summarised
/// (its extremes are not a ratio of the stored columns' extremes).
extension DerivedColumnsTable: SummarizedTable {
    private var summarizedBase: SummarizedTable? { base as? SummarizedTable }

    public func canSummarize(_ column: Int?) -> Bool {
        guard let summarizedBase else { return false }
        guard let column else { return summarizedBase.canSummarize(nil) }
        return column < base.schema.count && summarizedBase.canSummarize(column)
    }

    public func liveRowCount() throws -> Int {
        guard let summarizedBase, canSummarize(nil) else { preconditionFailure("the row count of a table that cannot say it") }
        return try summarizedBase.liveRowCount()
    }

    public func summaries(of columns: [(index: Int, bounds: Bool)]) throws -> (summaries: [ColumnSummary], work: SummaryWork) {
        guard let summarizedBase, columns.allSatisfy({ canSummarize($0.index) }) else {
            preconditionFailure("a summary of a column the table cannot summarise")
        }
        return try summarizedBase.summaries(of: columns)
    }
}
