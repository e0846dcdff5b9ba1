/// Parquet's RLE / bit-packing hybrid (Encodings.md, "RLE = 3"): runs of one repeated value as
/// `varint(count << 1)` then the value in ⌈bitWidth/8⌉ little-endian bytes; everything else as bit-packed
/// groups of 8 values, `varint(groups << 1 | 1)` then the values packed least significant bit first.
///
/// Used for definition levels (bit width 1) and dictionary indices. A repeated run becomes an RLE run once it
/// is 8 values long; a bit-packed run in the middle of the data always holds a multiple of 8 values (the run
/// before a repeat is completed from the repeat's first values), and only the last one is padded with zeros,
/// which readers ignore because they know how many values the page holds.
enum RLEBitPackedHybrid {
    /// The bit width that holds every value up to `maximum` (at least 1: some readers reject width 0).
    static func bitWidth(forMaximum maximum: UInt32) -> Int {
        max(1, UInt32.bitWidth - maximum.leadingZeroBitCount)
    }

    /// Appends `values` (each below 2^`bitWidth`) encoded, without a length prefix.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        precondition(bitWidth >= 1 && bitWidth <= 32, "bit width must be 1…32")
        let count = values.count
        var literalStart = 0
        var position = 0
        while position < count {
            let value = values[position]
            var end = position + 1
            while end < count && values[end] == value { end += 1 }
            // Values of the repeat that complete the pending bit-packed group (a bit-packed run mid-stream must
            // hold a multiple of 8 values).
            let fill = (8 - (position - literalStart) % 8) % 8
            if end - position - fill >= minimumRepeat {
                packLiterals(values, from: literalStart, to: position + fill, bitWidth: bitWidth, into: &output)
                appendRepeat(value, count: end - position - fill, bitWidth: bitWidth, into: &output)
                literalStart = end
            }
            position = end
        }
        packLiterals(values, from: literalStart, to: count, bitWidth: bitWidth, into: &output)
    }

    /// Appends `values` encoded, preceded by their byte length (4 bytes, little-endian), as data page v1
    /// definition levels are.
    static func encodeWithLength(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        let lengthAt = output.count
        output.append(contentsOf: [0, 0, 0, 0])
        encode(values, bitWidth: bitWidth, into: &output)
        let length = UInt32(output.count - lengthAt - 4)
        for index in 0..<4 { output[lengthAt + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(index))) }
    }

    /// Repeats shorter than this are bit-packed (an RLE run of fewer costs about as much and splits the groups).
    private static let minimumRepeat = 8

    /// `value` repeated `count` times as one RLE run.
    private static func appendRepeat(_ value: UInt32, count: Int, bitWidth: Int, into output: inout [UInt8]) {
        ULEB128.append(UInt64(count) << 1, to: &output)
        for byte in 0..<((bitWidth + 7) / 8) { output.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte)))) }
    }

    /// `values[start..<end]` as one bit-packed run, padded with zeros to a multiple of 8 values
    /// (``BitPacking`` packs least significant bit first, as the hybrid does).
    private static func packLiterals(_ values: UnsafeBufferPointer<UInt32>, from start: Int, to end: Int, bitWidth: Int, into output: inout [UInt8]) {
        guard end > start else { return }
        let groups = (end - start + 7) / 8
        ULEB128.append(UInt64(groups) << 1 | 1, to: &output)
        var widened = [UInt64](repeating: 0, count: groups * 8)
        for index in start..<end { widened[index - start] = UInt64(values[index]) }
        var writer = ByteWriter(capacity: groups * bitWidth)
        widened.withUnsafeBufferPointer { BitPacking.pack($0, width: bitWidth, into: &writer) }
        output.append(contentsOf: writer.bytes)
    }
}
