import AurumCore

/// sum, avg, count, min and max over each row's frame, for one window call's frames (positions in window order);
/// every result is by position.
///
/// Every frame Aurum takes moves forward with the row: its start and its end never go back. So each partition is
/// walked once, as a sliding window: the rows its end reaches are added, the rows its start leaves are removed,
/// O(1) amortised per row whatever the frame's width. Integers add exactly (128-bit, checked to fit BIGINT at the
/// end, as DuckDB's HUGEINT sums never overflow); doubles add into a compensated (double-double) sum, so removing
/// a row leaves no rounding behind; min and max keep a monotonic queue of the frame's candidates.
struct WindowAggregate {
    let function: WindowFunction
    let partitions: WindowPartitions
    let starts: [Int]
    let ends: [Int]

    /// For each position of each partition of `slice`, in order: adds the rows that enter its frame, removes those
    /// that left it (only rows added before, oldest first), then calls `emit(position)`.
    private func slide(
        _ slice: ArraySlice<Range<Int>>, reset: () -> Void, add: (Int) -> Void, remove: (Int) -> Void, emit: (Int) -> Void
    ) {
        for partition in slice {
            reset()
            var (low, high) = (partition.lowerBound, partition.lowerBound)
            for position in partition {
                while high < ends[position] {
                    add(high)
                    high += 1
                }
                // The end never falls behind the start, so every row removed here was added.
                while low < starts[position] {
                    remove(low)
                    low += 1
                }
                emit(position)
            }
        }
    }

    /// `count(*)`: the rows in each frame.
    func countRows() -> Column {
        .int64(PrimitiveColumn(values: zip(starts, ends).map { Int64($1 - $0) }))
    }

    /// `count(x)`: the non-NULL values in each frame.
    func count(_ sorted: Column) -> Column {
        let validity = sorted.validity
        let values = partitions.values(Int64(0)) { slice, values in
            var count: Int64 = 0
            slide(slice, reset: { count = 0 },
                  add: { position in if validity?[position] != 0 { count += 1 } },
                  remove: { position in if validity?[position] != 0 { count -= 1 } },
                  emit: { position in values[position] = count })
        }
        return .int64(PrimitiveColumn(values: values))
    }

    /// `sum(x)` (BIGINT for integers, DOUBLE for doubles) or, with `average`, `avg(x)` (DOUBLE); NULL over a
    /// frame without a non-NULL value. A BIGINT sum that does not fit is reported at the input row that comes first.
    func sum(_ sorted: Column, average: Bool, offset: Int) throws(WindowOverflow) -> Column {
        switch sorted {
        case .int64(let column):
            let sums = partitions.values((total: Int128(0), count: 0)) { slice, sums in
                var (total, count): (Int128, Int) = (0, 0)
                slide(slice, reset: { (total, count) = (0, 0) },
                      add: { position in
                          guard !column.isNull(position) else { return }
                          total += Int128(column.values[position])
                          count += 1
                      },
                      remove: { position in
                          guard !column.isNull(position) else { return }
                          total -= Int128(column.values[position])
                          count -= 1
                      },
                      emit: { position in sums[position] = (total, count) })
            }
            let validity = sums.map { $0.count > 0 ? UInt8(1) : 0 }
            if average {
                return .double(PrimitiveColumn(values: sums.map { $0.count > 0 ? Double($0.total) / Double($0.count) : 0 }, validity: validity))
            }
            var values = [Int64](repeating: 0, count: sums.count)
            var overflow: (row: Int, total: Int128)?
            for (position, sum) in sums.enumerated() where sum.count > 0 {
                guard let value = Int64(exactly: sum.total) else {
                    let row = partitions.order[position]
                    if row < overflow?.row ?? Int.max { overflow = (row, sum.total) }
                    continue
                }
                values[position] = value
            }
            if let overflow {
                throw WindowOverflow(row: overflow.row, error: .execution(message: "a window sum(…) does not fit BIGINT (its total is \(overflow.total))", offset: offset))
            }
            return .int64(PrimitiveColumn(values: values, validity: validity))
        case .double(let column):
            let sums = partitions.values((total: 0.0, count: 0)) { slice, sums in
                var (total, count) = (CompensatedSum(), 0)
                slide(slice, reset: { (total, count) = (CompensatedSum(), 0) },
                      add: { position in
                          guard !column.isNull(position) else { return }
                          total.add(column.values[position])
                          count += 1
                      },
                      remove: { position in
                          guard !column.isNull(position) else { return }
                          total.add(-column.values[position])
                          count -= 1
                      },
                      emit: { position in sums[position] = (total.value, count) })
            }
            let values = sums.map { $0.count > 0 ? (average ? $0.total / Double($0.count) : $0.total) : 0 }
            return .double(PrimitiveColumn(values: values, validity: sums.map { $0.count > 0 ? 1 : 0 }))
        default:
            preconditionFailure("sum and avg take numbers (checked when planned)")
        }
    }

    /// `min(x)` or `max(x)`: for each position, the sorted position of the frame's smallest (largest) non-NULL
    /// value, or -1 when there is none.
    ///
    /// The queue holds the frame's rows that could still be its extreme, their keys monotonic from the front
    /// (the extreme); a row is dropped from the back when a better one enters, from the front when it leaves.
    func extreme(_ sorted: Column) -> [Int] {
        let keys = BatchSort.orderedKeys(sorted)
        let validity = sorted.validity
        let isMax = function == .max
        return partitions.values(-1) { slice, picks in
            var queue: [Int] = []
            var front = 0
            slide(slice, reset: { (queue, front) = ([], 0) },
                  add: { position in
                      guard validity?[position] != 0 else { return }
                      while queue.count > front, isMax ? keys[queue[queue.count - 1]] <= keys[position] : keys[queue[queue.count - 1]] >= keys[position] {
                          queue.removeLast()
                      }
                      queue.append(position)
                  },
                  remove: { position in if queue.count > front && queue[front] == position { front += 1 } },
                  emit: { position in picks[position] = queue.count > front ? queue[front] : -1 })
        }
    }
}

/// A window sum that does not fit BIGINT, at its input row: of several (in several pieces of the input), the
/// query reports the one whose row comes first, whatever the number of workers.
struct WindowOverflow: Error {
    let row: Int
    let error: QueryError
}

/// A sum of doubles kept as an unevaluated pair (Knuth's TwoSum, as in double-double arithmetic): `high` is the
/// rounded sum and `low` what rounding lost, so adding and later subtracting a value gives back the sum without it.
private struct CompensatedSum {
    private var high = 0.0
    private var low = 0.0

    var value: Double { high + low }

    mutating func add(_ value: Double) {
        let sum = high + value
        let virtual = sum - high
        let error = (high - (sum - virtual)) + (value - virtual)
        let corrected = low + error
        high = sum + corrected
        low = corrected - (high - sum)
    }
}
