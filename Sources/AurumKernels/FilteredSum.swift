/// Sums of one column over the rows where another column lies in a closed range: `sum(spend) WHERE date
/// BETWEEN lo AND hi`, with dates as Int32 days (``Date32``), without a selection vector.
///
/// A branch per row mispredicts at middling selectivity (the scalar twin: 3.3–3.8 ns a row; a selection vector
/// followed by a gather is no better — notes/swift-toolbox.md); the SIMD form instead turns eight keys into a
/// lane mask with one unsigned compare, `(key &- lo) <= (hi - lo)` as UInt32, widens it to 64 bits and ANDs it
/// into the values, so every row costs the same whatever the selectivity: 0.33 ns a row over 50M rows, the
/// single-thread read bandwidth of its 12 bytes a row (`aurum-micro --filter Kernels.Filtered`).
///
/// NULLs: a row whose key is NULL (its `keyValidity` byte is 0) never matches, whatever its key slot holds. A
/// NULL value adds its slot, which Aurum's decoders and column builders set to zero (``PrimitiveColumn``): zero
/// is the right contribution to a SQL `sum`.
///
/// Each SIMD kernel has a scalar twin that adds the matching rows in row order with a branch; tests check the
/// two agree (Int64 exactly, with wrapping; Double within the reordering bound of ``Sum``). A masked-out row
/// adds +0.0, so a NaN or infinity outside the range never reaches the sum.
///
/// - Complexity: O(n), one pass over both columns, no allocation.
public enum FilteredSum {
    /// The sum of `values[i]` over the rows where `keys[i]` is in `range` (and not NULL), eight rows at a time.
    ///
    /// The additions are reordered, so the result may differ from the scalar twin in the last bits.
    /// - Precondition: `keys` (and `keyValidity`, when given) have one entry per value.
    @inlinable
    public static func simd(
        _ values: UnsafeBufferPointer<Double>, keys: UnsafeBufferPointer<Int32>, in range: ClosedRange<Int32>,
        keyValidity: UnsafeBufferPointer<UInt8>? = nil
    ) -> Double {
        precondition(keys.count == values.count, "keys must cover every row")
        precondition(keyValidity == nil || keyValidity!.count == values.count, "validity must cover every row")
        let count = values.count
        guard count > 0, let valueBase = values.baseAddress, let keyBase = keys.baseAddress else { return 0 }
        let valueBytes = UnsafeRawPointer(valueBase)
        let keyBytes = UnsafeRawPointer(keyBase)
        let lower = SIMD8<UInt32>(repeating: UInt32(bitPattern: range.lowerBound))
        let span = SIMD8<UInt32>(repeating: UInt32(bitPattern: range.upperBound &- range.lowerBound))
        // One SIMD8 accumulator is four independent SSE add chains: enough to hide the add latency here.
        var sums = SIMD8<Double>()
        var index = 0
        if let keyValidity {
            let flags = UnsafeRawPointer(keyValidity.baseAddress!)
            while index + 8 <= count {
                let key = keyBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
                let mask = SIMDBits.widen((key &- lower) .<= span) & ~SIMDBits.nullLanes(flags, at: index)
                sums += SIMDBits.double(SIMDBits.of(valueBytes.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<Double>.self)) & mask)
                index += 8
            }
        } else {
            while index + 8 <= count {
                let key = keyBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
                let mask = SIMDBits.widen((key &- lower) .<= span)
                sums += SIMDBits.double(SIMDBits.of(valueBytes.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<Double>.self)) & mask)
                index += 8
            }
        }
        var total = sums.sum()
        while index < count {
            if range.contains(keyBase[index]) && keyValidity?[index] ?? 1 != 0 { total += valueBase[index] }
            index += 1
        }
        return total
    }

    /// The sum of `values[i]` over the rows where `keys[i]` is in `range` (and not NULL), in row order.
    @inlinable
    public static func scalar(
        _ values: UnsafeBufferPointer<Double>, keys: UnsafeBufferPointer<Int32>, in range: ClosedRange<Int32>,
        keyValidity: UnsafeBufferPointer<UInt8>? = nil
    ) -> Double {
        precondition(keys.count == values.count, "keys must cover every row")
        precondition(keyValidity == nil || keyValidity!.count == values.count, "validity must cover every row")
        var total = 0.0
        for index in 0..<values.count where range.contains(keys[index]) && keyValidity?[index] ?? 1 != 0 {
            total += values[index]
        }
        return total
    }

    /// The wrapping sum of `values[i]` over the rows where `keys[i]` is in `range` (and not NULL), eight rows
    /// at a time. Integer addition wraps (`&+`), so the result is exact modulo 2⁶⁴ and equals the scalar twin's.
    /// - Precondition: `keys` (and `keyValidity`, when given) have one entry per value.
    @inlinable
    public static func simd(
        _ values: UnsafeBufferPointer<Int64>, keys: UnsafeBufferPointer<Int32>, in range: ClosedRange<Int32>,
        keyValidity: UnsafeBufferPointer<UInt8>? = nil
    ) -> Int64 {
        precondition(keys.count == values.count, "keys must cover every row")
        precondition(keyValidity == nil || keyValidity!.count == values.count, "validity must cover every row")
        let count = values.count
        guard count > 0, let valueBase = values.baseAddress, let keyBase = keys.baseAddress else { return 0 }
        let valueBytes = UnsafeRawPointer(valueBase)
        let keyBytes = UnsafeRawPointer(keyBase)
        let lower = SIMD8<UInt32>(repeating: UInt32(bitPattern: range.lowerBound))
        let span = SIMD8<UInt32>(repeating: UInt32(bitPattern: range.upperBound &- range.lowerBound))
        var total = SIMD8<Int64>()
        var index = 0
        if let keyValidity {
            let flags = UnsafeRawPointer(keyValidity.baseAddress!)
            while index + 8 <= count {
                let key = keyBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
                let mask = SIMDBits.widen((key &- lower) .<= span) & ~SIMDBits.nullLanes(flags, at: index)
                total &+= valueBytes.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<Int64>.self) & mask
                index += 8
            }
        } else {
            while index + 8 <= count {
                let key = keyBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
                let mask = SIMDBits.widen((key &- lower) .<= span)
                total &+= valueBytes.loadUnaligned(fromByteOffset: index * 8, as: SIMD8<Int64>.self) & mask
                index += 8
            }
        }
        var result = total.wrappedSum()
        while index < count {
            if range.contains(keyBase[index]) && keyValidity?[index] ?? 1 != 0 { result &+= valueBase[index] }
            index += 1
        }
        return result
    }

    /// The wrapping sum of `values[i]` over the rows where `keys[i]` is in `range` (and not NULL), in row order.
    @inlinable
    public static func scalar(
        _ values: UnsafeBufferPointer<Int64>, keys: UnsafeBufferPointer<Int32>, in range: ClosedRange<Int32>,
        keyValidity: UnsafeBufferPointer<UInt8>? = nil
    ) -> Int64 {
        precondition(keys.count == values.count, "keys must cover every row")
        precondition(keyValidity == nil || keyValidity!.count == values.count, "validity must cover every row")
        var total: Int64 = 0
        for index in 0..<values.count where range.contains(keys[index]) && keyValidity?[index] ?? 1 != 0 {
            total &+= values[index]
        }
        return total
    }
}
