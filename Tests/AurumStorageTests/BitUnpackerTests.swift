import XCTest

@testable import AurumStorage

/// The per-width unpacking loops and the fused decimal decoding against their one-value-at-a-time references:
/// every width 0…64, counts around the groups of eight, exact-size buffers and buffers with trailing bytes.
final class BitUnpackerTests: XCTestCase {
    private let counts = [0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 63, 64, 65, 127, 128, 129, 1000, 1003]

    private func randomValues(count: Int, width: Int, using rng: inout SeededGenerator) -> [UInt64] {
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        return (0..<count).map { index in
            switch index % 5 {
            case 0: mask  // the widest value the width holds
            case 1: 0
            default: rng.next() & mask
            }
        }
    }

    private func pack(_ values: [UInt64], width: Int) -> [UInt8] {
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
        return writer.bytes
    }

    func testEveryWidthMatchesTheOneByOneReference() {
        var rng = SeededGenerator(seed: 77)
        for width in 0...64 {
            for count in counts {
                let values = randomValues(count: count, width: width, using: &rng)
                let packed = pack(values, width: width)
                // Trailing bytes (set bits) must be ignored, and an exact-size buffer must not be overrun.
                for slack in [0, 3, 17] {
                    let bytes = packed + [UInt8](repeating: 0xFF, count: slack)
                    var fast = [UInt64](repeating: 0xDEAD_BEEF, count: count)
                    var reference = [UInt64](repeating: 0xFEED_FACE, count: count)
                    bytes.withUnsafeBytes { raw in
                        fast.withUnsafeMutableBufferPointer { BitPacking.unpack(raw, count: count, width: width, into: $0) }
                        reference.withUnsafeMutableBufferPointer { BitPacking.unpackOneByOne(raw, count: count, width: width, into: $0) }
                    }
                    XCTAssertEqual(fast, values, "width \(width) count \(count) slack \(slack)")
                    XCTAssertEqual(reference, values, "width \(width) count \(count) slack \(slack)")
                }
            }
        }
    }

    /// A decimal block: scale, then `base` and `offsets` packed at `width` bits (frame of reference).
    private func decimalBlock(scale: Int, base: Int64, offsets: [UInt64], width: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(DoubleEncoding.decimal)
        writer.append(UInt8(scale))
        writer.append(IntegerEncoding.Scheme.frameOfReference.rawValue)
        writer.append(base)
        writer.append(UInt8(width))
        offsets.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
        return writer.bytes
    }

    /// A decimal block with the integers in the scheme the writer picks.
    private func decimalBlock(scale: Int, integers: [Int64]) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(DoubleEncoding.decimal)
        writer.append(UInt8(scale))
        IntegerEncoding.encode(integers, into: &writer)
        return writer.bytes
    }

    private func decodeDoubles(_ bytes: [UInt8], count: Int) throws -> [Double] {
        try decodeDoubleBlock(bytes, count: count, file: "t.seg")
    }

    func testDecimalsDecodeBitForBitAtEveryScaleWidthAndScheme() throws {
        var rng = SeededGenerator(seed: 2024)
        for scale in 0...DoubleEncoding.maximumScale {
            var power = 1.0
            for _ in 0..<scale { power *= 10 }
            for width in 0...64 {
                for count in [0, 1, 9, 64, 131] {
                    let base = Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64)
                    let offsets = randomValues(count: count, width: width, using: &rng)
                    let integers = offsets.map { base &+ Int64(bitPattern: $0) }
                    let expected = integers.map { (Double($0) / power).bitPattern }
                    let fused = try decodeDoubles(decimalBlock(scale: scale, base: base, offsets: offsets, width: width), count: count)
                    XCTAssertEqual(fused.map(\.bitPattern), expected, "scale \(scale) width \(width) count \(count)")
                }
            }
            // The writer's own choice: plain for wild integers, delta for sorted ones.
            for sorted in [false, true] {
                var integers = (0..<300).map { _ in Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64) }
                if sorted { integers.sort() }
                let expected = integers.map { (Double($0) / power).bitPattern }
                let decoded = try decodeDoubles(decimalBlock(scale: scale, integers: integers), count: integers.count)
                XCTAssertEqual(decoded.map(\.bitPattern), expected, "scale \(scale) sorted \(sorted)")
            }
        }
    }

    func testTruncatedFusedDecimalBlocksThrow() throws {
        let block = decimalBlock(scale: 2, base: -5, offsets: (0..<100).map { UInt64($0 * 37) }, width: 13)
        for length in 0..<block.count {
            XCTAssertThrowsError(try decodeDoubles(Array(block[0..<length]), count: 100), "length \(length)")
        }
    }
}
