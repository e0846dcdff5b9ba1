import XCTest

@testable import AurumStorage

/// The encoder's output ended inside a run header.
private struct TruncatedRun: Error { let offset: Int }

final class RLEBitPackedHybridTests: XCTestCase {
    private func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { RLEBitPackedHybrid.encode($0, bitWidth: bitWidth, into: &output) }
        return output
    }

    /// A reader written from Encodings.md alone: run headers, RLE values in ⌈width/8⌉ bytes, bit-packed groups.
    private func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
        var values: [UInt32] = []
        var offset = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                // A run header cut short is the encoder's bug: fail, never skip.
                guard offset < bytes.count else { throw TruncatedRun(offset: offset) }
                let byte = bytes[offset]
                offset += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
        }
        while values.count < count {
            let header = try varint()
            if header & 1 == 0 {
                let runLength = Int(header >> 1)
                var value: UInt32 = 0
                for byte in 0..<((bitWidth + 7) / 8) { value |= UInt32(bytes[offset + byte]) << (8 * UInt32(byte)) }
                offset += (bitWidth + 7) / 8
                values.append(contentsOf: repeatElement(value, count: runLength))
            } else {
                let valueCount = Int(header >> 1) * 8
                let byteCount = valueCount * bitWidth / 8
                var unpacked = [UInt64](repeating: 0, count: valueCount)
                bytes[offset..<(offset + byteCount)].withUnsafeBytes { packed in
                    unpacked.withUnsafeMutableBufferPointer { BitPacking.unpack(packed, count: valueCount, width: bitWidth, into: $0) }
                }
                offset += byteCount
                values.append(contentsOf: unpacked.map { UInt32($0) })
            }
        }
        XCTAssertEqual(offset, bytes.count, "bytes left after the values")
        return Array(values.prefix(count))
    }

    /// Encodings.md's own example: 0…7 at width 3 are the bytes 10001000 11000110 11111010.
    func testSpecificationExampleIsBitPacked() {
        XCTAssertEqual(encode(Array(0...7), bitWidth: 3), [0x03, 0x88, 0xC6, 0xFA])
    }

    func testRepeatsBecomeRLERuns() {
        XCTAssertEqual(encode(Array(repeating: 5, count: 10), bitWidth: 3), [0x14, 0x05])
        // 300 → header 600 = 0xD8 0x04; width 1 holds the value in one byte.
        XCTAssertEqual(encode(Array(repeating: 0, count: 300), bitWidth: 1), [0xD8, 0x04, 0x00])
        // Width 9: the value takes two bytes, little-endian.
        XCTAssertEqual(encode(Array(repeating: 300, count: 8), bitWidth: 9), [0x10, 0x2C, 0x01])
    }

    func testLiteralGroupIsCompletedFromTheRepeat() {
        // 1, 2, 3 then thirteen 7s: the bit-packed group takes five 7s (a mid-stream group holds 8 values),
        // the eight left are one RLE run.
        let bytes = encode([1, 2, 3] + Array(repeating: 7, count: 13), bitWidth: 3)
        XCTAssertEqual(bytes, [0x03, 0xD1, 0xFE, 0xFF, 0x10, 0x07])
    }

    func testShortTailIsPaddedWithZeros() {
        // Five values at width 1: one group, the last three bits zero.
        XCTAssertEqual(encode([1, 0, 1, 1, 0], bitWidth: 1), [0x03, 0x0D])
        XCTAssertEqual(encode([], bitWidth: 1), [])
    }

    func testLengthPrefix() {
        var output: [UInt8] = [0xAA]
        [UInt32](repeating: 1, count: 9).withUnsafeBufferPointer { RLEBitPackedHybrid.encodeWithLength($0, bitWidth: 1, into: &output) }
        XCTAssertEqual(output, [0xAA, 0x02, 0x00, 0x00, 0x00, 0x12, 0x01])
    }

    func testBitWidthForMaximum() {
        XCTAssertEqual(RLEBitPackedHybrid.bitWidth(forMaximum: 0), 1)
        XCTAssertEqual(RLEBitPackedHybrid.bitWidth(forMaximum: 1), 1)
        XCTAssertEqual(RLEBitPackedHybrid.bitWidth(forMaximum: 2), 2)
        XCTAssertEqual(RLEBitPackedHybrid.bitWidth(forMaximum: 255), 8)
        XCTAssertEqual(RLEBitPackedHybrid.bitWidth(forMaximum: 256), 9)
        XCTAssertEqual(RLEBitPackedHybrid.bitWidth(forMaximum: UInt32.max), 32)
    }

    /// Random runs and noise at every width round-trip through the reference reader.
    func testRoundTripAtEveryWidth() throws {
        var generator = SeededGenerator(seed: 16)
        for bitWidth in 1...32 {
            let maximum = bitWidth == 32 ? UInt32.max : (UInt32(1) << UInt32(bitWidth)) - 1
            for _ in 0..<8 {
                var values: [UInt32] = []
                while values.count < 500 {
                    let value = UInt32.random(in: 0...maximum, using: &generator)
                    let run = Bool.random(using: &generator) ? Int.random(in: 1...40, using: &generator) : 1
                    values.append(contentsOf: repeatElement(value, count: run))
                }
                let count = Int.random(in: 0...values.count, using: &generator)
                let slice = Array(values.prefix(count))
                XCTAssertEqual(try decode(encode(slice, bitWidth: bitWidth), bitWidth: bitWidth, count: count), slice, "width \(bitWidth)")
            }
        }
    }
}
