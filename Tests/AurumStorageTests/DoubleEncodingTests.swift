import XCTest

@testable import AurumStorage

final class DoubleEncodingTests: XCTestCase {
    private func encode(_ values: [Double]) -> [UInt8] {
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { DoubleEncoding.encode($0, into: &writer) }
        return writer.bytes
    }

    private func decode(_ bytes: [UInt8], count: Int) throws -> [Double] {
        try decodeDoubleBlock(bytes, count: count, file: "money.seg")
    }

    private func assertRoundTrip(_ values: [Double], _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        do {
            let decoded = try decode(encode(values), count: values.count)
            XCTAssertEqual(decoded.map(\.bitPattern), values.map(\.bitPattern), "\(message) \(values.prefix(8))", file: file, line: line)
        } catch {
            XCTFail("\(error) \(message)", file: file, line: line)
        }
    }

    func testRandomColumnsRoundTripBitForBit() {
        var rng = SeededGenerator(seed: 31)
        for round in 0..<40 {
            for count in [0, 1, 2, 3, 7, 8, 9, 63, 64, 65, 200, 513] {
                assertRoundTrip(RandomData.doubles(count: count, using: &rng), "round \(round) count \(count)")
            }
        }
    }

    func testDecimalsAtEveryScaleAreStoredAsIntegers() throws {
        var rng = SeededGenerator(seed: 5)
        for scale in 0...9 {
            var power = 1.0
            for _ in 0..<scale { power *= 10 }
            // The last value has a non-zero digit at `scale`, so no smaller scale is exact.
            var values = (0..<300).map { _ in Double(Int64(rng.next() % 2_000_000) - 1_000_000) / power }
            values.append(Double(10 * Int64(rng.next() % 1000) + 7) / power)
            let bytes = encode(values)
            XCTAssertEqual(bytes[0], DoubleEncoding.decimal, "scale \(scale)")
            XCTAssertEqual(Int(bytes[1]), scale)
            XCTAssertEqual(try decode(bytes, count: values.count).map(\.bitPattern), values.map(\.bitPattern), "scale \(scale)")
        }
    }

    func testMoneyColumnTakesFarLessThanEightBytesARow() throws {
        var rng = SeededGenerator(seed: 77)
        let spend = (0..<10_000).map { _ in Double(rng.next() % 100_000) / 100 }  // 0.00 … 999.99
        let bytes = encode(spend)
        XCTAssertEqual(bytes[0], DoubleEncoding.decimal)
        XCTAssertLessThan(Double(bytes.count) / Double(spend.count), 2.5, "17-bit cents expected")
        XCTAssertEqual(try decode(bytes, count: spend.count), spend)
        let compressed = Zstd().compress(bytes)
        XCTAssertLessThan(compressed.count, spend.count * 8 / 3)
    }

    func testNegativeZeroKeepsItsSign() throws {
        assertRoundTrip([-0.0])
        assertRoundTrip([0.0, -0.0, 0.0])
        assertRoundTrip([1.25, -0.0, 3.5, 100])
        assertRoundTrip([-0.0, -0.0, -0.0])
        // A decimal column stays decimal when it holds +0.0.
        XCTAssertEqual(encode([0.0, 1.5, 2.25])[0], DoubleEncoding.decimal)
    }

    func testValuesThatAreNotDecimalsFallBackToPlain() {
        for values: [Double] in [
            [1.0 / 3.0], [Double.pi, 1], [1e300], [1e-300], [Double.leastNonzeroMagnitude], [-Double.leastNonzeroMagnitude, 0],
            [Double.leastNormalMagnitude], [Double.greatestFiniteMagnitude], [.infinity], [-.infinity, 1], [1.000_000_000_1],
            [9_007_199_254_740_992], [Double.nan], [Double(bitPattern: 0x7FF8_0000_0000_1234)], [1e-10],
        ] {
            let bytes = encode(values)
            XCTAssertEqual(bytes[0], DoubleEncoding.plain, "\(values)")
            XCTAssertEqual(bytes.count, 1 + 8 * values.count)
            assertRoundTrip(values)
        }
    }

    func testLimitsOfTheDecimalForm() {
        assertRoundTrip([9_007_199_254_740_991, -9_007_199_254_740_991])
        XCTAssertEqual(encode([9_007_199_254_740_991])[0], DoubleEncoding.decimal)
        assertRoundTrip([0.1, 0.2, 0.3, 0.000_000_001, 123_456.789_012_345])
        assertRoundTrip([0.1 + 0.2])  // 0.30000000000000004 is not a short decimal
        assertRoundTrip([1e-9, 9e-9, 1e9, 1e15, 1e16])
        // Mixed scales: every value must survive the common (largest) scale.
        assertRoundTrip([12_345_678.9, 0.000_000_001])
        assertRoundTrip([90_071_992.547_409_91, 0.5])
        assertRoundTrip(RandomData.specialDoubles)
    }

    func testDamagedBytesThrowNamingTheFile() {
        assertStorageError(naming: "money.seg") { try decode([7] + [UInt8](repeating: 0, count: 16), count: 1) }
        assertStorageError(naming: "money.seg") { try decode([3, 10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], count: 1) }
        let bytes = encode([1.5, 2.5, 3.25])
        for length in 0..<bytes.count {
            assertStorageError(naming: "money.seg") { try decode(Array(bytes[0..<length]), count: 3) }
        }
        let plain = encode([Double.pi, 1])
        for length in 0..<plain.count {
            assertStorageError(naming: "money.seg") { try decode(Array(plain[0..<length]), count: 2) }
        }
    }
}
