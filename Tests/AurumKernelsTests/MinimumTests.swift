import AurumKernels
import XCTest

/// `Minimum.simd` against its scalar twin — bit for bit, NaN, infinities and signed zeros included — and
/// against DuckDB's answers for the cases where SQL's order is subtle.
final class MinimumTests: XCTestCase {
    static let lengths = Array(0...67) + [100, 1000, 4099]

    static func simd(_ values: [Double], _ validity: [UInt8]? = nil) -> Double? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Minimum.simd(values) }
            return validity.withUnsafeBufferPointer { Minimum.simd(values, validity: $0) }
        }
    }

    static func scalar(_ values: [Double], _ validity: [UInt8]? = nil) -> Double? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Minimum.scalar(values) }
            return validity.withUnsafeBufferPointer { Minimum.scalar(values, validity: $0) }
        }
    }

    static func simd(_ values: [Int64], _ validity: [UInt8]? = nil) -> Int64? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Minimum.simd(values) }
            return validity.withUnsafeBufferPointer { Minimum.simd(values, validity: $0) }
        }
    }

    static func scalar(_ values: [Int64], _ validity: [UInt8]? = nil) -> Int64? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Minimum.scalar(values) }
            return validity.withUnsafeBufferPointer { Minimum.scalar(values, validity: $0) }
        }
    }

    /// A reference written from the rule, independent of both kernels.
    static func reference(_ values: [Double], _ validity: [UInt8]?) -> Double? {
        let rows = values.indices.filter { (validity?[$0] ?? 1) != 0 }.map { values[$0] }
        if rows.isEmpty { return nil }
        let numbers = rows.filter { !$0.isNaN }
        guard let smallest = numbers.min() else { return .nan }
        if smallest == 0 { return numbers.contains { $0 == 0 && $0.sign == .minus } ? -0.0 : 0.0 }
        return smallest
    }

    func assertSame(_ values: [Double], _ validity: [UInt8]? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let simd = Self.simd(values, validity)?.bitPattern
        let scalar = Self.scalar(values, validity)?.bitPattern
        let expected = Self.reference(values, validity)?.bitPattern
        XCTAssertEqual(simd, scalar, "n = \(values.count)", file: file, line: line)
        XCTAssertEqual(scalar, expected, "n = \(values.count)", file: file, line: line)
    }

    func testDoubleAgreesForEveryLengthWithSpecialValues() {
        var generator = SeededGenerator(seed: 61)
        for length in Self.lengths {
            for specialRate in [0, 2, 8] {
                let values = (0..<length).map { _ in SpecialDoubles.random(specialRate: specialRate, using: &generator) }
                assertSame(values)
                let validity = (0..<length).map { _ in UInt8(Int.random(in: 0..<4, using: &generator) == 0 ? 0 : 1) }
                assertSame(values, validity)
                assertSame(values, [UInt8](repeating: 0, count: length))
                assertSame(values, [UInt8](repeating: 1, count: length))
            }
            // Mostly NaN: lanes that see only NaN must not pass for +infinity.
            let nans = (0..<length).map { _ in Int.random(in: 0..<20, using: &generator) == 0 ? Double.infinity : .nan }
            assertSame(nans)
            assertSame([Double](repeating: .nan, count: length))
            assertSame([Double](repeating: .nan, count: length), (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) })
        }
    }

    /// Signed zeros, one infinity, subnormals and NULL rows holding NaN, but no NaN row: the vector loop settles
    /// these itself (no hand-over to the scalar twin), so this checks its zero and NULL handling.
    func testVectorPathWithoutNaN() {
        var generator = SeededGenerator(seed: 64)
        for pool in SpecialDoubles.vectorPathSpecials {
            for length in Self.lengths {
                for specialRate in [2, 5] {
                    var values = (0..<length).map { _ in SpecialDoubles.random(specialRate: specialRate, from: pool, using: &generator) }
                    assertSame(values)
                    let validity = (0..<length).map { _ in UInt8(Int.random(in: 0..<4, using: &generator) == 0 ? 0 : 1) }
                    for row in 0..<length where validity[row] == 0 { values[row] = .nan }
                    assertSame(values, validity)
                }
                // Zeros only, mixed signs: the answer is decided by the zero rule alone.
                let zeros = (0..<length).map { _ in Bool.random(using: &generator) ? 0.0 : -0.0 }
                assertSame(zeros)
                assertSame(zeros, (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) })
            }
        }
    }

    /// DuckDB 2.0.1: `min` of (NaN, 1, inf, -inf) is -inf; of (NaN, NaN) NaN; NULLs are skipped; no row is NULL.
    func testDuckDBOrder() {
        XCTAssertEqual(Self.simd([.nan, 1, .infinity, -.infinity]), -.infinity)
        XCTAssertTrue(Self.simd([.nan, .nan])!.isNaN)
        XCTAssertEqual(Self.simd([.nan, .infinity]), .infinity)
        XCTAssertEqual(Self.simd([Double](repeating: .nan, count: 16) + [.infinity]), .infinity)
        XCTAssertEqual(Self.simd([Double](repeating: .nan, count: 9) + [3] + [Double](repeating: .nan, count: 9)), 3)
        XCTAssertEqual(Self.simd([Double](repeating: .nan, count: 24))?.bitPattern, Double.nan.bitPattern)
        XCTAssertEqual(Self.simd([-Double.nan])?.bitPattern, Double.nan.bitPattern)
        XCTAssertNil(Self.simd([Double]()))
        XCTAssertNil(Self.simd([-5, .nan], [0, 0]))
        XCTAssertTrue(Self.simd([-5, .nan], [0, 1])!.isNaN, "the only non-NULL row is NaN")
        XCTAssertTrue(Self.simd([Double](repeating: -5, count: 8) + [.nan], [UInt8](repeating: 0, count: 8) + [1])!.isNaN)
    }

    /// Zeros tie; -0.0 wins when present, in any position and at any length (lanes and tail alike).
    func testSignedZeros() {
        for length in 1...40 {
            for position in 0..<length {
                var values = [Double](repeating: 0.0, count: length)
                XCTAssertEqual(Self.simd(values)?.bitPattern, (0.0).bitPattern)
                values[position] = -0.0
                XCTAssertEqual(Self.simd(values)?.bitPattern, (-0.0).bitPattern, "n = \(length), -0 at \(position)")
                values[position] = 1
                if length > 1 { XCTAssertEqual(Self.simd(values)?.bitPattern, (0.0).bitPattern) }
            }
        }
        XCTAssertEqual(Self.simd([Double](repeating: 0.0, count: 9) + [-0.0], [UInt8](repeating: 1, count: 9) + [0])?.bitPattern,
                       (0.0).bitPattern, "a NULL -0.0 does not count")
    }

    /// The smallest value at each position in turn: every lane and tail slot is read.
    func testEveryPositionCounts() {
        for length in 1...33 {
            for position in 0..<length {
                var values = (0..<length).map { Double($0 % 5) + 10 }
                values[position] = -100
                XCTAssertEqual(Self.simd(values), -100, "n = \(length), position \(position)")
                var validity = [UInt8](repeating: 1, count: length)
                validity[position] = 0
                XCTAssertEqual(Self.simd(values, validity), Self.reference(values, validity), "the NULL minimum is skipped")
                XCTAssertNotEqual(Self.simd(values, validity), -100)
                var integers = [Int64](repeating: .max, count: length)
                integers[position] = Int64(position) + 1
                XCTAssertEqual(Self.simd(integers), Int64(position) + 1)
            }
        }
    }

    func testInt64AgreesForEveryLengthWithExtremes() {
        var generator = SeededGenerator(seed: 62)
        for length in Self.lengths {
            let values = (0..<length).map { _ -> Int64 in
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: .min
                case 1: .max
                case 2: 0
                case 3: Int64.random(in: -3...3, using: &generator)
                default: Int64.random(in: .min ... .max, using: &generator)
                }
            }
            XCTAssertEqual(Self.simd(values), Self.scalar(values))
            XCTAssertEqual(Self.simd(values), values.min())
            let validity = (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) }
            let expected = values.indices.filter { validity[$0] != 0 }.map { values[$0] }.min()
            XCTAssertEqual(Self.simd(values, validity), expected, "n = \(length)")
            XCTAssertEqual(Self.scalar(values, validity), expected)
        }
        XCTAssertEqual(Self.simd([Int64](repeating: .max, count: 20)), .max)
        XCTAssertNil(Self.simd([Int64.min], [0]))
        XCTAssertNil(Self.simd([Int64]()))
        XCTAssertEqual(Self.simd([Int64](repeating: .min, count: 17), (0..<17).map { $0 == 16 ? 0 : 1 }), .min)
    }

    /// The SIMD loads are unaligned: buffers starting at any element offset give the same answers.
    func testUnalignedStarts() {
        var generator = SeededGenerator(seed: 63)
        let doubles = (0..<200).map { _ in SpecialDoubles.random(specialRate: 4, using: &generator) }
        let integers = (0..<200).map { _ in Int64.random(in: .min ... .max, using: &generator) }
        let validity = (0..<200).map { _ in UInt8.random(in: 0...1, using: &generator) }
        for offset in 0..<8 {
            for length in [0, 1, 7, 8, 9, 16, 17, 33, 150] {
                let range = offset..<(offset + length)
                XCTAssertEqual(Self.simd(Array(doubles[range]))?.bitPattern, Self.scalar(Array(doubles[range]))?.bitPattern)
                doubles.withUnsafeBufferPointer { all in
                    validity.withUnsafeBufferPointer { flags in
                        let values = UnsafeBufferPointer(rebasing: all[range])
                        let valid = UnsafeBufferPointer(rebasing: flags[range])
                        XCTAssertEqual(Minimum.simd(values, validity: valid)?.bitPattern, Minimum.scalar(values, validity: valid)?.bitPattern)
                    }
                }
                integers.withUnsafeBufferPointer { all in
                    let values = UnsafeBufferPointer(rebasing: all[range])
                    XCTAssertEqual(Minimum.simd(values), Minimum.scalar(values), "offset \(offset), n = \(length)")
                }
            }
        }
    }
}
