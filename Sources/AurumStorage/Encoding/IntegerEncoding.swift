/// The encodings of a sequence of Int64: plain, frame of reference, or delta then frame of reference, each
/// bit-packed. The writer picks the smallest (ties: plain, then frame of reference); zstd then runs over the result.
///
/// Layout (docs/segment-format.md, "Integer encoding"): a scheme byte, then
/// - `0` plain: `count` × Int64;
/// - `1` frame of reference: Int64 `base`, UInt8 `width`, packed `value - base`;
/// - `2` delta: Int64 `first`, Int64 `base`, UInt8 `width`, packed `(value[i] - value[i-1]) - base` for i ≥ 1.
/// All arithmetic wraps, so every Int64 sequence round-trips.
public enum IntegerEncoding {
    public enum Scheme: UInt8 {
        case plain = 0
        case frameOfReference = 1
        case delta = 2
    }

    /// Encodes `values`. With `byteAligned`, bit widths are rounded up to whole bytes (8, 16, 32, 64): a
    /// sequence that repeats (the same ads every day, in the same order) then repeats byte for byte, which zstd
    /// finds; packed at, say, 13 bits, each repetition starts at another bit offset and zstd sees noise.
    public static func encode(_ values: UnsafeBufferPointer<Int64>, byteAligned: Bool = false, into writer: inout ByteWriter) {
        guard let first = values.first else {
            writer.append(Scheme.frameOfReference.rawValue)
            writer.append(Int64(0))
            writer.append(UInt8(0))
            return
        }
        var minimum = first
        var maximum = first
        var minimumDelta = Int64.max
        var maximumDelta = Int64.min
        var previous = first
        // Deltas start at the second value: the first has none, and counting a phantom 0 would widen the
        // frame of every sequence that only grows (an arithmetic sequence would need bits instead of none).
        for value in values.dropFirst() {
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            let delta = value &- previous
            minimumDelta = Swift.min(minimumDelta, delta)
            maximumDelta = Swift.max(maximumDelta, delta)
            previous = value
        }
        func align(_ width: Int) -> Int { byteAligned ? (width + 7) / 8 * 8 : width }
        let referenceWidth = align(BitPacking.width(of: UInt64(bitPattern: maximum &- minimum)))
        let deltaWidth = values.count > 1 ? align(BitPacking.width(of: UInt64(bitPattern: maximumDelta &- minimumDelta))) : 64
        // Compare whole sizes, headers included: for a handful of values delta's extra 8 bytes outweigh its bits.
        let plainBytes = 1 + 8 * values.count
        let referenceBytes = 1 + 8 + 1 + BitPacking.packedByteCount(count: values.count, width: referenceWidth)
        let deltaBytes = 1 + 8 + 8 + 1 + BitPacking.packedByteCount(count: values.count - 1, width: deltaWidth)
        if plainBytes <= min(referenceBytes, deltaBytes) {
            writer.append(Scheme.plain.rawValue)
            for value in values { writer.append(value) }
            return
        }
        var packed = [UInt64](repeating: 0, count: values.count)
        // Byte-aligned, a tie goes to delta: sorted runs become small repeated deltas that zstd packs well.
        if deltaBytes < referenceBytes || (byteAligned && deltaWidth <= referenceWidth) {
            writer.append(Scheme.delta.rawValue)
            writer.append(first)
            writer.append(minimumDelta)
            writer.append(UInt8(deltaWidth))
            for index in 1..<values.count {
                packed[index - 1] = UInt64(bitPattern: (values[index] &- values[index - 1]) &- minimumDelta)
            }
            packed.withUnsafeBufferPointer {
                BitPacking.pack(UnsafeBufferPointer(rebasing: $0[0..<(values.count - 1)]), width: deltaWidth, into: &writer)
            }
        } else {
            writer.append(Scheme.frameOfReference.rawValue)
            writer.append(minimum)
            writer.append(UInt8(referenceWidth))
            for index in 0..<values.count { packed[index] = UInt64(bitPattern: values[index] &- minimum) }
            packed.withUnsafeBufferPointer { BitPacking.pack($0, width: referenceWidth, into: &writer) }
        }
    }

    public static func encode(_ values: [Int64], byteAligned: Bool = false, into writer: inout ByteWriter) {
        values.withUnsafeBufferPointer { encode($0, byteAligned: byteAligned, into: &writer) }
    }

    /// Decodes `count` values; throws `corrupt` when the bytes cannot hold them.
    public static func decode(from reader: inout ByteReader, count: Int) throws -> [Int64] {
        // Written in place: every slot is decoded, so a zero-filled buffer would be a wasted pass.
        try [Int64](unsafeUninitializedCapacity: count) { output, initialized in
            try decode(from: &reader, count: count, into: output)
            initialized = count
        }
    }

    /// Decodes `count` values into `output` (at least `count` slots, which may be uninitialised).
    static func decode(from reader: inout ByteReader, count: Int, into output: UnsafeMutableBufferPointer<Int64>) throws {
        precondition(output.count >= count)
        guard let start = output.baseAddress else {
            // An empty buffer has no address, but an empty block still has its scheme and header to read.
            var nothing: Int64 = 0
            try withUnsafeMutablePointer(to: &nothing) { try decode(from: &reader, count: 0, into: UnsafeMutableBufferPointer(start: $0, count: 1)) }
            return
        }
        let schemeByte: UInt8 = try reader.read()
        guard let scheme = Scheme(rawValue: schemeByte) else { throw reader.corrupt("unknown integer scheme \(schemeByte)") }
        switch scheme {
        case .plain:
            let raw = try reader.readBytes(count * 8)
            for index in 0..<count { start[index] = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: index &* 8, as: Int64.self)) }
        case .frameOfReference:
            let (base, width, packed) = try readFrame(from: &reader, count: count)
            BitUnpacker.unpack(packed, count: count, width: width, into: OffsetSink(base: base, output: start))
        case .delta:
            let first: Int64 = try reader.read()
            let base: Int64 = try reader.read()
            let width = Int(try reader.read(UInt8.self))
            guard width <= 64 else { throw reader.corrupt("bit width \(width) > 64") }
            guard count > 0 else { return }
            let packed = try reader.readBytes(BitPacking.packedByteCount(count: count - 1, width: width))
            // The deltas (plus their base) land in slots 1…, then a running sum turns them into values.
            BitUnpacker.unpack(packed, count: count - 1, width: width, into: OffsetSink(base: base, output: start + 1))
            start[0] = first
            var running = first
            for index in 1..<count {
                running = running &+ start[index]
                start[index] = running
            }
        }
    }

    /// The header and packed bytes of a frame-of-reference sequence of `count` values (its scheme byte read).
    static func readFrame(from reader: inout ByteReader, count: Int) throws -> (base: Int64, width: Int, packed: UnsafeRawBufferPointer) {
        let base: Int64 = try reader.read()
        let width = Int(try reader.read(UInt8.self))
        guard width <= 64 else { throw reader.corrupt("bit width \(width) > 64") }
        let packed = try reader.readBytes(BitPacking.packedByteCount(count: count, width: width))
        return (base, width, packed)
    }
}
