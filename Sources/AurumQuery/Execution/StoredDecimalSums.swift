import AurumCore
import AurumKernels
import AurumStorage

/// `sum` and `avg` of money over a whole table, added from the stored decimal integers of each block instead of
/// decoded doubles (``DecimalSumSource``): for `SELECT sum(spend), avg(conversion_value) FROM t` without WHERE or
/// GROUP BY, each block's sum is its integers' sum at its scale, so no double is made and no row is checked.
///
/// The result is bit for bit what ``DecimalSumAggregate`` gives over the decoded rows: the same exact sum in
/// millionths (``DecimalSums/millionths(ofIntegerSum:scale:magnitudeBound:)``), turned into a double the same way.
/// When any block cannot be summed so — plain doubles, more than 6 places, a magnitude ``DecimalSums`` would not
/// add exactly, an overflow — the query runs the ordinary way, whose fallback handles those.
enum StoredDecimalSums {
    /// The aggregated batch (one row: each aggregate's value) of `plan`, or nil when the plan is not such a query
    /// or its table cannot sum a column so.
    static func aggregate(_ plan: QueryPlan, stats: inout ScanStats, monitor: inout ExecutionMonitor) throws(QueryError) -> Batch? {
        guard let aggregation = plan.aggregation, aggregation.keys.isEmpty, plan.filter == nil, plan.pruning.isEmpty,
            plan.subqueries.isEmpty, plan.windowStage == nil, let source = plan.source as? DecimalSumSource
        else { return nil }
        var columns: [Int] = []
        for spec in aggregation.aggregates {
            guard spec.decimal, !spec.distinct, spec.filter == nil, spec.kind == .sum || spec.kind == .avg,
                case .column(let scanned, .double) = spec.argument, scanned < plan.scanColumns.count
            else { return nil }
            columns.append(plan.scanColumns[scanned])
        }
        try monitor.check()
        // Each column once, however many aggregates read it (`sum(spend)`, `avg(spend)`).
        var totals: [Int: (millionths: Int64, count: Int)] = [:]
        var counted = ScanStats()
        var again = ScanStats()
        for column in columns where totals[column] == nil {
            let sums: [DecimalBlockSum]?
            do {
                // The scan's counts as if the table had been read once, however many columns are summed.
                if totals.isEmpty {
                    sums = try source.decimalSums(column: column, stats: &counted)
                } else {
                    sums = try source.decimalSums(column: column, stats: &again)
                }
            } catch {
                throw .reading(error)
            }
            guard let sums, let total = total(sums) else { return nil }
            totals[column] = total
        }
        stats.segments += counted.segments
        stats.rowGroups += counted.rowGroups
        stats.rowsScanned += counted.rowsScanned
        stats.rowsFiltered = counted.rowsScanned
        try monitor.processed(rows: counted.rowsScanned)
        let values = zip(aggregation.aggregates, columns).map { spec, column -> Column in
            let (millionths, count) = totals[column]!
            let sum = Double(millionths) / DecimalSums.scale
            let value = spec.kind == .avg ? sum / Double(count) : sum
            return .double(PrimitiveColumn(values: [count == 0 ? 0 : value], validity: count == 0 ? [0] : nil))
        }
        let fields = aggregation.aggregates.map { Field($0.text, $0.type, nullable: true) }
        return Batch(schema: Schema(fields), columns: values)
    }

    /// The blocks' sums in millionths and their count of values; nil when a block cannot be added exactly.
    private static func total(_ sums: [DecimalBlockSum]) -> (millionths: Int64, count: Int)? {
        var millionths: Int64 = 0
        var count = 0
        for block in sums where block.count > 0 {
            guard let part = DecimalSums.millionths(
                ofIntegerSum: block.integerSum, scale: block.scale, magnitudeBound: block.integerMagnitudeBound)
            else { return nil }
            let (sum, overflow) = millionths.addingReportingOverflow(part)
            guard !overflow else { return nil }
            millionths = sum
            count += block.count
        }
        return (millionths, count)
    }
}
