import XCTest

@testable import AurumStorage

final class IntegerEncodingTests: XCTestCase {
    private func encode(_ values: [Int64]) -> [UInt8] {
        var writer = ByteWriter()
        IntegerEncoding.encode(values, into: &writer)
        return writer.bytes
    }

    private func decode(_ bytes: [UInt8], count: Int, exact: Bool = true) throws -> [Int64] {
        try bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw, file: "test.seg", location: "block")
            let values = try IntegerEncoding.decode(from: &reader, count: count)
            if exact { XCTAssertEqual(reader.remaining, 0, "the decoder consumes exactly what the encoder wrote") }
            return values
        }
    }

    private func assertRoundTrip(_ values: [Int64], _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        let bytes = encode(values)
        XCTAssertEqual(try decode(bytes, count: values.count), values, message, file: file, line: line)
    }

    func testRandomSequencesRoundTrip() {
        var rng = SeededGenerator(seed: 2024)
        let lengths = Array(0...10) + [31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 500, 777]
        for round in 0..<20 {
            for count in lengths {
                assertRoundTrip(RandomData.int64s(count: count, using: &rng), "round \(round) count \(count)")
            }
        }
    }

    func testExtremesAndWrappingDeltas() {
        assertRoundTrip([])
        assertRoundTrip([Int64.min])
        assertRoundTrip([Int64.max])
        assertRoundTrip([Int64.min, Int64.max])
        assertRoundTrip([Int64.max, Int64.min])
        assertRoundTrip([Int64.max, Int64.min, Int64.max, Int64.min, 0])
        assertRoundTrip([0, Int64.max, Int64.max - 1, Int64.min, Int64.min + 1, -1, 1])
        // Deltas that overflow Int64 but are regular modulo 2^64.
        assertRoundTrip((0..<100).map { Int64.min &+ Int64($0) &* (Int64.max / 3) })
        assertRoundTrip((0..<100).map { Int64.max &- Int64($0) &* (Int64.max / 2) })
        assertRoundTrip(RandomData.interestingInt64)
        for width in 0...64 {
            let top: Int64 = width == 64 ? -1 : Int64(bitPattern: (UInt64(1) << UInt64(width)) &- 1)
            assertRoundTrip([0, top, 0, top], "width \(width)")
            assertRoundTrip([Int64.min, Int64.min &+ top], "width \(width)")
        }
    }

    func testSchemesAreChosenByWidth() {
        // Full-range values: plain, 8 bytes a value plus the scheme byte.
        XCTAssertEqual(encode([Int64.min, Int64.max]).first, IntegerEncoding.Scheme.plain.rawValue)
        XCTAssertEqual(encode([Int64.min, Int64.max]).count, 1 + 16)
        // Small range: frame of reference.
        let small = encode([1000, 1003, 1001, 1002])
        XCTAssertEqual(small.first, IntegerEncoding.Scheme.frameOfReference.rawValue)
        XCTAssertEqual(small.count, 1 + 8 + 1 + 1)  // scheme, base, width 2, 4 × 2 bits
        // Steady growth: delta.
        let timestamps = (0..<1000).map { 1_700_000_000_000 + Int64($0) * 60_000 + Int64($0 % 3) }
        XCTAssertEqual(encode(timestamps).first, IntegerEncoding.Scheme.delta.rawValue)
        XCTAssertLessThan(encode(timestamps).count, 1000 / 4 + 32)
    }

    func testConstantAndArithmeticSequencesPackToZeroBits() {
        XCTAssertEqual(encode([Int64](repeating: 123_456_789, count: 10_000)).count, 1 + 8 + 1)
        // Row numbers, days, ids: an arithmetic sequence needs no bits per value beyond its first and step.
        let ids = (0..<10_000).map { 5_000 + Int64($0) * 7 }
        let bytes = encode(ids)
        XCTAssertEqual(bytes.first, IntegerEncoding.Scheme.delta.rawValue)
        XCTAssertEqual(bytes.count, 1 + 8 + 8 + 1)
        XCTAssertEqual(try decode(bytes, count: ids.count), ids)
        let descending = (0..<300).map { Int64.max - Int64($0) * 1_000_003 }
        XCTAssertEqual(encode(descending).count, 1 + 8 + 8 + 1)
        XCTAssertEqual(try decode(encode(descending), count: 300), descending)
    }

    func testTruncatedOrBadBytesThrowNamingTheFile() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<30 {
            let values = RandomData.int64s(count: Int(rng.next() % 200) + 1, using: &rng)
            let bytes = encode(values)
            for length in 0..<bytes.count {
                let short = Array(bytes[0..<length])
                // A prefix can never hold all the values unless the values fit in fewer bytes (width 0).
                do {
                    let decoded = try decode(short, count: values.count)
                    XCTAssertEqual(decoded, values, "a prefix that decodes must decode to the same values")
                } catch let error as StorageError {
                    XCTAssertTrue(error.description.contains("test.seg"))
                } catch {
                    XCTFail("\(error)")
                }
            }
        }
        for scheme: UInt8 in [3, 4, 0xFF] {
            assertStorageError(naming: "test.seg") { try decode([scheme] + [UInt8](repeating: 0, count: 64), count: 1, exact: false) }
        }
        // Widths above 64 are refused, not unpacked.
        assertStorageError(naming: "test.seg") { try decode([1, 0, 0, 0, 0, 0, 0, 0, 0, 65] + [UInt8](repeating: 0, count: 64), count: 2, exact: false) }
        assertStorageError(naming: "test.seg") {
            try decode([2] + [UInt8](repeating: 0, count: 16) + [200] + [UInt8](repeating: 0, count: 64), count: 2, exact: false)
        }
    }

    func testRandomBytesNeverCrash() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<2000 {
            let count = Int(rng.next() % 40)
            var bytes = (0..<Int(rng.next() % 120)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if !bytes.isEmpty { bytes[0] = UInt8(rng.next() % 3) }
            if bytes.count > 9 { bytes[9] = UInt8(rng.next() % 70) }
            _ = try? decode(bytes, count: count, exact: false)
        }
    }
}
