import AurumStorage

/// A table that can add up a DOUBLE column's live, non-NULL values exactly from how it stores them, without a
/// scan (``StoreTable``: the decimal-scaled integers of its blocks). The executor's ``StoredDecimalSums`` asks it
/// for `sum` and `avg` of money over a whole table.
protocol DecimalSumSource {
    /// One exact sum per stored block of column `column` (an index into the table's schema), or nil when the
    /// column cannot be summed so (some block holds plain doubles; the column is computed): scan it instead.
    func decimalSums(column: Int, stats: inout ScanStats) throws -> [DecimalBlockSum]?
}

extension StoreTable: DecimalSumSource {
    func decimalSums(column: Int, stats: inout ScanStats) throws -> [DecimalBlockSum]? {
        guard let sums = try store.decimalSums(name, column: schema.fields[column].name) else { return nil }
        stats.segments += try store.table(name).segments.count
        stats.rowGroups += sums.count
        stats.rowsScanned += sums.reduce(0) { $0 + $1.rowCount }
        return sums
    }
}

extension DerivedColumnsTable: DecimalSumSource {
    /// A stored column's sums come from the base table; a derived column has none.
    func decimalSums(column: Int, stats: inout ScanStats) throws -> [DecimalBlockSum]? {
        guard column < base.schema.fields.count, let base = base as? DecimalSumSource else { return nil }
        return try base.decimalSums(column: column, stats: &stats)
    }
}
