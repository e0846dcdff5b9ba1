/// The largest value of a buffer, in SQL's order: `max(x)` of DuckDB.
///
/// Doubles follow DuckDB's total order, checked against DuckDB 2.0.1: NaN is greater than every number,
/// +infinity included, so one NaN makes the maximum NaN; -0.0 and +0.0 compare equal. DuckDB then keeps
/// whichever zero it happened to see last, so the sign of a zero maximum depends on row order there; here it
/// does not: a tie between zeros gives +0.0 whenever some maximal row is +0.0 (IEEE 754-2019 `maximum`). A NaN
/// result is always the canonical quiet NaN (`Double.nan`), whatever payload the input held.
///
/// Every kernel takes an optional validity mask (one byte a row, 0 = NULL, as ``PrimitiveColumn`` keeps it):
/// NULL rows are skipped, whatever their value slot holds. The result is nil when no row is left — SQL's NULL.
///
/// The SIMD forms read eight rows at a time (`SIMD8`, unaligned loads) into a lane-wise maximum, then finish
/// with a scalar tail; the scalar twins compare row by row. Both give the same bits for every input (tests
/// check it), since a maximum does not depend on the order in which it is taken once zero ties and NaN are
/// settled as above. Int64 has no special values; note that baseline x86-64 (SSE2) has no 64-bit integer
/// compare, so its lane-wise max costs several instructions and is slower than the Double one.
///
/// - Complexity: O(n), one pass and no allocation; a second pass only for a NaN (or both infinities) in the
///   input, or a maximum of -0.0.
public enum Maximum {
    /// The larger of `first` and `second` in DuckDB's order (NaN greatest), +0.0 winning a tie of zeros.
    @inlinable
    public static func larger(_ first: Double, _ second: Double) -> Double {
        if first.isNaN || second.isNaN { return .nan }
        if first != second { return first > second ? first : second }
        return first.sign == .plus ? first : second
    }

    /// The largest of `values` (rows whose `validity` byte is 0 skipped), or nil when no row is left.
    ///
    /// The loop does one `maxpd` and one add per two rows: `value > largest` never picks a NaN, so NaN is caught
    /// by a lane-wise sum of the rows instead — NaN there means a NaN row (or infinities of both signs), and
    /// that rare input is handed to the scalar twin. A lane keeps the first of two equal zeros, so a -0.0
    /// result is checked for a +0.0 row afterwards (with an early exit: in the usual all-zero column the first
    /// row settles it).
    /// - Precondition: `validity`, when given, has one byte per value.
    @inlinable
    public static func simd(_ values: UnsafeBufferPointer<Double>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Double? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        let count = values.count
        guard let base = values.baseAddress, count > 0 else { return nil }
        let raw = UnsafeRawPointer(base)
        let stride = MemoryLayout<Double>.stride
        // -infinity is the identity of max.
        var largest = SIMD8<Double>(repeating: -.infinity)
        var probe = SIMD8<Double>()
        var validBytes: UInt64 = 0
        var index = 0
        if let validity {
            let flags = UnsafeRawPointer(validity.baseAddress!)
            while index + 8 <= count {
                let nulls = SIMDBits.nullLanes(flags, at: index)
                let bits = SIMDBits.of(raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Double>.self))
                // A NULL lane becomes NaN, which `>` never picks, and adds +0.0 to the probe.
                let value = SIMDBits.double(bits | nulls)
                largest.replace(with: value, where: value .> largest)
                probe += SIMDBits.double(bits & ~nulls)
                validBytes |= flags.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        } else {
            while index + 8 <= count {
                let value = raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Double>.self)
                largest.replace(with: value, where: value .> largest)
                probe += value
                index += 8
            }
            validBytes = index > 0 ? 1 : 0
        }
        if probe.sum().isNaN { return scalar(values, validity: validity) }
        let vectorEnd = index
        var anyRow = validBytes != 0
        var result = -Double.infinity
        for lane in 0..<8 { result = larger(result, largest[lane]) }
        while index < count {
            if validity?[index] ?? 1 != 0 {
                result = larger(result, base[index])
                anyRow = true
            }
            index += 1
        }
        guard anyRow else { return nil }
        if result.isNaN { return .nan }
        if result == 0 && result.sign == .minus {
            for row in 0..<vectorEnd where base[row].bitPattern == 0 && validity?[row] ?? 1 != 0 { return 0.0 }
        }
        return result
    }

    /// The largest of `values` row by row (the twin of ``simd(_:validity:)-(UnsafeBufferPointer<Double>,_)``).
    @inlinable
    public static func scalar(_ values: UnsafeBufferPointer<Double>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Double? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        var result = -Double.infinity
        var anyRow = false
        for index in 0..<values.count where validity?[index] ?? 1 != 0 {
            result = larger(result, values[index])
            anyRow = true
        }
        return anyRow ? result : nil
    }

    /// The largest of `values` (rows whose `validity` byte is 0 skipped), or nil when no row is left.
    ///
    /// - Precondition: `validity`, when given, has one byte per value.
    @inlinable
    public static func simd(_ values: UnsafeBufferPointer<Int64>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Int64? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        let count = values.count
        guard let base = values.baseAddress, count > 0 else { return nil }
        let raw = UnsafeRawPointer(base)
        var largest = SIMD8<Int64>(repeating: .min)
        var validBytes: UInt64 = 0
        var index = 0
        let stride = MemoryLayout<Int64>.stride
        if let validity {
            let flags = UnsafeRawPointer(validity.baseAddress!)
            while index + 8 <= count {
                let nulls = SIMDBits.nullLanes(flags, at: index)
                let value = raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Int64>.self)
                largest = pointwiseMax(largest, SIMDBits.blend(value, SIMD8(repeating: .min), where: nulls))
                validBytes |= flags.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        } else {
            while index + 8 <= count {
                largest = pointwiseMax(largest, raw.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Int64>.self))
                index += 8
            }
            validBytes = index > 0 ? 1 : 0
        }
        var anyRow = validBytes != 0
        var result = largest.max()
        while index < count {
            if validity?[index] ?? 1 != 0 {
                result = Swift.max(result, base[index])
                anyRow = true
            }
            index += 1
        }
        return anyRow ? result : nil
    }

    /// The largest of `values` row by row (the twin of ``simd(_:validity:)-(UnsafeBufferPointer<Int64>,_)``).
    @inlinable
    public static func scalar(_ values: UnsafeBufferPointer<Int64>, validity: UnsafeBufferPointer<UInt8>? = nil) -> Int64? {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        var result: Int64?
        for index in 0..<values.count where validity?[index] ?? 1 != 0 {
            result = Swift.max(result ?? .min, values[index])
        }
        return result
    }
}
