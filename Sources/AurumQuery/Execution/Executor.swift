import AurumCore

/// Runs a ``QueryPlan``: streams the table's row groups through the filter into either the aggregator or the
/// projection, then sorts (a top-N when there is a LIMIT), applies DISTINCT, OFFSET and LIMIT.
///
/// Memory grows with the groups and the kept result rows, not with the table: row groups are read one at a
/// time, and with ORDER BY … LIMIT n only about 2 × n candidate rows are kept between row groups.
enum Executor {
    /// Thrown inside a scan to stop it once a LIMIT without ORDER BY is satisfied.
    private struct Enough: Error {}

    static func run(_ plan: QueryPlan) throws(QueryError) -> (Batch, ScanStats) {
        var stats = ScanStats()
        let aggregator = plan.aggregation.map { Aggregator(keyTypes: $0.keys.map(\.type), specs: $0.aggregates) }
        var kept: [Batch] = []
        var keptRows = 0
        let visibleCount = plan.outputs.count
        let wanted = plan.limit.map { $0 + plan.offset }
        let canStopEarly = plan.aggregation == nil && plan.sortKeys.isEmpty && !plan.distinct && wanted != nil
        var rowsFiltered = 0
        defer { stats.rowsFiltered = rowsFiltered }
        do {
            try plan.source.scan(columns: plan.scanColumns, pruning: plan.pruning, stats: &stats) { scanned in
                var batch = scanned
                if let filter = plan.filter {
                    let mask = try ExpressionEvaluator.evaluate(filter, batch).boolValues
                    let selection = (0..<batch.rowCount).filter { !mask.isNull($0) && mask.values[$0] != 0 }
                    if selection.count != batch.rowCount { batch = batch.gather(selection) }
                }
                rowsFiltered += batch.rowCount
                guard batch.rowCount > 0 else { return }
                if let aggregator, let aggregation = plan.aggregation {
                    let keys = try aggregation.keys.map { key throws(QueryError) in try ExpressionEvaluator.evaluate(key, batch) }
                    let arguments = try aggregation.aggregates.map { spec throws(QueryError) in
                        try spec.argument.map { argument throws(QueryError) in try ExpressionEvaluator.evaluate(argument, batch) }
                    }
                    try aggregator.add(keys: keys, arguments: arguments, rowCount: batch.rowCount, offset: 0)
                    return
                }
                let projected = try project(plan, batch)
                kept.append(projected)
                keptRows += projected.rowCount
                if let wanted, !plan.sortKeys.isEmpty, !plan.distinct, keptRows > 2 * wanted + 1024 {
                    // Top-N: keep only the best `wanted` rows so far.
                    let merged = Batch.concatenate(kept, schema: projected.schema)
                    let order = BatchSort.order(merged, keys: plan.sortKeys)
                    kept = [merged.gather(Array(order.prefix(wanted)))]
                    keptRows = kept[0].rowCount
                }
                if canStopEarly, let wanted, keptRows >= wanted { throw Enough() }
            }
        } catch is Enough {
        } catch let error as QueryError {
            throw error
        } catch {
            throw .storage(message: String(describing: error))
        }

        var result: Batch
        if let aggregator, let aggregation = plan.aggregation {
            let aggregateFields = aggregation.aggregates.map { Field($0.text, $0.type, nullable: true) }
            var grouped = aggregator.finish(keyFields: aggregation.keyFields, aggregateFields: aggregateFields)
            if let having = aggregation.having {
                let mask = try ExpressionEvaluator.evaluate(having, grouped).boolValues
                grouped = grouped.gather((0..<grouped.rowCount).filter { !mask.isNull($0) && mask.values[$0] != 0 })
            }
            result = try project(plan, grouped)
        } else {
            result = kept.isEmpty ? Batch(empty: schema(plan)) : Batch.concatenate(kept, schema: kept[0].schema)
        }
        if plan.distinct {
            result = distinctRows(result, visibleCount: visibleCount)
        }
        if !plan.sortKeys.isEmpty {
            var order = BatchSort.order(result, keys: plan.sortKeys)
            if let wanted { order = Array(order.prefix(wanted)) }
            result = result.gather(order)
        }
        let start = min(plan.offset, result.rowCount)
        let end = plan.limit.map { min(start + $0, result.rowCount) } ?? result.rowCount
        if start != 0 || end != result.rowCount { result = result.gather(Array(start..<end)) }
        if result.columns.count != visibleCount {
            result = Batch(schema: Schema(Array(result.schema.fields.prefix(visibleCount))), columns: Array(result.columns.prefix(visibleCount)))
        }
        stats.rowsProduced = result.rowCount
        stats.rowsFiltered = rowsFiltered
        return (result, stats)
    }

    /// The select list plus hidden ORDER BY keys over `batch`.
    private static func project(_ plan: QueryPlan, _ batch: Batch) throws(QueryError) -> Batch {
        var columns: [Column] = []
        for output in plan.outputs { columns.append(try ExpressionEvaluator.evaluate(output, batch)) }
        for key in plan.hiddenKeys { columns.append(try ExpressionEvaluator.evaluate(key, batch)) }
        return Batch(schema: schema(plan), columns: columns)
    }

    private static func schema(_ plan: QueryPlan) -> Schema {
        Schema(plan.outputFields + plan.hiddenKeys.enumerated().map { Field("_order_\($0.offset)", $0.element.type, nullable: true) })
    }

    /// The first row of each distinct combination of the visible columns, in order.
    private static func distinctRows(_ batch: Batch, visibleCount: Int) -> Batch {
        var encoders = (0..<visibleCount).map { KeyEncoder(type: batch.schema.fields[$0].type) }
        let codes = (0..<visibleCount).map { encoders[$0].codes(batch.columns[$0]) }
        var seen = Set<[UInt32]>()
        var keep: [Int] = []
        for row in 0..<batch.rowCount where seen.insert(codes.map { $0[row] }).inserted { keep.append(row) }
        return keep.count == batch.rowCount ? batch : batch.gather(keep)
    }
}
