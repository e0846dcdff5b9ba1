import AurumCore

/// Computes a ``WindowStage``'s calls over its input batch: the batch, with one column per call appended, rows in
/// input order.
///
/// Calls with the same PARTITION BY and ORDER BY share one sort. When their keys pack into a word
/// (``WindowKeys``) and there is a PARTITION BY, the input is cut by a hash of the partition keys into one piece
/// per worker, and each worker sorts its piece (a radix sort) and computes every call of the sort over it; a
/// piece holds whole partitions, so its values are the whole input's. Otherwise the input is one piece, whose
/// calls are computed at once, one per core, and each over slices of its partitions on every core. Each call is
/// computed over the sorted positions, partition by partition, then put back in input order: numbers (ranks,
/// counts, sums, averages) as columns by position, gathered into input order, and values taken from a row (lag,
/// lead, first/last_value, min, max) as the input row to take, gathered at once from the argument. Which worker
/// computes which piece changes nothing: every value lands at its input row.
enum WindowOperator {
    /// Input rows below which a window is not cut into pieces: a thread costs more than sorting them.
    static let pieceRowsMin = 1 << 13

    static func run(_ stage: WindowStage, input: Batch, monitor: ExecutionMonitor) throws(QueryError) -> Batch {
        var columns = [Column?](repeating: nil, count: stage.calls.count)
        stage.sortSeconds = []
        for group in stage.sortGroups {
            let start = ContinuousClock.now
            try monitor.check()
            let calls = group.map { stage.calls[$0] }
            for (index, column) in zip(group, try run(calls, input: input, monitor: monitor)) { columns[index] = column }
            stage.sortSeconds.append(StepTimes.since(start))
        }
        return Batch(schema: stage.schema, columns: input.columns + columns.map { column in
            guard let column else { preconditionFailure("every window call computed") }
            return column
        })
    }

    /// The columns, in input order, of `calls`, which share one PARTITION BY and ORDER BY.
    private static func run(_ calls: [WindowCall], input: Batch, monitor: ExecutionMonitor) throws(QueryError) -> [Column] {
        let first = calls[0]
        let keys = WindowKeys(input, partition: first.partition, order: first.order)
        guard let keys else {
            // Keys too wide to pack (a double's whole range, many keys): one sort of the whole input.
            let partitions = WindowPartitions(input, partition: first.partition, order: first.order)
            try monitor.check()
            return try computeAtOnce(calls, input: input, partitions: partitions)
        }
        let workers = first.partition.isEmpty || input.rowCount < pieceRowsMin ? 1 : Parallel.threadCount
        let pieces = keys.pieces(workers)
        guard pieces.count > 1 else {
            let partitions = WindowPartitions(keys, rows: pieces.first ?? [], workers: Parallel.threadCount)
            try monitor.check()
            return try computeAtOnce(calls, input: input, partitions: partitions)
        }

        // Each piece on its own worker: its values by position, and each row's place in the pieces laid end to end;
        // the rows a call takes values from are put in input order there too (`picks`, a run of rows per such call).
        let rowCount = input.rowCount
        var starts = [0]
        for piece in pieces { starts.append(starts[starts.count - 1] + piece.count) }
        var slots: [Int?] = []
        var slotCount = 0
        for call in calls {
            slots.append(call.function.takesRow ? slotCount : nil)
            if call.function.takesRow { slotCount += 1 }
        }
        var places = [Int](repeating: 0, count: rowCount)
        var picks = [Int](repeating: -1, count: slotCount * rowCount)
        var outcomes = [Result<[WindowValues], WindowOverflow>?](repeating: nil, count: pieces.count)
        places.withUnsafeMutableBufferPointer { places in
            picks.withUnsafeMutableBufferPointer { picks in
                outcomes.withUnsafeMutableBufferPointer { outcomes in
                    Parallel.forEachWorker(pieces.count) { index in
                        guard (try? monitor.check()) != nil else { return }
                        let partitions = WindowPartitions(keys, rows: pieces[index], workers: 1)
                        for (position, row) in partitions.order.enumerated() { places[row] = starts[index] + position }
                        outcomes[index] = Result { () throws(WindowOverflow) -> [WindowValues] in
                            try zip(calls, slots).map { call, slot throws(WindowOverflow) -> WindowValues in
                                let values = try compute(call, input: input, partitions: partitions)
                                guard let slot, case .rows(let rows) = values else { return values }
                                for (position, row) in partitions.order.enumerated() { picks[slot * rowCount + row] = rows[position] }
                                return .rows([])
                            }
                        }
                    }
                }
            }
        }
        try monitor.check()
        var results: [[WindowValues]] = []
        var overflow: WindowOverflow?
        for outcome in outcomes {
            switch outcome {
            case .success(let values): results.append(values)
            case .failure(let failure): if failure.row < overflow?.row ?? Int.max { overflow = failure }
            case nil: throw .cancelled  // (a piece is skipped only once the query is cancelled)
            }
        }
        if let overflow { throw overflow.error }
        return try calls.indices.map { (index: Int) throws(QueryError) -> Column in
            if let slot = slots[index] {
                return try taken(Array(picks[slot * rowCount..<(slot + 1) * rowCount]), call: calls[index], input: input)
            }
            let columns = results.map { values -> Column in
                guard case .column(let column) = values[index] else { preconditionFailure("numbers for a call that takes no row") }
                return column
            }
            return Column.concatenate(columns, type: columns[0].type).gather(places)
        }
    }

    /// The columns of `calls` over one piece that is the whole input: the calls at once, one per core.
    private static func computeAtOnce(_ calls: [WindowCall], input: Batch, partitions: WindowPartitions) throws(QueryError) -> [Column] {
        let results = Parallel.map(calls.count) { index in
            Result { () throws(WindowOverflow) -> WindowValues in try compute(calls[index], input: input, partitions: partitions) }
        }
        var places = [Int](repeating: 0, count: partitions.order.count)
        for (position, row) in partitions.order.enumerated() { places[row] = position }
        return try zip(calls, results).map { (call, result) throws(QueryError) -> Column in
            switch result {
            case .failure(let overflow): throw overflow.error
            case .success(.column(let column)): return column.gather(places)
            case .success(.rows(let rows)): return try taken(places.map { rows[$0] }, call: call, input: input)
            }
        }
    }

    /// One call's values over a piece, by position.
    private static func compute(_ call: WindowCall, input: Batch, partitions: WindowPartitions) throws(WindowOverflow) -> WindowValues {
        let order = partitions.order
        let rowCount = input.rowCount
        switch call.function {
        case .rowNumber, .rank, .denseRank:
            return .column(ranking(call.function, partitions))
        case .lag, .lead:
            let hasDefault = call.defaultValue != nil
            let picks = partitions.values(-1) { slice, picks in
                for partition in slice {
                    for position in partition {
                        let source = position - call.rowOffset
                        if partition.contains(source) {
                            picks[position] = order[source]
                        } else if hasDefault {
                            picks[position] = rowCount + order[position]  // the default, at the current row
                        }
                    }
                }
            }
            return .rows(picks)
        case .firstValue, .lastValue:
            let (starts, ends) = partitions.frames(call.frame)
            return .rows(order.indices.map { position in
                starts[position] >= ends[position] ? -1 : order[call.function == .firstValue ? starts[position] : ends[position] - 1]
            })
        case .sum, .avg, .count, .min, .max:
            let frames = partitions.frames(call.frame)
            let aggregate = WindowAggregate(function: call.function, partitions: partitions, starts: frames.start, ends: frames.end)
            guard let argument = call.argument else { return .column(aggregate.countRows()) }
            let sortedArgument = input.columns[argument].gather(order)
            switch call.function {
            case .count: return .column(aggregate.count(sortedArgument))
            case .min, .max: return .rows(aggregate.extreme(sortedArgument).map { $0 < 0 ? -1 : order[$0] })
            default: return .column(try aggregate.sum(sortedArgument, average: call.function == .avg, offset: call.offset))
            }
        }
    }

    /// row_number, rank and dense_rank: from positions and peer groups alone.
    private static func ranking(_ function: WindowFunction, _ partitions: WindowPartitions) -> Column {
        let values = partitions.values(Int64(0)) { slice, values in
            for partition in slice {
                var dense: Int64 = 0
                for position in partition {
                    let isFirstPeer = partitions.peerStart[position] == position
                    if isFirstPeer { dense += 1 }
                    values[position] = switch function {
                    case .rowNumber: Int64(position - partition.lowerBound + 1)
                    case .rank: Int64(partitions.peerStart[position] - partition.lowerBound + 1)
                    default: dense
                    }
                }
            }
        }
        return .int64(PrimitiveColumn(values: values))
    }

    /// The column, in input order, whose row `r` is the argument's row `picks[r]`, the default's row
    /// `picks[r] - rowCount` when it is at least the input's `rowCount`, or NULL when it is -1.
    private static func taken(_ picks: [Int], call: WindowCall, input: Batch) throws(QueryError) -> Column {
        guard let argument = call.argument else { preconditionFailure("a value taken from a row needs an argument") }
        let values = input.columns[argument]
        guard let defaultColumn = call.defaultValue else {
            // One gather (a NULL pick takes row 0, then is masked), no copy of the values: text keeps its dictionary.
            let gathered = values.gather(picks.map { max($0, 0) })
            let picked = picks.map { $0 < 0 ? UInt8(0) : 1 }
            return gathered.withValidity(mergeValidity(gathered.validity, picked) ?? picked)
        }
        let fallback = try cast(input.columns[defaultColumn], to: values.type, offset: call.offset)
        let nullRow = Column.broadcast(.null, type: values.type, count: 1)
        let nullIndex = 2 * values.count
        return Column.concatenate([values, fallback, nullRow], type: values.type).gather(picks.map { $0 < 0 ? nullIndex : $0 })
    }

    /// `column` as `type` (lag's and lead's default takes the value's type, as in DuckDB).
    private static func cast(_ column: Column, to type: DataType, offset: Int) throws(QueryError) -> Column {
        guard column.type != type else { return column }
        let batch = Batch(schema: Schema([Field("default", column.type, nullable: true)]), columns: [column])
        return try ExpressionEvaluator.evaluate(.cast(.column(0, column.type), type, offset: offset), batch)
    }
}

extension WindowFunction {
    /// Whether the call's value is another row's value of its argument (``WindowValues/rows(_:)``), not a number
    /// computed for the row.
    var takesRow: Bool {
        switch self {
        case .lag, .lead, .firstValue, .lastValue, .min, .max: true
        case .rowNumber, .rank, .denseRank, .count, .sum, .avg: false
        }
    }
}

/// One window call's values over one piece of the input, by position in window order.
enum WindowValues {
    /// Numbers computed for each position (ranks, counts, sums, averages).
    case column(Column)
    /// The input row whose value each position takes: -1 for NULL, the input's row count plus `r` for the
    /// default (lag, lead) at input row `r`.
    case rows([Int])
}
