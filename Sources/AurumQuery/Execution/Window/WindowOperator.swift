import AurumCore

/// Computes a ``WindowStage``'s calls over its input batch: the batch, with one column per call appended, rows in
/// input order.
///
/// Calls with the same PARTITION BY and ORDER BY share one sort (``WindowPartitions``); the calls of a sort are
/// computed at once, one per core, and each over slices of its partitions on every core. Each call is computed over the sorted positions, partition by partition, then
/// put back in input order: numbers (ranks, counts, sums, averages) into typed arrays, and values taken from a row
/// (lag, lead, first/last_value, min, max) as the row to take, gathered at once.
enum WindowOperator {
    static func run(_ stage: WindowStage, input: Batch, monitor: ExecutionMonitor) throws(QueryError) -> Batch {
        var columns = [Column?](repeating: nil, count: stage.calls.count)
        stage.sortSeconds = []
        for group in stage.sortGroups {
            let start = ContinuousClock.now
            try monitor.check()
            let first = stage.calls[group[0]]
            let partitions = WindowPartitions(input, partition: first.partition, order: first.order)
            try monitor.check()
            let calls = group.map { stage.calls[$0] }
            let results = Parallel.map(calls.count) { index in
                Result { () throws(QueryError) -> Column in try compute(calls[index], input: input, partitions: partitions) }
            }
            for (index, result) in zip(group, results) { columns[index] = try result.get() }
            stage.sortSeconds.append(StepTimes.since(start))
        }
        return Batch(schema: stage.schema, columns: input.columns + columns.map { column in
            guard let column else { preconditionFailure("every window call computed") }
            return column
        })
    }

    /// One call's column, in input order.
    private static func compute(_ call: WindowCall, input: Batch, partitions: WindowPartitions) throws(QueryError) -> Column {
        let order = partitions.order
        let sortedArgument = call.argument.map { input.columns[$0].gather(order) }
        switch call.function {
        case .rowNumber, .rank, .denseRank:
            return ranking(call.function, partitions)
        case .lag, .lead:
            guard let sortedArgument else { preconditionFailure("lag and lead take an argument") }
            var fallback: Column?
            if let defaultColumn = call.defaultValue {
                fallback = try cast(input.columns[defaultColumn].gather(order), to: sortedArgument.type, offset: call.offset)
            }
            let hasDefault = fallback != nil
            let picks = partitions.values(-1) { slice, picks in
                for partition in slice {
                    for position in partition {
                        let source = position - call.rowOffset
                        if partition.contains(source) {
                            picks[position] = source
                        } else if hasDefault {
                            picks[position] = order.count + position  // the default, at the current row
                        }
                    }
                }
            }
            return taken(picks, from: sortedArgument, fallback: fallback, order: order)
        case .firstValue, .lastValue:
            guard let sortedArgument else { preconditionFailure("first_value and last_value take an argument") }
            let (starts, ends) = partitions.frames(call.frame)
            let picks = order.indices.map { position in
                starts[position] >= ends[position] ? -1 : (call.function == .firstValue ? starts[position] : ends[position] - 1)
            }
            return taken(picks, from: sortedArgument, fallback: nil, order: order)
        case .sum, .avg, .count, .min, .max:
            let frames = partitions.frames(call.frame)
            let aggregate = WindowAggregate(function: call.function, partitions: partitions, starts: frames.start, ends: frames.end)
            guard let sortedArgument else { return aggregate.countRows() }
            switch call.function {
            case .count: return aggregate.count(sortedArgument)
            case .min, .max: return taken(aggregate.extreme(sortedArgument), from: sortedArgument, fallback: nil, order: order)
            default: return try aggregate.sum(sortedArgument, average: call.function == .avg, offset: call.offset)
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
                    values[partitions.order[position]] = switch function {
                    case .rowNumber: Int64(position - partition.lowerBound + 1)
                    case .rank: Int64(partitions.peerStart[position] - partition.lowerBound + 1)
                    default: dense
                    }
                }
            }
        }
        return .int64(PrimitiveColumn(values: values))
    }

    /// The column, in input order, whose row at sorted position `p` is `sorted`'s row `picks[p]`, `fallback`'s row
    /// `picks[p] - count` when it is at least `count`, or NULL when it is -1.
    static func taken(_ picks: [Int], from sorted: Column, fallback: Column?, order: [Int]) -> Column {
        var indices = [Int](repeating: 0, count: order.count)
        guard let fallback else {
            // One gather (a NULL pick takes row 0, then is masked), no copy of the values: text keeps its dictionary.
            var picked = [UInt8](repeating: 1, count: order.count)
            for (position, row) in order.enumerated() {
                indices[row] = max(picks[position], 0)
                picked[row] = picks[position] < 0 ? 0 : 1
            }
            let gathered = sorted.gather(indices)
            return gathered.withValidity(mergeValidity(gathered.validity, picked) ?? picked)
        }
        let nullRow = Column.broadcast(.null, type: sorted.type, count: 1)
        let nullIndex = 2 * sorted.count
        for (position, row) in order.enumerated() { indices[row] = picks[position] < 0 ? nullIndex : picks[position] }
        return Column.concatenate([sorted, fallback, nullRow], type: sorted.type).gather(indices)
    }

    /// `column` as `type` (lag's and lead's default takes the value's type, as in DuckDB).
    private static func cast(_ column: Column, to type: DataType, offset: Int) throws(QueryError) -> Column {
        guard column.type != type else { return column }
        let batch = Batch(schema: Schema([Field("default", column.type, nullable: true)]), columns: [column])
        return try ExpressionEvaluator.evaluate(.cast(.column(0, column.type), type, offset: offset), batch)
    }
}
