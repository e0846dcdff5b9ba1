import AurumCore

/// sum, avg, count, min and max over each row's frame, for one window call's frames (positions in window order).
///
/// Every frame Aurum takes moves forward with the row: its start and its end never go back. So a frame that
/// starts at the partition's first row is accumulated forward, adding the rows its end reaches; one that ends at
/// the partition's last row, backward; and a frame bounded on both sides (n PRECEDING … n FOLLOWING, or a peer
/// group) is summed afresh for each row (once per distinct frame: peers share theirs). Nothing is ever
/// subtracted, so a double's sum has only the rounding of its additions, and integers add exactly (as 128-bit,
/// checked to fit BIGINT at the end, as DuckDB's HUGEINT sums never overflow).
struct WindowAggregate {
    let function: WindowFunction
    let frame: WindowFrame
    let partitions: WindowPartitions
    let starts: [Int]
    let ends: [Int]

    /// How the frames are walked.
    private enum Walk { case forward, backward, eachFrame }

    private var walk: Walk {
        if frame.start == .unboundedPreceding { return .forward }
        if frame.end == .unboundedFollowing { return .backward }
        return .eachFrame
    }

    /// Calls `reset()` and `add(position)` so that, when `emit(position)` is called for a row, exactly the rows of
    /// its frame were added since the last reset.
    private func fold(reset: () -> Void, add: (Int) -> Void, emit: (Int) -> Void) {
        for partition in partitions.partitions {
            switch walk {
            case .forward:
                reset()
                var next = partition.lowerBound
                for position in partition {
                    while next < ends[position] {
                        add(next)
                        next += 1
                    }
                    emit(position)
                }
            case .backward:
                reset()
                var next = partition.upperBound
                for position in partition.reversed() {
                    while next > starts[position] {
                        next -= 1
                        add(next)
                    }
                    emit(position)
                }
            case .eachFrame:
                var last: (start: Int, end: Int)?
                for position in partition {
                    let (start, end) = (starts[position], ends[position])
                    if last == nil || last! != (start, end) {
                        reset()
                        for row in start..<end { add(row) }
                        last = (start, end)
                    }
                    emit(position)
                }
            }
        }
    }

    /// `count(*)`: the rows in each frame.
    func countRows() -> Column {
        var values = [Int64](repeating: 0, count: starts.count)
        for (position, row) in partitions.order.enumerated() { values[row] = Int64(ends[position] - starts[position]) }
        return .int64(PrimitiveColumn(values: values))
    }

    /// `count(x)`: the non-NULL values in each frame.
    func count(_ sorted: Column) -> Column {
        let validity = sorted.validity
        var values = [Int64](repeating: 0, count: starts.count)
        var count: Int64 = 0
        fold(reset: { count = 0 }, add: { position in if validity?[position] != 0 { count += 1 } },
             emit: { position in values[partitions.order[position]] = count })
        return .int64(PrimitiveColumn(values: values))
    }

    /// `sum(x)` (BIGINT for integers, DOUBLE for doubles) or, with `average`, `avg(x)` (DOUBLE); NULL over a
    /// frame without a non-NULL value.
    func sum(_ sorted: Column, average: Bool) throws(QueryError) -> Column {
        let rowCount = starts.count
        var validity = [UInt8](repeating: 0, count: rowCount)
        var count = 0
        switch sorted {
        case .int64(let column):
            var total: Int128 = 0
            var totals = [Int128](repeating: 0, count: rowCount)
            var counts = [Int](repeating: 0, count: rowCount)
            fold(reset: { (total, count) = (0, 0) },
                 add: { position in
                     if !column.isNull(position) {
                         total += Int128(column.values[position])
                         count += 1
                     }
                 },
                 emit: { position in
                     let row = partitions.order[position]
                     (totals[row], counts[row]) = (total, count)
                     validity[row] = count > 0 ? 1 : 0
                 })
            if average {
                let values = (0..<rowCount).map { row in validity[row] != 0 ? Double(totals[row]) / Double(counts[row]) : 0 }
                return .double(PrimitiveColumn(values: values, validity: validity))
            }
            var values = [Int64](repeating: 0, count: rowCount)
            for row in 0..<rowCount where validity[row] != 0 {
                guard let value = Int64(exactly: totals[row]) else {
                    throw .execution(message: "a window sum(…) overflows BIGINT (its total is \(totals[row]))", offset: 0)
                }
                values[row] = value
            }
            return .int64(PrimitiveColumn(values: values, validity: validity))
        case .double(let column):
            var total = 0.0
            var values = [Double](repeating: 0, count: rowCount)
            fold(reset: { (total, count) = (0, 0) },
                 add: { position in
                     if !column.isNull(position) {
                         total += column.values[position]
                         count += 1
                     }
                 },
                 emit: { position in
                     let row = partitions.order[position]
                     values[row] = count > 0 ? (average ? total / Double(count) : total) : 0
                     validity[row] = count > 0 ? 1 : 0
                 })
            return .double(PrimitiveColumn(values: values, validity: validity))
        default:
            preconditionFailure("sum and avg take numbers (checked when planned)")
        }
    }

    /// `min(x)` or `max(x)`: for each position, the sorted position of the frame's smallest (largest) non-NULL
    /// value, or -1 when there is none.
    func extreme(_ sorted: Column) -> [Int] {
        let keys = BatchSort.orderedKeys(sorted)
        let validity = sorted.validity
        let isMax = function == .max
        var picks = [Int](repeating: -1, count: starts.count)
        var best = -1
        fold(reset: { best = -1 },
             add: { position in
                 guard validity?[position] != 0 else { return }
                 if best < 0 || (isMax ? keys[position] > keys[best] : keys[position] < keys[best]) { best = position }
             },
             emit: { position in picks[position] = best })
        return picks
    }
}
