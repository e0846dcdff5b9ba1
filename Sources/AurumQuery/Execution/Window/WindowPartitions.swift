import AurumCore

/// A batch's rows in a window's order (PARTITION BY keys, then ORDER BY keys; stable, so rows tied on every key
/// keep their input order), cut into partitions and, inside each, into peer groups: rows equal on every ORDER BY
/// key (NULL equal to NULL). Without ORDER BY, a partition is one peer group.
///
/// Positions below are indices into ``order``, the sorted sequence, not input rows. The rows may be all of the
/// input or one piece of it (``WindowKeys/pieces(_:)``) that holds whole partitions.
struct WindowPartitions: Sendable {
    /// The input rows in window order.
    let order: [Int]
    /// The partitions, as ranges of positions, in order.
    let partitions: [Range<Int>]
    /// For each position, the first position of its peer group.
    let peerStart: [Int]
    /// For each position, one past the last position of its peer group.
    let peerEnd: [Int]

    /// The workers a partition-by-partition computation over these partitions may use (``eachSlice(_:)``): 1 for
    /// a piece that is itself computed on one of several workers.
    let workers: Int

    /// `batch`'s rows in window order, sorted as a whole (``BatchSort/order(_:keys:limit:)``): what a window whose
    /// keys do not pack into a word (``WindowKeys``) takes.
    init(_ batch: Batch, partition: [Int], order keys: [BatchSort.Key]) {
        let sortKeys = partition.map { BatchSort.Key(column: $0) } + keys
        let order = sortKeys.isEmpty ? Array(0..<batch.rowCount) : BatchSort.order(batch, keys: sortKeys)
        let partitionChanges = Self.changes(batch, columns: partition, order: order)
        var peerChanges = Self.changes(batch, columns: keys.map(\.column), order: order)
        for position in order.indices where partitionChanges[position] { peerChanges[position] = true }
        self.init(order: order, partitionChanges: partitionChanges, peerChanges: peerChanges, workers: Parallel.threadCount)
    }

    /// The partitions and peer groups of rows in window order `order`, from where each starts (a peer group
    /// starts wherever a partition does).
    init(order: [Int], partitionChanges: [Bool], peerChanges: [Bool], workers: Int) {
        let rowCount = order.count
        var partitions: [Range<Int>] = []
        var start = 0
        for position in 1..<max(rowCount, 1) where partitionChanges[position] {
            partitions.append(start..<position)
            start = position
        }
        if rowCount > 0 { partitions.append(start..<rowCount) }

        var peerStart = [Int](repeating: 0, count: rowCount)
        var peerEnd = [Int](repeating: 0, count: rowCount)
        var groupStart = 0
        for position in 0..<rowCount {
            if peerChanges[position] { groupStart = position }
            peerStart[position] = groupStart
        }
        var groupEnd = rowCount
        for position in stride(from: rowCount - 1, through: 0, by: -1) {
            peerEnd[position] = groupEnd
            if peerChanges[position] { groupEnd = position }
        }
        self.order = order
        self.partitions = partitions
        self.peerStart = peerStart
        self.peerEnd = peerEnd
        self.workers = workers
    }

    /// For each position, whether its row differs from the previous position's on any of `columns` (always true
    /// at position 0).
    private static func changes(_ batch: Batch, columns: [Int], order: [Int]) -> [Bool] {
        var changed = [Bool](repeating: false, count: order.count)
        if !order.isEmpty { changed[0] = true }
        for column in columns {
            let keys = BatchSort.orderedKeys(batch.columns[column])
            let validity = batch.columns[column].validity
            for position in order.indices.dropFirst() {
                let (previous, row) = (order[position - 1], order[position])
                let (previousNull, rowNull) = (validity.map { $0[previous] == 0 } ?? false, validity.map { $0[row] == 0 } ?? false)
                if previousNull != rowNull || (!rowNull && keys[previous] != keys[row]) { changed[position] = true }
            }
        }
        return changed
    }

    /// Each position's frame under `frame`, as `start..<end` positions inside its partition (empty when the
    /// frame holds no row). RANGE bounds at CURRENT ROW take the whole peer group.
    func frames(_ frame: WindowFrame) -> (start: [Int], end: [Int]) {
        var starts = [Int](repeating: 0, count: order.count)
        var ends = [Int](repeating: 0, count: order.count)
        for partition in partitions {
            let (low, high) = (partition.lowerBound, partition.upperBound)
            func clamped(_ position: Int, _ rows: Int64, _ sign: Int) -> Int {
                let distance = Int(min(rows, Int64(order.count)))
                return min(max(position + sign * distance, low), high)
            }
            for position in partition {
                let start: Int = switch frame.start {
                case .unboundedPreceding: low
                case .preceding(let rows): clamped(position, rows, -1)
                case .currentRow: frame.unit == .range ? peerStart[position] : position
                case .following(let rows): clamped(position, rows, 1)
                case .unboundedFollowing: high
                }
                let end: Int = switch frame.end {
                case .unboundedPreceding: low
                case .preceding(let rows): clamped(position + 1, rows, -1)
                case .currentRow: frame.unit == .range ? peerEnd[position] : position + 1
                case .following(let rows): clamped(position + 1, rows, 1)
                case .unboundedFollowing: high
                }
                starts[position] = start
                ends[position] = max(start, end)
            }
        }
        return (starts, ends)
    }
}
