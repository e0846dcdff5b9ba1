import XCTest

@testable import AurumStorage

final class BitPackingTests: XCTestCase {
    /// The format's definition: bit `b` of value `i` is bit `(i × width + b) mod 8` of byte `(i × width + b) / 8`.
    private func referencePack(_ values: [UInt64], width: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (values.count * width + 7) / 8)
        for (index, value) in values.enumerated() {
            for bit in 0..<width where (value >> UInt64(bit)) & 1 == 1 {
                let position = index * width + bit
                bytes[position / 8] |= UInt8(1) << UInt8(position % 8)
            }
        }
        return bytes
    }

    private func pack(_ values: [UInt64], width: Int) -> [UInt8] {
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
        return writer.bytes
    }

    private func unpack(_ bytes: [UInt8], count: Int, width: Int) -> [UInt64] {
        var output = [UInt64](repeating: 0xDEAD_BEEF, count: count)
        bytes.withUnsafeBytes { raw in output.withUnsafeMutableBufferPointer { BitPacking.unpack(raw, count: count, width: width, into: $0) } }
        return output
    }

    func testWidthOf() {
        XCTAssertEqual(BitPacking.width(of: 0), 0)
        XCTAssertEqual(BitPacking.width(of: 1), 1)
        XCTAssertEqual(BitPacking.width(of: 2), 2)
        XCTAssertEqual(BitPacking.width(of: 255), 8)
        XCTAssertEqual(BitPacking.width(of: 256), 9)
        XCTAssertEqual(BitPacking.width(of: UInt64.max), 64)
        XCTAssertEqual(BitPacking.width(of: 1 << 63), 64)
    }

    func testEveryWidthAndLengthRoundTripsInTheDocumentedLayout() {
        var rng = SeededGenerator(seed: 42)
        let lengths = Array(0...17) + [31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300, 511]
        for width in 0...64 {
            let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
            for count in lengths {
                // Random values, plus all-ones (every bit set) and all-zeros runs.
                for fill in 0..<3 {
                    let values: [UInt64] = (0..<count).map { _ in
                        switch fill {
                        case 0: rng.next() & mask
                        case 1: mask
                        default: 0
                        }
                    }
                    let packed = pack(values, width: width)
                    XCTAssertEqual(packed.count, BitPacking.packedByteCount(count: count, width: width), "width \(width) count \(count)")
                    XCTAssertEqual(packed, referencePack(values, width: width), "layout, width \(width) count \(count) fill \(fill)")
                    XCTAssertEqual(unpack(packed, count: count, width: width), values, "width \(width) count \(count) fill \(fill)")
                }
            }
        }
    }

    func testUnpackIgnoresBytesPastTheEnd() {
        // Unpacking must not read (or depend on) bytes beyond packedByteCount: appending garbage changes nothing,
        // and unpacking from an exact-size buffer does not overrun it.
        var rng = SeededGenerator(seed: 7)
        for width in [1, 3, 7, 13, 31, 57, 63, 64] {
            let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
            let values = (0..<37).map { _ in rng.next() & mask }
            let packed = pack(values, width: width)
            XCTAssertEqual(unpack(packed + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], count: 37, width: width), values)
            XCTAssertEqual(unpack(packed, count: 37, width: width), values)
        }
    }

    func testZeroWidthStoresNothing() {
        XCTAssertEqual(pack([0, 0, 0], width: 0), [])
        XCTAssertEqual(unpack([], count: 5, width: 0), [0, 0, 0, 0, 0])
    }

    func testPackedByteCount() {
        XCTAssertEqual(BitPacking.packedByteCount(count: 0, width: 64), 0)
        XCTAssertEqual(BitPacking.packedByteCount(count: 1, width: 1), 1)
        XCTAssertEqual(BitPacking.packedByteCount(count: 8, width: 1), 1)
        XCTAssertEqual(BitPacking.packedByteCount(count: 9, width: 1), 2)
        XCTAssertEqual(BitPacking.packedByteCount(count: 3, width: 3), 2)
        XCTAssertEqual(BitPacking.packedByteCount(count: 10, width: 64), 80)
    }
}
