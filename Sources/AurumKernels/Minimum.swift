/// The smallest value of a buffer, in SQL's order: `min(x)` of DuckDB.
///
/// Doubles follow DuckDB's total order, checked against DuckDB 2.0.1: NaN is greater than every number, so the
/// minimum skips NaN and is NaN only when every row is NaN; -0.0 and +0.0 compare equal. DuckDB then keeps
/// whichever zero it happened to see last, so the sign of a zero minimum depends on row order there; here it
/// does not: a tie between zeros gives -0.0 whenever some minimal row is -0.0 (IEEE 754-2019 `minimum`). A NaN
/// result is always the canonical quiet NaN (`Double.nan`).
///
/// Every kernel takes an optional validity mask (one byte a row, 0 = NULL, as ``PrimitiveColumn`` keeps it):
/// NULL rows are skipped, whatever their value slot holds. The result is nil when no row is left — SQL's NULL.
///
/// The SIMD forms read eight rows at a time (`SIMD8`, unaligned loads) into a lane-wise minimum, then finish
/// with a scalar tail; the scalar twins compare row by row. Both give the same bits for every input (tests
/// check it). Int64 has no special values; baseline x86-64 (SSE2) has no 64-bit integer compare, so its
/// lane-wise min costs several instructions and is slower than the Double one.
///
/// - Complexity: O(n), one pass and no allocation; a second pass only when the minimum is +infinity (which
///   might mean "every row NaN").
public enum Minimum {
    /// The smaller of `first` and `second` in DuckDB's order (NaN greatest), -0.0 winning a tie of zeros.
    @inlinable
    public static func smaller(_ first: Double, _ second: Double) -> Double {
        if first.isNaN { return second.isNaN ? .nan : second }
        if second.isNaN { return first }
        if first != second { return first < second ? first : second }
        return first.sign == .minus ? first : second
    }

    /// The smallest of `values` (rows whose `validity` byte is 0 skipped), or nil when no row is left.
    ///
    /// `value < smallest` is false for NaN, so NaN rows (and NULL rows, turned into NaN) never enter a lane —
    /// exactly the rule, NaN being the greatest. A lane that met only NaN keeps +infinity, so a +infinity
    /// result is handed to the scalar twin to tell "every row NaN" from a real +infinity. Zeros tie in `<`, so
    /// the loop also ORs the sign bits of the zero rows it meets, to return -0.0 when one was -0.0.
    /// - Precondition: `validity`, when given, has one byte per value.
    @inlinable
    public static func simd(_ values: UnsafeBufferPointer<Double>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Double? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        let count = values.count
        guard let base = values.baseAddress, count > 0 else { return nil }
        let raw = UnsafeRawPointer(base)
        let stride = MemoryLayout<Double>.stride
        var smallest = SIMD8<Double>(repeating: .infinity)
        var zeroSigns = SIMD8<Int64>()
        var validBytes: UInt64 = 0
        var index = 0
        if let validity {
            let flags = UnsafeRawPointer(validity.baseAddress!)
            while index + 8 <= count {
                let nulls = SIMDBits.nullLanes(flags, at: index)
                let bits = SIMDBits.of(raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Double>.self))
                let value = SIMDBits.double(bits | nulls)
                smallest.replace(with: value, where: value .< smallest)
                zeroSigns |= SIMDBits.of(value) & SIMDBits.lanes(value .== 0)
                validBytes |= flags.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        } else {
            while index + 8 <= count {
                let value = raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Double>.self)
                smallest.replace(with: value, where: value .< smallest)
                zeroSigns |= SIMDBits.of(value) & SIMDBits.lanes(value .== 0)
                index += 8
            }
            validBytes = index > 0 ? 1 : 0
        }
        var anyRow = validBytes != 0
        // NaN is the identity of `smaller`: it stands for "no number yet".
        var result = Double.nan
        for lane in 0..<8 { result = smaller(result, smallest[lane]) }
        while index < count {
            if validity?[index] ?? 1 != 0 {
                result = smaller(result, base[index])
                anyRow = true
            }
            index += 1
        }
        guard anyRow else { return nil }
        if result == .infinity { return scalar(values, validity: validity) }
        if result.isNaN { return .nan }
        if result == 0 && SIMDBits.anySignBit(zeroSigns) { return -0.0 }
        return result
    }

    /// The smallest of `values` row by row (the twin of ``simd(_:validity:)-(UnsafeBufferPointer<Double>,_)``).
    @inlinable
    public static func scalar(_ values: UnsafeBufferPointer<Double>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Double? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        // NaN is the identity of `smaller`: it stands for "no number yet".
        var result = Double.nan
        var anyRow = false
        for index in 0..<values.count where validity?[index] ?? 1 != 0 {
            result = smaller(result, values[index])
            anyRow = true
        }
        return anyRow ? (result.isNaN ? .nan : result) : nil
    }

    /// The smallest of `values` (rows whose `validity` byte is 0 skipped), or nil when no row is left.
    ///
    /// - Precondition: `validity`, when given, has one byte per value.
    @inlinable
    public static func simd(_ values: UnsafeBufferPointer<Int64>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Int64? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        let count = values.count
        guard let base = values.baseAddress, count > 0 else { return nil }
        let raw = UnsafeRawPointer(base)
        var smallest = SIMD8<Int64>(repeating: .max)
        var validBytes: UInt64 = 0
        var index = 0
        let stride = MemoryLayout<Int64>.stride
        if let validity {
            let flags = UnsafeRawPointer(validity.baseAddress!)
            while index + 8 <= count {
                let nulls = SIMDBits.nullLanes(flags, at: index)
                let value = raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Int64>.self)
                smallest = pointwiseMin(smallest, SIMDBits.blend(value, SIMD8(repeating: .max), where: nulls))
                validBytes |= flags.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        } else {
            while index + 8 <= count {
                smallest = pointwiseMin(smallest, raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Int64>.self))
                index += 8
            }
            validBytes = index > 0 ? 1 : 0
        }
        var anyRow = validBytes != 0
        var result = smallest.min()
        while index < count {
            if validity?[index] ?? 1 != 0 {
                result = Swift.min(result, base[index])
                anyRow = true
            }
            index += 1
        }
        return anyRow ? result : nil
    }

    /// The smallest of `values` row by row (the twin of ``simd(_:validity:)-(UnsafeBufferPointer<Int64>,_)``).
    @inlinable
    public static func scalar(_ values: UnsafeBufferPointer<Int64>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Int64? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        var result: Int64?
        for index in 0..<values.count where validity?[index] ?? 1 != 0 {
            result = Swift.min(result ?? .max, values[index])
        }
        return result
    }
}
