import AurumCore

/// A window's sort keys (PARTITION BY, then ORDER BY) packed into one word per input row, and the input cut into
/// pieces by its partitions, each piece sorted and computed on its own worker.
///
/// The words (``BatchSort/packedKeys(_:keys:spareBits:)``) hold the PARTITION BY keys in their high bits and the
/// ORDER BY keys below, with room below those for a row number: a piece's rows sort as plain integers (a radix
/// sort), and after the sort the partitions and peer groups are where the high bits change, with no key read
/// again. A hash of the partition bits (equal for rows of one partition, NULL keys included) picks each row's
/// piece, so every partition lies whole in one piece and a piece's values are those of the whole input.
struct WindowKeys: Sendable {
    /// For each input row, its keys (partition keys above ``orderBits`` bits of ORDER BY keys).
    let words: [UInt64]
    /// The bits of the ORDER BY keys (the low part of a word).
    let orderBits: Int
    /// The bits of all the keys.
    let keyBits: Int
    /// The bits a row number within a piece takes (enough for the whole input).
    let rowBits: Int

    /// The packed keys of `batch`, or nil when they and a row number do not fit in 64 bits (then the window is
    /// sorted as a whole, ``WindowPartitions/init(_:partition:order:)``).
    init?(_ batch: Batch, partition: [Int], order: [BatchSort.Key]) {
        let rowBits = BatchSort.bitsFor(rows: batch.rowCount)
        let keys = partition.map { BatchSort.Key(column: $0) } + order
        guard let (words, widths) = BatchSort.packedKeys(batch, keys: keys, spareBits: rowBits) else { return nil }
        self.words = words
        self.rowBits = rowBits
        keyBits = widths.reduce(0, +)
        orderBits = widths.dropFirst(partition.count).reduce(0, +)
    }

    /// The input rows cut into `count` pieces by a hash of their partition keys, each piece's rows in input order.
    /// One piece (every row) when `count` is 1.
    func pieces(_ count: Int) -> [[Int]] {
        guard count > 1 else { return [Array(words.indices)] }
        var pieces = [[Int]](repeating: [], count: count)
        let shift = UInt64(orderBits)
        for (row, word) in words.enumerated() {
            // Fibonacci hashing: the product's high bits mix all of the partition's bits.
            let hash = ((word >> shift) &* 0x9E37_79B9_7F4A_7C15) >> 32
            pieces[Int(hash % UInt64(count))].append(row)
        }
        return pieces.filter { !$0.isEmpty }
    }
}

extension WindowPartitions {
    /// The rows `rows` (in input order) in window order, from their packed keys: each row's word with its place in
    /// `rows` below it, radix-sorted (so rows tied on every key keep their input order, as the stable sort keeps
    /// them); partitions start where the partition bits change, peer groups where any key's bits change.
    init(_ keys: WindowKeys, rows: [Int], workers: Int) {
        let rowBits = UInt64(keys.rowBits)
        var sorted = [UInt64](repeating: 0, count: rows.count)
        keys.words.withUnsafeBufferPointer { words in
            for (place, row) in rows.enumerated() { sorted[place] = words[row] << rowBits | UInt64(place) }
        }
        RadixSort.sort(&sorted, bits: keys.keyBits + keys.rowBits, sortedBits: keys.rowBits)  // (built in place order)
        let placeMask: UInt64 = rowBits == 64 ? .max : (1 << rowBits) - 1
        let partitionShift = rowBits + UInt64(keys.orderBits)
        var order = [Int](repeating: 0, count: rows.count)
        var partitionChanges = [Bool](repeating: false, count: rows.count)
        var peerChanges = [Bool](repeating: false, count: rows.count)
        for (position, word) in sorted.enumerated() {
            order[position] = rows[Int(word & placeMask)]
            guard position > 0 else {
                (partitionChanges[0], peerChanges[0]) = (true, true)
                continue
            }
            let previous = sorted[position - 1]
            // (A shift by 64 or more gives 0: with no key, every row is one partition and one peer group.)
            partitionChanges[position] = word >> partitionShift != previous >> partitionShift
            peerChanges[position] = word >> rowBits != previous >> rowBits
        }
        self.init(order: order, partitionChanges: partitionChanges, peerChanges: peerChanges, workers: workers)
    }
}
