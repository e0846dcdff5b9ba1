/// Packs unsigned integers of a fixed bit width back to back, least significant bit first.
///
/// `width` is 0…64; width 0 stores nothing (every value is 0). The packed size is `ceil(count × width / 8)` bytes.
public enum BitPacking {
    /// The number of bits needed to hold `value`.
    @inlinable
    public static func width(of value: UInt64) -> Int { 64 - value.leadingZeroBitCount }

    public static func packedByteCount(count: Int, width: Int) -> Int { (count * width + 7) / 8 }

    /// Appends `values` packed at `width` bits each. Values must fit in `width` bits.
    public static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into writer: inout ByteWriter) {
        precondition((0...64).contains(width))
        guard width > 0 else { return }
        var buffer: UInt64 = 0
        var filled = 0
        var out = [UInt8]()
        out.reserveCapacity(packedByteCount(count: values.count, width: width) + 8)
        for value in values {
            assert(width == 64 || value >> UInt64(width) == 0, "value wider than the packing width")
            buffer |= value << UInt64(filled)
            let room = 64 - filled
            if width >= room {
                withUnsafeBytes(of: buffer.littleEndian) { out.append(contentsOf: $0) }
                buffer = room == 64 ? 0 : value >> UInt64(room)
                filled = width - room
            } else {
                filled += width
            }
        }
        var tail = buffer
        var tailBytes = (filled + 7) / 8
        while tailBytes > 0 {
            out.append(UInt8(truncatingIfNeeded: tail))
            tail >>= 8
            tailBytes -= 1
        }
        writer.append(bytes: out)
    }

    /// Reads `count` values of `width` bits from `bytes` (which must hold `packedByteCount` bytes).
    public static func unpack(_ bytes: UnsafeRawBufferPointer, count: Int, width: Int, into output: UnsafeMutableBufferPointer<UInt64>) {
        precondition(bytes.count >= packedByteCount(count: count, width: width) && output.count >= count)
        guard width > 0 else {
            for index in 0..<count { output[index] = 0 }
            return
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        let byteCount = bytes.count
        var bitOffset = 0
        for index in 0..<count {
            // A value spans at most 9 bytes (7 bits of shift + 64 bits of width): read two words.
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
            output[index] = word & mask
            bitOffset += width
        }
    }
}
