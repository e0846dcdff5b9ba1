/// Sorting 64-bit words by their value, least significant digit first (LSD radix sort).
///
/// The words a sort packs (``BatchSort``'s keys with the row number in their low bits) are distinct and use only
/// their low `bits` bits, so a few counting passes of up to 11 bits each order them, O(n) per pass, where a
/// comparison sort (Swift's merge sort) spent about 700 instructions a word on 77K words. Each pass is stable, so
/// the result is the ascending order, the same as `sort()`'s.
public enum RadixSort {
    /// The widest digit a pass sorts on: 2,048 counters, which stay in the first-level cache.
    private static let digitBitsMax = 11

    /// Sorts `words` ascending, all of whose bits above the low `bits` are zero (a precondition: the high bits are
    /// not looked at). When the words already come in ascending order of their low `sortedBits` bits (a row
    /// number below the keys, the words built in row order), only the bits above those are sorted on: each pass
    /// is stable, so the order below is kept. Passes over a digit that every word shares are skipped.
    public static func sort(_ words: inout [UInt64], bits: Int, sortedBits: Int = 0) {
        let count = words.count
        let low = max(0, min(sortedBits, bits))
        guard count > 1, bits > low else { return }
        if count < 64 {
            words.sort()
            return
        }
        let keyBits = min(bits, 64) - low
        let passes = (keyBits + digitBitsMax - 1) / digitBitsMax
        let digitBits = (keyBits + passes - 1) / passes
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        // One read of the words counts every pass's digits.
        var counts = [Int](repeating: 0, count: passes * buckets)
        words.withUnsafeBufferPointer { words in
            counts.withUnsafeMutableBufferPointer { counts in
                for word in words {
                    for pass in 0..<passes {
                        counts[pass * buckets + Int((word >> UInt64(low + pass * digitBits)) & mask)] += 1
                    }
                }
            }
        }
        var scratch = [UInt64](repeating: 0, count: count)
        var sortedInScratch = false
        for pass in 0..<passes {
            let base = pass * buckets
            // A digit that every word shares orders nothing.
            if counts[base + Int((words[0] >> UInt64(low + pass * digitBits)) & mask)] == count { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var total = 0
            for digit in 0..<buckets {
                offsets[digit] = total
                total += counts[base + digit]
            }
            let shift = UInt64(low + pass * digitBits)
            func scatter(_ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>) {
                offsets.withUnsafeMutableBufferPointer { offsets in
                    for word in from {
                        let digit = Int((word >> shift) & mask)
                        to[offsets[digit]] = word
                        offsets[digit] += 1
                    }
                }
            }
            if sortedInScratch {
                scratch.withUnsafeBufferPointer { from in words.withUnsafeMutableBufferPointer { to in scatter(from, to) } }
            } else {
                words.withUnsafeBufferPointer { from in scratch.withUnsafeMutableBufferPointer { to in scatter(from, to) } }
            }
            sortedInScratch.toggle()
        }
        if sortedInScratch { swap(&words, &scratch) }
    }

    /// `rows` reordered so that `keys` (one per row, in the same order) ascend, rows with equal keys kept in their
    /// input order: what orders a batch by one key too wide to share a word with its row number (a double). Up to
    /// six passes of up to 11 bits over the (key, row) pairs, those of a digit every key shares skipped.
    public static func stableOrder(keys: [UInt64], rows: [Int]) -> [Int] {
        precondition(keys.count == rows.count, "a key per row")
        let count = keys.count
        guard count > 1 else { return rows }
        guard count >= 64 else {
            // (Ties broken by input position: a total order, so any sort gives the stable one.)
            return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { rows[$0] }
        }
        let passes = (64 + digitBitsMax - 1) / digitBitsMax
        let digitBits = (64 + passes - 1) / passes
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: passes * buckets)
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for key in keys {
                    for pass in 0..<passes { counts[pass * buckets + Int((key >> UInt64(pass * digitBits)) & mask)] += 1 }
                }
            }
        }
        var (fromKeys, fromRows) = (keys, rows)
        var toKeys = [UInt64](repeating: 0, count: count)
        var toRows = [Int](repeating: 0, count: count)
        for pass in 0..<passes {
            let base = pass * buckets
            let shift = UInt64(pass * digitBits)
            // A digit that every key shares orders nothing.
            if counts[base + Int((keys[0] >> shift) & mask)] == count { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var total = 0
            for digit in 0..<buckets {
                offsets[digit] = total
                total += counts[base + digit]
            }
            offsets.withUnsafeMutableBufferPointer { offsets in
                fromKeys.withUnsafeBufferPointer { fromKeys in
                    fromRows.withUnsafeBufferPointer { fromRows in
                        toKeys.withUnsafeMutableBufferPointer { toKeys in
                            toRows.withUnsafeMutableBufferPointer { toRows in
                                for index in 0..<count {
                                    let key = fromKeys[index]
                                    let digit = Int((key >> shift) & mask)
                                    let position = offsets[digit]
                                    offsets[digit] = position + 1
                                    toKeys[position] = key
                                    toRows[position] = fromRows[index]
                                }
                            }
                        }
                    }
                }
            }
            swap(&fromKeys, &toKeys)
            swap(&fromRows, &toRows)
        }
        return fromRows
    }
}
