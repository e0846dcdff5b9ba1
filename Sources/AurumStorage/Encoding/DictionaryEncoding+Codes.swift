extension DictionaryEncoding {
    /// The rows' dictionary codes of a block without NULLs, read from their ``IntegerEncoding`` straight into
    /// UInt32 in one pass, each checked to lie in `0..<entryCount`; nil when the codes are laid out otherwise
    /// (plain, a width that is not 0, 8, 16 or 32 bits), the block has NULLs or a code lies outside the
    /// dictionary: the general path (decode to Int64, then narrow) then reads them, and names a bad code.
    /// `reader` moves past the codes only when they are returned.
    ///
    /// Codes are written byte-aligned (``encode(_:into:)``), so a frame of reference or delta of whole bytes is
    /// what nearly every block holds; reading those bytes directly spares a block the Int64 array of its rows
    /// (1 MiB for a row group) and two passes over it. The running sum of delta stays in Int64, so a code that
    /// lies outside the dictionary is caught even when its low 32 bits would look like one inside it.
    static func byteAlignedCodes(
        from reader: inout ByteReader, count: Int, validity: [UInt8]?, entryCount: Int
    ) -> [UInt32]? {
        guard count > 0, validity == nil else { return nil }
        var probe = reader
        // Anything odd (a truncated header, an unknown scheme) is left to the general path and its errors.
        guard let schemeByte = try? probe.read(UInt8.self), let scheme = IntegerEncoding.Scheme(rawValue: schemeByte) else { return nil }
        let limit = UInt64(entryCount)
        var allFit = true
        let codes: [UInt32]
        switch scheme {
        case .plain:
            return nil
        case .frameOfReference:
            guard let (base, width, packed) = try? IntegerEncoding.readFrame(from: &probe, count: count),
                width % 8 == 0, width <= 32
            else { return nil }
            codes = [UInt32](unsafeUninitializedCapacity: count) { codes, initialized in
                allFit = running(packed, width: width, first: nil, base: base, count: count, limit: limit, into: codes)
                initialized = count
            }
        case .delta:
            guard let first = try? probe.read(Int64.self), let base = try? probe.read(Int64.self),
                let width = try? probe.read(UInt8.self), width % 8 == 0, width <= 32,
                let packed = try? probe.readBytes(BitPacking.packedByteCount(count: count - 1, width: Int(width)))
            else { return nil }
            codes = [UInt32](unsafeUninitializedCapacity: count) { codes, initialized in
                allFit = running(packed, width: Int(width), first: first, base: base, count: count, limit: limit, into: codes)
                initialized = count
            }
        }
        guard allFit else { return nil }
        reader = probe
        return codes
    }

    /// ``running(_:word:first:base:count:limit:into:)`` for packed values of `width` bits: 0, 8, 16 or 32.
    private static func running(
        _ packed: UnsafeRawBufferPointer, width: Int, first: Int64?, base: Int64, count: Int, limit: UInt64,
        into codes: UnsafeMutableBufferPointer<UInt32>
    ) -> Bool {
        switch width {
        case 0: running(packed, word: UInt8.self, zero: true, first: first, base: base, count: count, limit: limit, into: codes)
        case 8: running(packed, word: UInt8.self, first: first, base: base, count: count, limit: limit, into: codes)
        case 16: running(packed, word: UInt16.self, first: first, base: base, count: count, limit: limit, into: codes)
        default: running(packed, word: UInt32.self, first: first, base: base, count: count, limit: limit, into: codes)
        }
    }

    /// Frame of reference (`first` nil): `codes[i] = base + word[i]`; delta: `codes[0] = first`, then
    /// `codes[i] = codes[i - 1] + base + word[i - 1]`; all in wrapping Int64 arithmetic, as ``IntegerEncoding``
    /// decodes. The words are little-endian `Word`s, or all 0 (`zero`: width 0, no bytes). Returns whether every
    /// code lies in `0..<limit`.
    @inline(__always)
    private static func running<Word: FixedWidthInteger & UnsignedInteger>(
        _ packed: UnsafeRawBufferPointer, word _: Word.Type, zero: Bool = false, first: Int64?, base: Int64, count: Int,
        limit: UInt64, into codes: UnsafeMutableBufferPointer<UInt32>
    ) -> Bool {
        let size = MemoryLayout<Word>.size
        @inline(__always) func word(_ index: Int) -> Int64 {
            zero ? 0 : Int64(truncatingIfNeeded: Word(littleEndian: packed.loadUnaligned(fromByteOffset: index &* size, as: Word.self)))
        }
        // 0 while every code so far fits: a code (as UInt64, so a negative one is huge) at or past `limit` sets it.
        var outside: UInt64 = 0
        if let first, zero {
            // Delta of width 0: `first + row × base`, an arithmetic run (a column constant through the row group,
            // what a sorted key column is: base 0). Its codes all fit when both ends do (a run is monotonic,
            // unless it wraps, which an end past Int64 shows); then they fill the array in one vectorised pass.
            let (span, spanOverflow) = base.multipliedReportingOverflow(by: Int64(count &- 1))
            let (last, lastOverflow) = first.addingReportingOverflow(span)
            guard !spanOverflow, !lastOverflow, UInt64(bitPattern: first) < limit, UInt64(bitPattern: last) < limit else {
                return false
            }
            let (start, step) = (UInt32(truncatingIfNeeded: first), UInt32(truncatingIfNeeded: base))
            for row in 0..<count { codes[row] = start &+ UInt32(truncatingIfNeeded: row) &* step }
            return true
        }
        if let first {
            var code = first
            codes[0] = UInt32(truncatingIfNeeded: code)
            outside |= UInt64(bitPattern: code) >= limit ? 1 : 0
            for row in 1..<count {
                code = code &+ base &+ word(row &- 1)
                codes[row] = UInt32(truncatingIfNeeded: code)
                outside |= UInt64(bitPattern: code) >= limit ? 1 : 0
            }
        } else if base >= 0, base <= Int64(UInt32.max) - Int64(Word.max), limit <= UInt64(UInt32.max) {
            // No code can pass 2^32 − 1: the same codes and the same test in 32-bit lanes, twice as many a
            // vector as in 64 bits.
            let base32 = UInt32(base)
            let limit32 = UInt32(limit)
            var outside32: UInt32 = 0
            for row in 0..<count {
                let code = base32 &+ UInt32(truncatingIfNeeded: word(row))
                codes[row] = code
                outside32 |= code >= limit32 ? 1 : 0
            }
            outside = UInt64(outside32)
        } else {
            for row in 0..<count {
                let code = base &+ word(row)
                codes[row] = UInt32(truncatingIfNeeded: code)
                outside |= UInt64(bitPattern: code) >= limit ? 1 : 0
            }
        }
        return outside == 0
    }
}
