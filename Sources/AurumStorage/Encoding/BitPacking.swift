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
        precondition(output.count >= count)
        guard let start = output.baseAddress else { return }
        BitUnpacker.unpack(bytes, count: count, width: width, into: RawBitsSink(output: start))
    }

    /// ``unpack(_:count:width:into:)`` one value at a time, without the per-width loops: the reference the tests
    /// compare it with.
    static func unpackOneByOne(_ bytes: UnsafeRawBufferPointer, count: Int, width: Int, into output: UnsafeMutableBufferPointer<UInt64>) {
        precondition(bytes.count >= packedByteCount(count: count, width: width) && output.count >= count)
        guard let start = output.baseAddress else { return }
        guard width > 0 else {
            for index in 0..<count { output[index] = 0 }
            return
        }
        BitUnpacker.unpackOneByOne(bytes, from: 0, count: count, width: width, into: RawBitsSink(output: start))
    }
}
