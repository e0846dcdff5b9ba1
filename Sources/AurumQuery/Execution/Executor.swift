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
        if plan.aggregation != nil { return try runAggregated(plan, stats: &stats) }
        var kept: [Batch] = []
        var keptRows = 0
        let wanted = plan.limit.map { $0 + plan.offset }
        let canStopEarly = plan.sortKeys.isEmpty && !plan.distinct && wanted != nil
        var rowsFiltered = 0
        do {
            try plan.source.scan(columns: plan.scanColumns, pruning: plan.pruning, stats: &stats) { scanned in
                var batch = scanned
                if let filter = plan.filter {
                    let selection = selectedRows(try ExpressionEvaluator.evaluate(filter, batch).boolValues)
                    if selection.count != batch.rowCount { batch = batch.gather(selection) }
                }
                rowsFiltered += batch.rowCount
                guard batch.rowCount > 0 else { return }
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

        let result = kept.isEmpty ? Batch(empty: schema(plan)) : Batch.concatenate(kept, schema: kept[0].schema)
        stats.rowsFiltered = rowsFiltered
        return (try finishRows(plan, result, stats: &stats), stats)
    }

    /// Runs an aggregated query: row groups are filtered and aggregated on every core — worker `w` takes batches
    /// `w`, `w + n`, `w + 2n`, … of each window of `2n`, into its own ``Aggregator`` — and the workers'
    /// aggregators are merged in worker order, so the result does not depend on thread timing.
    private static func runAggregated(_ plan: QueryPlan, stats: inout ScanStats) throws(QueryError) -> (Batch, ScanStats) {
        guard let aggregation = plan.aggregation else { preconditionFailure("an aggregated plan") }
        let workerCount = Parallel.threadCount
        let aggregators = (0..<workerCount).map { _ in Aggregator(keyTypes: aggregation.keys.map(\.type), specs: aggregation.aggregates) }
        var rowsFiltered = 0
        var window: [Batch] = []
        func drain() throws(QueryError) {
            defer { window.removeAll(keepingCapacity: true) }
            if window.count == 1 {
                rowsFiltered += try aggregate(window[0], plan: plan, into: aggregators[0])
                return
            }
            var outcomes = [Result<Int, QueryError>](repeating: .success(0), count: workerCount)
            outcomes.withUnsafeMutableBufferPointer { outcomes in
                Parallel.forEachWorker(min(workerCount, window.count)) { worker in
                    var rows = 0
                    do throws(QueryError) {
                        for position in stride(from: worker, to: window.count, by: workerCount) {
                            rows += try aggregate(window[position], plan: plan, into: aggregators[worker])
                        }
                        outcomes[worker] = .success(rows)
                    } catch {
                        outcomes[worker] = .failure(error)
                    }
                }
            }
            for outcome in outcomes { rowsFiltered += try outcome.get() }
        }
        do {
            try plan.source.scan(columns: plan.scanColumns, pruning: plan.pruning, stats: &stats) { batch in
                window.append(batch)
                if window.count == 2 * workerCount { try drain() }
            }
            if !window.isEmpty { try drain() }
        } catch let error as QueryError {
            throw error
        } catch {
            throw .storage(message: String(describing: error))
        }
        for other in aggregators.dropFirst() { try aggregators[0].merge(other) }
        let aggregateFields = aggregation.aggregates.map { Field($0.text, $0.type, nullable: true) }
        var grouped = aggregators[0].finish(keyFields: aggregation.keyFields, aggregateFields: aggregateFields)
        if let having = aggregation.having {
            grouped = grouped.gather(selectedRows(try ExpressionEvaluator.evaluate(having, grouped).boolValues))
        }
        stats.rowsFiltered = rowsFiltered
        return (try finishRows(plan, try project(plan, grouped), stats: &stats), stats)
    }

    /// Filters `batch` and adds what passes to `aggregator`; returns the rows that passed.
    private static func aggregate(_ scanned: Batch, plan: QueryPlan, into aggregator: Aggregator) throws(QueryError) -> Int {
        guard let aggregation = plan.aggregation else { return 0 }
        var batch = scanned
        if let filter = plan.filter {
            let selection = selectedRows(try ExpressionEvaluator.evaluate(filter, batch).boolValues)
            if selection.count != batch.rowCount { batch = batch.gather(selection) }
        }
        guard batch.rowCount > 0 else { return 0 }
        let keys = try aggregation.keys.map { key throws(QueryError) in try ExpressionEvaluator.evaluate(key, batch) }
        let arguments = try aggregation.aggregates.map { spec throws(QueryError) in
            try spec.argument.map { argument throws(QueryError) in try ExpressionEvaluator.evaluate(argument, batch) }
        }
        try aggregator.add(keys: keys, arguments: arguments, rowCount: batch.rowCount, offset: 0)
        return batch.rowCount
    }

    /// DISTINCT, ORDER BY, OFFSET and LIMIT over the projected rows, and the hidden sort keys dropped.
    private static func finishRows(_ plan: QueryPlan, _ projected: Batch, stats: inout ScanStats) throws(QueryError) -> Batch {
        let visibleCount = plan.outputs.count
        let wanted = plan.limit.map { $0 + plan.offset }
        var result = projected
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
        return result
    }

    /// The rows where `mask` is true (not false, not NULL), in order.
    private static func selectedRows(_ mask: PrimitiveColumn<UInt8>) -> [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(mask.count)
        mask.values.withUnsafeBufferPointer { values in
            if let validity = mask.validity {
                validity.withUnsafeBufferPointer { validity in
                    for row in 0..<values.count where values[row] & validity[row] != 0 { rows.append(row) }
                }
            } else {
                for row in 0..<values.count where values[row] != 0 { rows.append(row) }
            }
        }
        return rows
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
