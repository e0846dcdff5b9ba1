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
            guard let (total, magnitude) = exactSum(UnsafeBufferPointer(integers)) else { return nil }
            var sum = total
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

    /// Σ `values` exactly and a bound on their magnitudes (at least the greatest, under twice it); nil when the
    /// sum does not fit Int64.
    ///
    /// One pass of wrapping adds and bit ORs (what the compiler vectorises): `v ^ (v >> 63)` is `|v|` or `|v| - 1`,
    /// so one more than their OR bounds every magnitude. When `count × bound` fits Int63 no partial sum can have
    /// wrapped, whatever the order; otherwise — values that large, which decimal money never has — the values
    /// are added again in 128 bits.
    static func exactSum(_ values: UnsafeBufferPointer<Int64>) -> (sum: Int64, magnitude: UInt64)? {
        var sum: Int64 = 0
        var bits: Int64 = 0
        for value in values {
            sum &+= value
            bits |= value ^ (value &>> 63)
        }
        let magnitude = UInt64(bitPattern: bits) &+ 1
        let (reach, overflow) = magnitude.multipliedReportingOverflow(by: UInt64(values.count))
        if !overflow, reach <= UInt64(Int64.max) { return (sum, magnitude) }
        var wide: Int128 = 0
        for value in values { wide += Int128(value) }
        guard let exact = Int64(exactly: wide) else { return nil }
        return (exact, magnitude)
    }
}
