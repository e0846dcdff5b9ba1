/// Unpacks bit-packed values (``BitPacking``'s layout) straight into their destination: a value at a time
/// through a ``BitUnpackSink``, which adds the frame of reference, or turns the integer into a decimal-scaled
/// double, in the same pass. Nothing is unpacked into a temporary array first.
///
/// Why per width: eight values of `width` bits fill exactly `width` bytes, so every group of eight starts on a
/// byte boundary and, for a known width, each value's byte and shift within its group are constants. Each
/// width from 1 to 57 gets its own copy of the group loop (the `switch` below, each case inlining
/// ``groupsOfEight(_:byteCount:count:width:into:)`` with a literal width): one unaligned 8-byte load, a
/// constant shift and a mask per value, no per-value index arithmetic and no bounds tests. Widths 58–64 (a
/// value may then straddle 9 bytes) and the last values, whose 8-byte load would run past the packed bytes,
/// take ``unpackOneByOne(_:from:count:width:into:)``, the reference routine the tests hold the fast one to.
///
/// Unsafe code stays here: callers hand a checked byte buffer and a sink that owns a buffer of `count` values.
enum BitUnpacker {
    /// Calls `sink.put(value, at: i)` for i in 0..<count with the i-th `width`-bit value of `bytes`, which
    /// must hold at least ``BitPacking/packedByteCount(count:width:)`` bytes.
    @inline(__always)
    static func unpack<Sink: BitUnpackSink>(_ bytes: UnsafeRawBufferPointer, count: Int, width: Int, into sink: Sink) {
        precondition((0...64).contains(width) && count >= 0 && bytes.count >= BitPacking.packedByteCount(count: count, width: width))
        guard count > 0 else { return }
        guard width > 0 else {
            for index in 0..<count { sink.put(0, at: index) }
            return
        }
        var next = 0
        if let start = bytes.baseAddress {
            let byteCount = bytes.count
            switch width {
        case 1: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 1, into: sink)
        case 2: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 2, into: sink)
        case 3: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 3, into: sink)
        case 4: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 4, into: sink)
        case 5: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 5, into: sink)
        case 6: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 6, into: sink)
        case 7: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 7, into: sink)
        case 8: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 8, into: sink)
        case 9: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 9, into: sink)
        case 10: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 10, into: sink)
        case 11: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 11, into: sink)
        case 12: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 12, into: sink)
        case 13: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 13, into: sink)
        case 14: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 14, into: sink)
        case 15: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 15, into: sink)
        case 16: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 16, into: sink)
        case 17: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 17, into: sink)
        case 18: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 18, into: sink)
        case 19: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 19, into: sink)
        case 20: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 20, into: sink)
        case 21: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 21, into: sink)
        case 22: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 22, into: sink)
        case 23: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 23, into: sink)
        case 24: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 24, into: sink)
        case 25: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 25, into: sink)
        case 26: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 26, into: sink)
        case 27: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 27, into: sink)
        case 28: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 28, into: sink)
        case 29: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 29, into: sink)
        case 30: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 30, into: sink)
        case 31: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 31, into: sink)
        case 32: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 32, into: sink)
        case 33: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 33, into: sink)
        case 34: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 34, into: sink)
        case 35: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 35, into: sink)
        case 36: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 36, into: sink)
        case 37: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 37, into: sink)
        case 38: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 38, into: sink)
        case 39: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 39, into: sink)
        case 40: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 40, into: sink)
        case 41: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 41, into: sink)
        case 42: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 42, into: sink)
        case 43: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 43, into: sink)
        case 44: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 44, into: sink)
        case 45: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 45, into: sink)
        case 46: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 46, into: sink)
        case 47: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 47, into: sink)
        case 48: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 48, into: sink)
        case 49: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 49, into: sink)
        case 50: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 50, into: sink)
        case 51: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 51, into: sink)
        case 52: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 52, into: sink)
        case 53: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 53, into: sink)
        case 54: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 54, into: sink)
        case 55: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 55, into: sink)
        case 56: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 56, into: sink)
        case 57: next = groupsOfEight(start, byteCount: byteCount, count: count, width: 57, into: sink)
            default: next = 0
            }
        }
        unpackOneByOne(bytes, from: next, count: count, width: width, into: sink)
    }

    /// Values `0..<k` in groups of eight for the largest whole number of groups `k / 8` whose loads stay inside
    /// `byteCount` bytes; returns `k`. `width` must be 1…57 (a value then lies in one 8-byte load: shift ≤ 7).
    @inline(__always)
    static func groupsOfEight<Sink: BitUnpackSink>(
        _ start: UnsafeRawPointer, byteCount: Int, count: Int, width: Int, into sink: Sink
    ) -> Int {
        let mask: UInt64 = (1 << UInt64(width)) &- 1
        // The eighth value of a group is loaded from byte (7 × width) / 8 of it, 8 bytes long.
        let reach = (7 &* width) >> 3 &+ 8
        guard byteCount >= reach else { return 0 }
        let groups = Swift.min(count >> 3, (byteCount &- reach) / width &+ 1)
        var source = start
        var index = 0
        for _ in 0..<groups {
            for lane in 0..<8 {
                let bit = lane &* width
                let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                sink.put((word >> UInt64(bit & 7)) & mask, at: index &+ lane)
            }
            source += width
            index &+= 8
        }
        return index
    }

    /// Values `first..<count`, one at a time, reading two words per value (a value spans at most 9 bytes: 7
    /// bits of shift and 64 of width) and byte by byte near the end of `bytes`. Any width 1…64; the reference
    /// the per-width loops must match bit for bit.
    @inline(__always)
    static func unpackOneByOne<Sink: BitUnpackSink>(
        _ bytes: UnsafeRawBufferPointer, from first: Int, count: Int, width: Int, into sink: Sink
    ) {
        guard first < count else { return }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        let byteCount = bytes.count
        var bitOffset = first * width
        for index in first..<count {
            let byteIndex = bitOffset >> 3
            let shift = UInt64(bitOffset & 7)
            var low: UInt64 = 0
            var high: UInt64 = 0
            if byteIndex + 16 <= byteCount {
                low = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
                high = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byteIndex + 8, as: UInt64.self))
            } else {
                for position in 0..<16 where byteIndex + position < byteCount {
                    let byte = UInt64(bytes[byteIndex + position])
                    if position < 8 { low |= byte << UInt64(position * 8) } else { high |= byte << UInt64((position - 8) * 8) }
                }
            }
            let word = shift == 0 ? low : (low >> shift) | (high << (64 - shift))
            sink.put(word & mask, at: index)
            bitOffset += width
        }
    }
}
