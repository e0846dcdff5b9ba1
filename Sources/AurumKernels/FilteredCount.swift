/// Counts of the rows whose key lies in a closed range: `count(*) WHERE date BETWEEN lo AND hi` — the
/// denominator of an `avg` next to ``FilteredSum``, with the same mask and the same NULL rule (a NULL key never
/// matches).
///
/// A plain `count(x)` needs no kernel: it is `rowCount - nullCount`, and ``PrimitiveColumn/nullCount`` already
/// sums the validity bytes in a loop the compiler vectorises.
///
/// - Complexity: O(n), one pass over the keys, no allocation.
public enum FilteredCount {
    /// The number of rows `i` where `keys[i]` is in `range` (and `keyValidity[i] != 0` when given), eight
    /// rows at a time.
    /// - Precondition: `keyValidity`, when given, has one byte per key.
    @inlinable
    public static func simd(keys: UnsafeBufferPointer<Int32>, in range: ClosedRange<Int32>, keyValidity: UnsafeBufferPointer<UInt8>? = nil) -> Int {
        precondition(keyValidity == nil || keyValidity!.count == keys.count, "validity must cover every row")
        let count = keys.count
        guard count > 0, let keyBase = keys.baseAddress else { return 0 }
        let keyBytes = UnsafeRawPointer(keyBase)
        let lower = SIMD8<UInt32>(repeating: UInt32(bitPattern: range.lowerBound))
        let span = SIMD8<UInt32>(repeating: UInt32(bitPattern: range.upperBound &- range.lowerBound))
        var total = 0
        var index = 0
        // 32-bit lane counters (a match subtracts its all-ones mask, -1), emptied into `total` every 2²⁰ rows,
        // long before they could overflow.
        while index + 8 <= count {
            let blockEnd = Swift.min(count, index + (1 << 20))
            var lanes = SIMD8<Int32>()
            if let keyValidity {
                let flags = UnsafeRawPointer(keyValidity.baseAddress!)
                while index + 8 <= blockEnd {
                    let key = keyBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
                    lanes &-= SIMDBits.lanes((key &- lower) .<= span) & ~SIMDBits.nullLanes32(flags, at: index)
                    index += 8
                }
            } else {
                while index + 8 <= blockEnd {
                    let key = keyBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
                    lanes &-= SIMDBits.lanes((key &- lower) .<= span)
                    index += 8
                }
            }
            total += Int(lanes.wrappedSum())
        }
        while index < count {
            if range.contains(keyBase[index]) && keyValidity?[index] ?? 1 != 0 { total += 1 }
            index += 1
        }
        return total
    }

    /// The number of rows `i` where `keys[i]` is in `range` (and not NULL), row by row.
    @inlinable
    public static func scalar(keys: UnsafeBufferPointer<Int32>, in range: ClosedRange<Int32>, keyValidity: UnsafeBufferPointer<UInt8>? = nil) -> Int {
        precondition(keyValidity == nil || keyValidity!.count == keys.count, "validity must cover every row")
        var total = 0
        for index in 0..<keys.count where range.contains(keys[index]) && keyValidity?[index] ?? 1 != 0 { total += 1 }
        return total
    }
}
