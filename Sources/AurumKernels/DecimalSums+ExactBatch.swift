extension DecimalSums {
    /// Adds a batch as ``add(_:groups:)`` does, at integer cost, when every value in it is an exact decimal of at
    /// most 6 places below 2^50 millionths; returns false, having added nothing, when any value is not.
    ///
    /// Why it is bit-identical to ``addRowByRow(_:groups:)``: that loop, meeting only such values, never turns a
    /// group inexact for a value, and adds to each group, in row order, the same integer (turning it inexact on
    /// overflow, from the same exact sum) or, once inexact, the same double as this one. The per-row test —
    /// a division and two branches — is done here for the whole batch by ``scaleExactly(_:into:)``, four values
    /// at a time in SIMD registers with no branch and no group lookup; the millionths are then added as they are
    /// (``add(millionths:groups:)``).
    @inlinable
    mutating func addIfEveryValueIsExact(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) -> Bool {
        precondition(values.count == groups.count)
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: values.count) { scaled in
            guard Self.scaleExactly(values, into: scaled) else { return false }
            add(millionths: UnsafeBufferPointer(scaled), groups: groups)
            return true
        }
    }

    /// Adds values given as their millionths — `millionths[i]` into group `groups[i]` — each of which is exact
    /// and below 2^50 in magnitude (a money column's stored decimals, scaled: ``add(_:groups:)`` of the values
    /// `Double(millionths[i]) / 10^6`, bit for bit, with no value made or checked).
    @inlinable
    public mutating func add(millionths: UnsafeBufferPointer<Int64>, groups: UnsafeBufferPointer<UInt32>) {
        precondition(millionths.count == groups.count)
        cells.withUnsafeMutableBufferPointer { cells in
            if Self.runsAreLong(groups) {
                Self.addRuns(millionths, groups: groups, into: cells)
                return
            }
            for index in 0..<millionths.count {
                let group = Int(groups[index])
                precondition(group < cells.count)
                cells[group].add(millionths: millionths[index])
            }
        }
    }

    /// Whether consecutive rows share their group often enough (runs of 4 rows or more on average) for
    /// ``addRuns(_:groups:into:)`` to pay: one pass, no branch per row.
    @inlinable
    static func runsAreLong(_ groups: UnsafeBufferPointer<UInt32>) -> Bool {
        guard groups.count >= 2, let start = groups.baseAddress else { return false }
        // Eight neighbours compared at a time: a scalar loop here cost a third of a random grouping's add.
        typealias Lanes = SIMD8<UInt32>
        var changed = Lanes()
        var index = 0
        while index &+ Lanes.scalarCount < groups.count {
            let here = UnsafeRawPointer(start + index).loadUnaligned(as: Lanes.self)
            let next = UnsafeRawPointer(start + (index &+ 1)).loadUnaligned(as: Lanes.self)
            changed &+= Lanes(repeating: 0).replacing(with: 1, where: here .!= next)
            index &+= Lanes.scalarCount
        }
        var changes = Int(changed.wrappedSum())
        while index &+ 1 < groups.count {
            changes &+= groups[index] != groups[index &+ 1] ? 1 : 0
            index &+= 1
        }
        return changes &* 4 <= groups.count
    }

    /// The exact rows added run by run: a run of rows of one group is summed in a register and added to its
    /// cell once. Rows sorted by the grouping keys (a month by campaign over Silver's order, a join's groups)
    /// come in runs of tens of rows, and adding each row to its cell in memory is a chain of dependent loads
    /// and stores (about 5 cycles a row, where the register add takes 1).
    ///
    /// Why it is bit-identical to adding row by row: a run is at most ``longestRun`` rows of millionths below
    /// 2^50 in magnitude, so its partial sums stay below 2^62; added to an exact cell below 2^62, no partial
    /// sum of the row-by-row order reaches 2^63 either — no overflow on either path, the same integer at the
    /// end. Any other cell (inexact, or 2^62 or more) takes the run row by row, as before.
    @inlinable
    static func addRuns(
        _ millionths: UnsafeBufferPointer<Int64>, groups: UnsafeBufferPointer<UInt32>, into cells: UnsafeMutableBufferPointer<Cell>
    ) {
        guard let groupStart = groups.baseAddress, let valueStart = millionths.baseAddress else { return }
        typealias Groups = SIMD8<UInt32>
        typealias Values = SIMD8<Int64>
        var start = 0
        while start < groups.count {
            let group = groups[start]
            let limit = min(groups.count, start &+ longestRun)
            // Eight rows at a time while all eight are the run's (one compare of eight groups, eight adds in
            // registers), then row by row to the run's end.
            var lanes = Values()
            var end = start
            while end &+ Groups.scalarCount <= limit {
                let next = UnsafeRawPointer(groupStart + end).loadUnaligned(as: Groups.self)
                guard next == Groups(repeating: group) else { break }
                lanes &+= UnsafeRawPointer(valueStart + end).loadUnaligned(as: Values.self)
                end &+= Groups.scalarCount
            }
            var sum = lanes.wrappedSum()
            while end < limit, groups[end] == group {
                sum &+= millionths[end]
                end &+= 1
            }
            precondition(Int(group) < cells.count)
            cells[Int(group)].add(run: start..<end, sum: sum, millionths: millionths)
            start = end
        }
    }

    /// The most rows ``addRuns(_:groups:into:)`` sums in a register before adding to the cell:
    /// 2^12 rows below 2^50 each stay below 2^62.
    @usableFromInline static let longestRun = 1 << 12

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
