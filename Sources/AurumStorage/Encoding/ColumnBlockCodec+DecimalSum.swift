extension ColumnBlockCodec {
    /// The exact sum of a DOUBLE block's payload (before zstd: validity, then ``DoubleEncoding``) counting the rows
    /// that are neither NULL nor in `excluded` (sorted, distinct row numbers below `rowCount`), and the block's
    /// NULL count (excluded rows included, as the footer counts them); nil when the block stores plain doubles or
    /// its sum does not fit Int64.
    ///
    /// The integers are decoded into `scratch` in whatever integer scheme holds them (frame of reference: unpacked
    /// and offset in one pass) and added exactly (``exactSum(_:)``); the uncounted rows, few in practice, are then
    /// taken away one by one. NULL slots hold their neighbour's integer (``encode(_:)`` fills them), so they are
    /// taken away like deleted rows. Corrupt bytes throw as ``decode(_:type:rowCount:file:location:)`` does.
    static func decimalSum(
        _ payload: UnsafeRawBufferPointer, rowCount: Int, excluding excluded: [Int], scratch: IntegerScratch,
        file: String, location: String
    ) throws -> (sum: DecimalBlockSum, nullCount: Int)? {
        var reader = ByteReader(payload, file: file, location: location)
        let hasValidity: UInt8 = try reader.read()
        let bitmap: UnsafeRawBufferPointer?
        switch hasValidity {
        case 0: bitmap = nil
        case 1: bitmap = try reader.readBytes((rowCount + 7) / 8)
        default: throw reader.corrupt("validity flag \(hasValidity)")
        }
        let scheme: UInt8 = try reader.read()
        guard scheme == DoubleEncoding.decimal else {
            guard scheme == DoubleEncoding.plain else { throw reader.corrupt("unknown double scheme \(scheme)") }
            return nil
        }
        let scale = Int(try reader.read(UInt8.self))
        guard scale <= DoubleEncoding.maximumScale else { throw reader.corrupt("decimal scale \(scale) > \(DoubleEncoding.maximumScale)") }
        return try scratch.withBuffer(count: rowCount) { integers throws -> (sum: DecimalBlockSum, nullCount: Int)? in
            try IntegerEncoding.decode(from: &reader, count: rowCount, into: integers)
            guard reader.remaining == 0 else { throw reader.corrupt("\(reader.remaining) unexpected bytes after the values") }
            guard var (sum, magnitude) = exactSum(UnsafeBufferPointer(integers)) else { return nil }
            func isNull(_ row: Int) -> Bool { bitmap.map { ($0[row >> 3] >> UInt8(row & 7)) & 1 == 0 } ?? false }
            var uncounted = 0
            var nullCount = 0
            if let bitmap {
                for byteIndex in 0..<bitmap.count where bitmap[byteIndex] != 0xFF {
                    for row in byteIndex << 3..<min(byteIndex << 3 + 8, rowCount) where isNull(row) {
                        let (difference, overflow) = sum.subtractingReportingOverflow(integers[row])
                        guard !overflow else { return nil }
                        sum = difference
                        nullCount += 1
                    }
                }
                uncounted = nullCount
            }
            for row in excluded where !isNull(row) {
                precondition(row >= 0 && row < rowCount, "an excluded row lies in the block")
                let (difference, overflow) = sum.subtractingReportingOverflow(integers[row])
                guard !overflow else { return nil }
                sum = difference
                uncounted += 1
            }
            let block = DecimalBlockSum(
                scale: scale, integerSum: sum, count: rowCount - uncounted, rowCount: rowCount - excluded.count,
                integerMagnitudeBound: magnitude)
            return (block, nullCount)
        }
    }

    /// Σ `values` exactly and the greatest magnitude among them; nil when the sum does not fit Int64.
    ///
    /// Each value is split into its high 32 bits (signed) and its low 32 bits (unsigned), each half summed in its
    /// own eight 64-bit lanes — which cannot overflow below 2^31 values — and the halves joined with checked
    /// arithmetic, so no partial sum can wrap unseen whatever the order of the values.
    static func exactSum(_ values: UnsafeBufferPointer<Int64>) -> (sum: Int64, magnitude: UInt64)? {
        precondition(values.count < 1 << 31, "a block holds fewer than 2^31 values")
        guard let start = values.baseAddress, !values.isEmpty else { return (0, 0) }
        let raw = UnsafeRawPointer(start)
        var high = SIMD8<Int64>(repeating: 0)
        var low = SIMD8<Int64>(repeating: 0)
        var least = SIMD8<Int64>(repeating: .max)
        var greatest = SIMD8<Int64>(repeating: .min)
        let whole = values.count & ~7
        var index = 0
        while index < whole {
            let lanes = raw.loadUnaligned(fromByteOffset: index &* 8, as: SIMD8<Int64>.self)
            high &+= lanes &>> 32
            low &+= lanes & 0xFFFF_FFFF
            least = pointwiseMin(least, lanes)
            greatest = pointwiseMax(greatest, lanes)
            index &+= 8
        }
        var highSum = high.wrappedSum()
        var lowSum = low.wrappedSum()
        var minimum = least.min()
        var maximum = greatest.max()
        while index < values.count {
            let value = values[index]
            highSum &+= value &>> 32
            lowSum &+= value & 0xFFFF_FFFF
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            index &+= 1
        }
        // Carry the low sum's upper half into the high sum first, so that only a total outside Int64 overflows.
        let (carried, carryOverflow) = highSum.addingReportingOverflow(lowSum >> 32)
        let (shifted, shiftOverflow) = carried.multipliedReportingOverflow(by: 1 << 32)
        let (sum, addOverflow) = shifted.addingReportingOverflow(lowSum & 0xFFFF_FFFF)
        guard !carryOverflow, !shiftOverflow, !addOverflow else { return nil }
        return (sum, Swift.max(minimum.magnitude, maximum.magnitude))
    }
}
