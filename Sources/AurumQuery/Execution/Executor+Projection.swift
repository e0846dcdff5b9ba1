import AurumCore

extension Executor {
    /// Runs a query without aggregation on every core, a window of row groups at a time (`2n` for `n` workers; one
    /// when there is a single worker), in two steps as ``runAggregated(_:stats:monitor:)`` does: worker `w`
    /// filters row groups `w`, `w + n`, …; then what passed is cut into pieces of at most ``pieceRows`` rows and
    /// worker `w` projects pieces `w`, `w + n`, …. The result is the same as one thread's, row order included:
    ///
    /// - Without ORDER BY (and with DISTINCT, or ORDER BY without LIMIT), the projected pieces are kept in scan
    ///   order; DISTINCT and the sort run over their concatenation, as before.
    /// - LIMIT without ORDER BY stops the scan early: the window starts at one row group and doubles while the
    ///   LIMIT is not met, and only the rows still wanted are projected.
    /// - ORDER BY … LIMIT n keeps a top-n per worker (each worker's pieces come in scan order), merged at the end.
    ///   Rows tied on every ORDER BY key are ranked by their place in the scan (a hidden sequence column), so the
    ///   rows kept are those one thread keeps.
    ///
    /// Each worker asks the caller's cancellation before each batch it filters and each piece it projects; the
    /// scan asks before each batch it reads, and progress is told after each window.
    static func runProjected(
        _ plan: QueryPlan, stats: inout ScanStats, monitor: inout ExecutionMonitor
    ) throws(QueryError) -> (Batch, ScanStats) {
        let workerCount = Parallel.threadCount
        let wanted = plan.limit.map { $0 + plan.offset }
        let canStopEarly = plan.sortKeys.isEmpty && !plan.distinct && wanted != nil
        let keepsTop = !plan.sortKeys.isEmpty && !plan.distinct && wanted != nil
        let fullWindow = workerCount == 1 ? 1 : 2 * workerCount
        var windowSize = canStopEarly ? 1 : fullWindow
        // The hidden sequence column of a top-n, after the select list and the hidden ORDER BY keys.
        let sequenceColumn = plan.outputs.count + plan.hiddenKeys.count
        let topKeys = plan.sortKeys + [BatchSort.Key(column: sequenceColumn)]
        let computes = !(plan.outputs + plan.hiddenKeys).allSatisfy { if case .column = $0 { true } else { false } }

        var kept: [Batch] = []  // projected pieces in scan order (all but a top-n)
        var keptRows = 0
        var tops = [TopRows](repeating: TopRows(), count: workerCount)  // a top-n: each worker's best rows
        var rowsBefore = 0  // rows that passed WHERE in earlier windows (where the next piece's sequence starts)
        var rowsFiltered = 0
        var projectSeconds = 0.0
        let checkpoint = monitor

        try scanInWindows(plan, workerCount: workerCount, stats: &stats, monitor: &monitor, windowSize: { windowSize }) { window, selections throws(QueryError) in
            var pieces: [Piece] = []
            for (index, selection) in selections.enumerated() {
                let rowCount = selection?.count ?? window[index].rowCount
                rowsFiltered += rowCount
                if let selection {
                    for start in stride(from: 0, to: selection.count, by: pieceRows) {
                        pieces.append(Piece(batch: index, rows: selection[start..<min(start + pieceRows, selection.count)]))
                    }
                } else if computes && window.count < workerCount && rowCount > pieceRows {
                    // Fewer row groups than workers (a computed table is one batch): cut them, so that no core idles
                    // while another computes the select list over a whole row group.
                    for start in stride(from: 0, to: rowCount, by: pieceRows) {
                        pieces.append(Piece(batch: index, rows: ArraySlice(start..<min(start + pieceRows, rowCount))))
                    }
                } else if rowCount > 0 {
                    pieces.append(Piece(batch: index, rows: nil))
                }
            }
            if canStopEarly, let wanted {
                // Only the rows still wanted are projected: a costly select list over a whole row group would be
                // thrown away.
                var room = wanted - keptRows
                pieces = pieces.compactMap { piece in
                    let count = piece.rows?.count ?? window[piece.batch].rowCount
                    defer { room -= min(room, count) }
                    guard room > 0 else { return nil }
                    guard count > room else { return piece }
                    return Piece(batch: piece.batch, rows: piece.rows.map { $0.prefix(room) } ?? ArraySlice(0..<room))
                }
            }
            var sequenceStarts: [Int] = []
            for piece in pieces {
                sequenceStarts.append(rowsBefore)
                rowsBefore += piece.rows?.count ?? window[piece.batch].rowCount
            }

            let projectStart = ContinuousClock.now
            var projected = [Batch?](repeating: nil, count: pieces.count)
            try projected.withUnsafeMutableBufferPointer { projected throws(QueryError) in
                try tops.withUnsafeMutableBufferPointer { tops throws(QueryError) in
                    try eachWorker(min(workerCount, pieces.count)) { worker throws(QueryError) in
                        for index in stride(from: worker, to: pieces.count, by: workerCount) {
                            try checkpoint.check()
                            let piece = pieces[index]
                            let rows = piece.rows.map { window[piece.batch].gather(Array($0)) } ?? window[piece.batch]
                            var batch = try project(plan, rows)
                            guard keepsTop, let wanted else {
                                projected[index] = batch
                                continue
                            }
                            let start = Int64(sequenceStarts[index])
                            let sequence = PrimitiveColumn<Int64>(values: (0..<Int64(batch.rowCount)).map { start + $0 })
                            batch = Batch(schema: Schema(batch.schema.fields + [Field("_sequence", .int64)]), columns: batch.columns + [.int64(sequence)])
                            tops[worker].add(batch, keys: topKeys, wanted: wanted)
                        }
                    }
                }
            }
            projectSeconds += StepTimes.since(projectStart)
            if let sink = checkpoint.sink {
                // Streamed (a plain scan, filter and projection): each piece goes out now, in scan order.
                for case let batch? in projected where !sink.send(batch, visibleCount: plan.outputs.count) { return true }
                return false
            }
            for case let batch? in projected {
                kept.append(batch)
                keptRows += batch.rowCount
            }
            guard canStopEarly, let wanted else { return false }
            windowSize = min(2 * windowSize, fullWindow)
            return keptRows >= wanted
        }
        plan.times.set(.project, projectSeconds)
        stats.rowsFiltered = rowsFiltered

        if let sink = monitor.sink {
            var result = try finishRows(plan, Batch(empty: schema(plan)), stats: &stats)
            stats.rowsProduced = sink.rowCount
            result = Batch(empty: result.schema)
            return (result, stats)
        }
        guard keepsTop, let wanted else {
            let result = kept.isEmpty ? Batch(empty: schema(plan)) : Batch.concatenate(kept, schema: kept[0].schema)
            return (try finishRows(plan, result, stats: &stats), stats)
        }
        // The workers' best rows, merged: the first `wanted` by the ORDER BY keys, then by place in the scan.
        let sortStart = ContinuousClock.now
        let best = tops.flatMap(\.batches)
        var result = Batch(empty: Schema(schema(plan).fields + [Field("_sequence", .int64)]))
        if !best.isEmpty {
            let merged = Batch.concatenate(best, schema: best[0].schema)
            result = merged.gather(BatchSort.order(merged, keys: topKeys, limit: wanted))
        }
        plan.times.set(.sort, StepTimes.since(sortStart))
        return (try finishRows(plan, result, stats: &stats, sorted: true), stats)
    }

    /// Rows of one batch of a window handed to a worker: `rows` (all of them when nil).
    private struct Piece {
        var batch: Int
        var rows: ArraySlice<Int>?
    }

    /// One worker's candidates for `ORDER BY … LIMIT n`: the rows it projected, cut back to its best `n` whenever
    /// they pass `2n + 1024`, so that memory stays near `2n` rows a worker.
    private struct TopRows {
        var batches: [Batch] = []
        var rows = 0

        mutating func add(_ batch: Batch, keys: [BatchSort.Key], wanted: Int) {
            batches.append(batch)
            rows += batch.rowCount
            guard rows > 2 * wanted + 1024 else { return }
            let merged = Batch.concatenate(batches, schema: batch.schema)
            batches = [merged.gather(BatchSort.order(merged, keys: keys, limit: wanted))]
            rows = batches[0].rowCount
        }
    }
}
