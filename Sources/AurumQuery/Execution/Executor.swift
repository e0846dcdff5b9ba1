import AurumCore

/// Runs a ``QueryPlan``: streams the table's row groups through the filter into either the aggregator or the
/// projection, then sorts (a top-N when there is a LIMIT), applies DISTINCT, OFFSET and LIMIT.
///
/// Every query runs on every core: ``runAggregated(_:stats:monitor:)`` reads, filters and aggregates each row group
/// on one worker; ``runProjected(_:stats:monitor:)`` (`Executor+Projection.swift`) filters a window of row groups at
/// once, one worker per row group, then projects pieces of what passed on every worker; the result never depends
/// on thread timing.
///
/// Memory grows with the groups and the kept result rows, not with the table: a window of row groups is read at a
/// time, and with ORDER BY … LIMIT n only about 2 × n candidate rows a worker are kept between windows.
enum Executor {
    /// Runs `plan`, telling `monitor` each scanned batch (which stops the run when the caller cancels it).
    static func run(_ plan: QueryPlan, monitor: inout ExecutionMonitor) throws(QueryError) -> (Batch, ScanStats) {
        if let stage = plan.windowStage { return try runWindowed(plan, stage: stage, monitor: &monitor) }
        if let answer = plan.metadataAnswer { return try runFromMetadata(plan, answer: answer, monitor: monitor) }
        var stats = ScanStats()
        // IN (SELECT …) subqueries run now, once, before workers test rows against them.
        for subquery in plan.subqueries { try subquery.load(stats: &stats) }
        monitor.begin()
        if plan.aggregation != nil { return try runAggregated(plan, stats: &stats, monitor: &monitor) }
        return try runProjected(plan, stats: &stats, monitor: &monitor)
    }

    /// Runs an aggregated query on every core (``scanIntoWorkers(_:workerCount:fixedPoint:stats:monitor:fold:)``): worker `w`
    /// of `n` reads, filters and aggregates row groups `w`, `w + n`, … into its own ``Aggregator``, one row group
    /// after the other with no wait between the steps. Row groups go to workers by their place in the scan, and the
    /// workers' aggregators, which sort their groups into partitions as they go, are merged by ``PartitionedMerge``
    /// (many groups: partition by partition, in parallel), so the result does not depend on thread timing.
    ///
    /// Money columns that only exact sums read are scanned as millionths (``FixedPointArguments``).
    ///
    /// Each worker asks the caller's cancellation before each row group it filters and each piece it aggregates: a
    /// row group that wholly passed is one piece, unless keys or arguments build text; the rows that passed WHERE
    /// and such row groups are cut into pieces of at most ``pieceRows`` rows.
    private static func runAggregated(
        _ plan: QueryPlan, stats: inout ScanStats, monitor: inout ExecutionMonitor
    ) throws(QueryError) -> (Batch, ScanStats) {
        guard let aggregation = plan.aggregation else { preconditionFailure("an aggregated plan") }
        // Whole-table sums of money need no scan: each block's stored integers are added as they are.
        let aggregateStart = ContinuousClock.now
        if let grouped = try StoredDecimalSums.aggregate(plan, stats: &stats, monitor: &monitor) {
            plan.times.set(.aggregate, StepTimes.since(aggregateStart))
            return try finishAggregated(plan, grouped, stats: &stats)
        }
        let workerCount = Parallel.threadCount
        let partitions = PartitionedMerge.partitionCount(workers: workerCount)
        let aggregators = (0..<workerCount).map { _ in
            Aggregator(keyTypes: aggregation.keys.map(\.type), specs: aggregation.aggregates, partitions: partitions)
        }
        let inputs = AggregationInputs(aggregation)
        let checkpoint = monitor
        let fixedPoint = FixedPointArguments.positions(plan)
        let scanned = try scanIntoWorkers(plan, workerCount: workerCount, fixedPoint: fixedPoint, stats: &stats, monitor: &monitor) { worker, batch, passed throws(QueryError) in
            // Pieces of at most `pieceRows` rows, so that Ctrl-C is answered within a piece: of the rows that passed,
            // or of a whole row group when keys or arguments build text (which costs far more than copying rows).
            guard passed != nil || (inputs.computesText && batch.rowCount > pieceRows) else {
                try checkpoint.check()
                try aggregate(inputs.narrow(batch, rows: nil), inputs: inputs, into: aggregators[worker])
                return
            }
            let rows = passed ?? Array(0..<batch.rowCount)
            for start in stride(from: 0, to: rows.count, by: pieceRows) {
                try checkpoint.check()
                try aggregate(inputs.narrow(batch, rows: Array(rows[start..<min(start + pieceRows, rows.count)])), inputs: inputs, into: aggregators[worker])
            }
        }
        let mergeStart = ContinuousClock.now
        let aggregateFields = aggregation.aggregates.map { Field($0.text, $0.type, nullable: true) }
        // Without HAVING, the groups a table will not show need not even be finished.
        let shown = aggregation.having == nil ? projectsShownRowsOnly(plan) : nil
        let (grouped, rowCount) = try PartitionedMerge.finish(
            aggregators, keyFields: aggregation.keyFields, aggregateFields: aggregateFields, shown: shown)
        plan.times.set(.aggregate, scanned.foldSeconds + StepTimes.since(mergeStart))
        stats.rowsFiltered = scanned.rowsPassed
        // (A batch of no column holds no row: `SELECT 1 AS one HAVING false` has one group and no column.)
        return try finishAggregated(plan, grouped, stats: &stats, heldOf: shown != nil && rowCount > grouped.rowCount ? rowCount : nil)
    }

    /// The rows a table will show of the plan's result (``QueryPlan/shownRows``) when its groups come unordered and
    /// whole (no ORDER BY, DISTINCT, LIMIT or OFFSET) and no row left out could make the select list fail (the
    /// query would fail, shown or not): then only those groups need be projected.
    private static func projectsShownRowsOnly(_ plan: QueryPlan) -> ShownRows? {
        guard plan.sortKeys.isEmpty, !plan.distinct, plan.limit == nil, plan.offset == 0, plan.outputs.allSatisfy(\.cannotFail) else {
            return nil
        }
        return plan.shownRows
    }

    /// HAVING, the select list and the rest (``finishRows(_:_:stats:sorted:heldOf:)``) over the aggregated batch;
    /// `heldOf`: the groups in all, when `aggregated` holds only those shown (``projectsShownRowsOnly(_:)``).
    static func finishAggregated(
        _ plan: QueryPlan, _ aggregated: Batch, stats: inout ScanStats, heldOf held: Int? = nil
    ) throws(QueryError) -> (Batch, ScanStats) {
        var grouped = aggregated
        if let aggregation = plan.aggregation, let having = aggregation.having {
            precondition(held == nil, "HAVING reads every group")
            let havingStart = ContinuousClock.now
            grouped = grouped.gather(selectedRows(try ExpressionEvaluator.evaluate(having, grouped).boolValues))
            plan.times.set(.having, StepTimes.since(havingStart))
        }
        var rowCount = held
        if rowCount == nil, let shown = projectsShownRowsOnly(plan), grouped.rowCount > shown.count {
            rowCount = grouped.rowCount
            grouped = grouped.gather(shown.rows(of: grouped.rowCount))
        }
        let projectStart = ContinuousClock.now
        let projected = try project(plan, grouped)
        plan.times.set(.project, StepTimes.since(projectStart))
        return (try finishRows(plan, projected, stats: &stats, heldOf: rowCount), stats)
    }

    /// Rows per piece of filtered rows handed to a worker.
    static let pieceRows = 16_384

    /// For each batch, the rows that pass the WHERE clause, or nil when all do (or there is none); batch `i` is
    /// filtered on worker `i % workerCount`, unless `passing[i]` (its zone maps proved every row passes).
    static func filter(
        _ batches: [Batch], passing: [Bool], plan: QueryPlan, workerCount: Int, checkpoint: ExecutionMonitor
    ) throws(QueryError) -> [[Int]?] {
        guard let filter = plan.filter else { return batches.map { _ in nil } }
        var selections = [[Int]?](repeating: nil, count: batches.count)
        try selections.withUnsafeMutableBufferPointer { selections throws(QueryError) in
            try eachWorker(min(workerCount, batches.count)) { worker throws(QueryError) in
                for index in stride(from: worker, to: batches.count, by: workerCount) where !passing[index] {
                    try checkpoint.check()
                    let selection = selectedRows(try ExpressionEvaluator.evaluate(filter, batches[index]).boolValues)
                    selections[index] = selection.count == batches[index].rowCount ? nil : selection
                }
            }
        }
        return selections
    }

    /// `body(worker)` on `count` workers at once (``Parallel/forEachWorker(_:_:)``); the first error by worker
    /// order is rethrown once all are done.
    static func eachWorker(_ count: Int, _ body: (Int) throws(QueryError) -> Void) throws(QueryError) {
        var failures = [QueryError?](repeating: nil, count: count)
        failures.withUnsafeMutableBufferPointer { failures in
            Parallel.forEachWorker(count) { worker in
                do throws(QueryError) { try body(worker) } catch { failures[worker] = error }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    /// What aggregation reads: the scanned columns its keys and arguments use, and those expressions renumbered
    /// onto just these columns, so that filtered rows are gathered only for columns still needed (not for a
    /// column read only by WHERE).
    private struct AggregationInputs {
        let columns: [Int]
        let keys: [BoundExpression]
        let arguments: [BoundExpression?]
        /// The keys of `arg_max(value, key)` and `arg_min` (nil for the other aggregates).
        let orderKeys: [BoundExpression?]
        /// Each aggregate's `FILTER (WHERE …)`, nil for none.
        let filters: [BoundExpression?]
        /// Whether a key, argument or FILTER builds text (``BoundExpression/computesText``).
        let computesText: Bool

        init(_ aggregation: QueryPlan.Aggregation) {
            var used = Set<Int>()
            for key in aggregation.keys { key.collectColumns(into: &used) }
            for spec in aggregation.aggregates {
                spec.argument?.collectColumns(into: &used)
                spec.key?.collectColumns(into: &used)
                spec.filter?.collectColumns(into: &used)
            }
            columns = used.isEmpty ? [0] : used.sorted()  // one column at least, to carry the row count
            let mapping = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
            keys = aggregation.keys.map { $0.remapColumns(mapping) }
            arguments = aggregation.aggregates.map { $0.argument?.remapColumns(mapping) }
            orderKeys = aggregation.aggregates.map { $0.key?.remapColumns(mapping) }
            filters = aggregation.aggregates.map { $0.filter?.remapColumns(mapping) }
            computesText = (keys + arguments.compactMap { $0 } + orderKeys.compactMap { $0 } + filters.compactMap { $0 }).contains(where: \.computesText)
        }

        /// `batch`'s rows at `rows` (all of them when nil), of the columns read.
        func narrow(_ batch: Batch, rows: [Int]?) -> Batch {
            Batch(schema: Schema(columns.map { batch.schema.fields[$0] }),
                  columns: columns.map { rows.map(batch.columns[$0].gather) ?? batch.columns[$0] })
        }
    }

    /// Adds an already filtered and narrowed batch to `aggregator`.
    private static func aggregate(_ batch: Batch, inputs: AggregationInputs, into aggregator: Aggregator) throws(QueryError) {
        guard batch.rowCount > 0 else { return }
        let keys = try inputs.keys.map { key throws(QueryError) in try ExpressionEvaluator.evaluate(key, batch) }
        let arguments = try inputs.arguments.map { argument throws(QueryError) in
            try argument.map { argument throws(QueryError) in try ExpressionEvaluator.evaluate(argument, batch) }
        }
        // A key is computed once per distinct expression (`arg_max(a, k), arg_max(b, k)` share one).
        var computed: [(key: BoundExpression, column: Column)] = []
        let orderKeys = try inputs.orderKeys.map { key throws(QueryError) -> Column? in
            guard let key else { return nil }
            if let known = computed.first(where: { $0.key == key }) { return known.column }
            let column = try ExpressionEvaluator.evaluate(key, batch)
            computed.append((key, column))
            return column
        }
        // A FILTER's rows are found once per distinct condition (`sum(a) FILTER (WHERE x)`, `count(*) FILTER
        // (WHERE x)` share one).
        var found: [(filter: BoundExpression, rows: [Int])] = []
        let filtered = try inputs.filters.map { filter throws(QueryError) -> [Int]? in
            guard let filter else { return nil }
            if let known = found.first(where: { $0.filter == filter }) { return known.rows }
            let rows = selectedRows(try ExpressionEvaluator.evaluate(filter, batch).boolValues)
            found.append((filter, rows))
            return rows
        }
        try aggregator.add(keys: keys, arguments: arguments, orderKeys: orderKeys, filters: filtered, rowCount: batch.rowCount, offset: 0)
    }

    /// DISTINCT, ORDER BY, OFFSET and LIMIT over the projected rows, and the hidden sort keys dropped; `sorted`
    /// when the rows already come in ORDER BY's order (a merged top-n). With the plan's ``QueryPlan/shownRows``,
    /// a result of more rows keeps only the two ends a table shows (an ORDER BY without LIMIT or OFFSET then
    /// orders no other row: ``BatchSort/ends(_:keys:first:last:)``); `stats` counts every row either way.
    /// `heldOf`: the result's rows, when `projected` already holds only those ends (nothing is left to do to them).
    static func finishRows(
        _ plan: QueryPlan, _ projected: Batch, stats: inout ScanStats, sorted: Bool = false, heldOf held: Int? = nil
    ) throws(QueryError) -> Batch {
        let visibleCount = plan.outputs.count
        let wanted = plan.limit.map { $0 + plan.offset }
        var result = projected
        // The rows of the whole result, once `result` holds only its shown ends.
        var rowCount = held
        precondition(held == nil || (plan.sortKeys.isEmpty && !plan.distinct && wanted == nil && plan.offset == 0), "ends held are final")
        if plan.distinct {
            let start = ContinuousClock.now
            result = distinctRows(result, visibleCount: visibleCount)
            plan.times.set(.distinct, StepTimes.since(start))
        }
        if !plan.sortKeys.isEmpty && !sorted {
            let start = ContinuousClock.now
            if let shown = plan.shownRows, wanted == nil, plan.offset == 0, result.rowCount > shown.count {
                rowCount = result.rowCount
                result = result.gather(BatchSort.ends(result, keys: plan.sortKeys, first: shown.first, last: shown.last))
            } else {
                result = result.gather(BatchSort.order(result, keys: plan.sortKeys, limit: wanted))
            }
            plan.times.set(.sort, StepTimes.since(start))
        }
        if rowCount == nil {
            let start = min(plan.offset, result.rowCount)
            let end = plan.limit.map { min(start + $0, result.rowCount) } ?? result.rowCount
            if start != 0 || end != result.rowCount { result = result.gather(Array(start..<end)) }
            if let shown = plan.shownRows, result.rowCount > shown.count {
                rowCount = result.rowCount
                result = result.gather(shown.rows(of: result.rowCount))
            }
        }
        if result.columns.count != visibleCount {
            result = Batch(schema: Schema(Array(result.schema.fields.prefix(visibleCount))), columns: Array(result.columns.prefix(visibleCount)))
        }
        stats.rowsProduced = rowCount ?? result.rowCount
        return result
    }

    /// The rows where `mask` is true (not false, not NULL), in order; branch-free (each row is written, and the
    /// count advances only past the true ones).
    static func selectedRows(_ mask: PrimitiveColumn<UInt8>) -> [Int] {
        let count = mask.count
        return [Int](unsafeUninitializedCapacity: count) { rows, selected in
            selected = 0
            mask.values.withUnsafeBufferPointer { values in
                if let validity = mask.validity {
                    validity.withUnsafeBufferPointer { validity in
                        for row in 0..<count {
                            rows[selected] = row
                            selected &+= values[row] != 0 && validity[row] != 0 ? 1 : 0
                        }
                    }
                } else {
                    for row in 0..<count {
                        rows[selected] = row
                        selected &+= values[row] != 0 ? 1 : 0
                    }
                }
            }
        }
    }

    /// The select list plus hidden ORDER BY keys over `batch`.
    /// (Each expression on its own: on every core for a long batch, ``IndependentWork``.)
    static func project(_ plan: QueryPlan, _ batch: Batch) throws(QueryError) -> Batch {
        let expressions = plan.outputs + plan.hiddenKeys
        let columns = try IndependentWork.map(expressions.count, rows: batch.rowCount) { index throws(QueryError) in
            try ExpressionEvaluator.evaluate(expressions[index], batch)
        }
        return Batch(schema: schema(plan), columns: columns)
    }

    static func schema(_ plan: QueryPlan) -> Schema {
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
