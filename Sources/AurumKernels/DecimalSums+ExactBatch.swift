extension DecimalSums {
    /// Adds a batch as ``add(_:groups:)`` does, at integer cost, when every value in it is an exact decimal of at
    /// most 6 places below 2^50 millionths; returns false, having added nothing, when any value is not.
    ///
    /// Why it is bit-identical to ``addRowByRow(_:groups:)``: that loop, meeting only such values, never turns a
    /// group inexact for a value, and adds to each group, in row order, the same integer (turning it inexact on
    /// overflow, from the same exact sum) or, once inexact, the same double as this one. The per-row test —
    /// a division and two branches — is done here for the whole batch by ``scaleExactly(_:into:)``, four values
    /// at a time in SIMD registers with no branch and no group lookup; the grouped loop is then two adds per row
    /// into one ``Cell``.
    @inlinable
    mutating func addIfEveryValueIsExact(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) -> Bool {
        precondition(values.count == groups.count)
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: values.count) { scaled in
            guard Self.scaleExactly(values, into: scaled) else { return false }
            cells.withUnsafeMutableBufferPointer { cells in
                for index in 0..<values.count {
                    let group = Int(groups[index])
                    precondition(group < cells.count)
                    cells[group].add(values[index], millionths: scaled[index])
                }
            }
            return true
        }
    }

    /// Writes each value's millionths into `scaled` (rounded as ``addRowByRow(_:groups:)`` rounds them) and says
    /// whether every value is exactly its millionths / 10^6 with fewer than 2^50 of them — the per-row test of
    /// ``addRowByRow(_:groups:)``, false for NaN and infinities too. Where the answer is false, `scaled` holds
    /// nothing meaningful.
    @inlinable
    static func scaleExactly(_ values: UnsafeBufferPointer<Double>, into scaled: UnsafeMutableBufferPointer<Int64>) -> Bool {
        precondition(scaled.count >= values.count)
        guard let source = values.baseAddress, let target = scaled.baseAddress else { return true }
        // Four values at a time in SIMD registers, the test's outcomes and-ed into a mask: no branch per row.
        typealias Lanes = SIMD4<Double>
        let lanes = Lanes.scalarCount
        var exact = SIMDMask<SIMD4<Int64>>(repeating: true)
        var index = 0
        while index + lanes <= values.count {
            let value = UnsafeRawPointer(source + index).loadUnaligned(as: Lanes.self)
            let (millionths, sameValue, inRange) = scaleExactly(value)
            UnsafeMutableRawPointer(target + index).storeBytes(of: millionths, as: SIMD4<Int64>.self)
            exact = exact .& sameValue .& inRange
            index += lanes
        }
        var tail = Lanes(repeating: 0)
        for lane in 0..<(values.count - index) { tail[lane] = source[index + lane] }
        let (millionths, sameValue, inRange) = scaleExactly(tail)
        for lane in 0..<(values.count - index) { target[index + lane] = millionths[lane] }
        exact = exact .& sameValue .& inRange
        return all(exact)
    }

    /// The per-value step of ``scaleExactly(_:into:)``: the millionths, whether they are the value exactly, and
    /// whether they are below 2^50 in magnitude.
    @inlinable @inline(__always)
    static func scaleExactly(_ value: SIMD4<Double>)
        -> (SIMD4<Int64>, SIMDMask<SIMD4<Int64>>, SIMDMask<SIMD4<Int64>>) {
        // For |x| < 2^51, x + 1.5 × 2^52 lies in [2^52, 2^53), where one unit of the significand is 1: its bit
        // pattern less the constant's is x rounded to an integer, with no conversion instruction and no trap.
        let magic = SIMD4<Double>(repeating: roundingMagic)
        let limit = SIMD4<Double>(repeating: Double(exactMagnitudeLimit))
        let product = value * SIMD4<Double>(repeating: scale)
        let shifted = product + magic
        let millionths = unsafeBitCast(shifted, to: SIMD4<Int64>.self)
            &- SIMD4<Int64>(repeating: Int64(bitPattern: roundingMagic.bitPattern))
        let sameValue = (shifted - magic) / SIMD4<Double>(repeating: scale) .== value
        let inRange = (product .< limit) .& (product .> -limit)
        return (millionths, sameValue, inRange)
    }
}
