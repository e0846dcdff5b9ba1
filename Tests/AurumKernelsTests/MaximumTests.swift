import AurumKernels
import XCTest

/// `Maximum.simd` against its scalar twin — bit for bit, NaN, infinities and signed zeros included — and
/// against DuckDB's answers for the cases where SQL's order is subtle.
final class MaximumTests: XCTestCase {
    static let lengths = Array(0...67) + [100, 1000, 4099]

    static func simd(_ values: [Double], _ validity: [UInt8]? = nil) -> Double? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Maximum.simd(values) }
            return validity.withUnsafeBufferPointer { Maximum.simd(values, validity: $0) }
        }
    }

    static func scalar(_ values: [Double], _ validity: [UInt8]? = nil) -> Double? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Maximum.scalar(values) }
            return validity.withUnsafeBufferPointer { Maximum.scalar(values, validity: $0) }
        }
    }

    static func simd(_ values: [Int64], _ validity: [UInt8]? = nil) -> Int64? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Maximum.simd(values) }
            return validity.withUnsafeBufferPointer { Maximum.simd(values, validity: $0) }
        }
    }

    static func scalar(_ values: [Int64], _ validity: [UInt8]? = nil) -> Int64? {
        values.withUnsafeBufferPointer { values in
            guard let validity else { return Maximum.scalar(values) }
            return validity.withUnsafeBufferPointer { Maximum.scalar(values, validity: $0) }
        }
    }

    /// A reference written from the rule, independent of both kernels.
    static func reference(_ values: [Double], _ validity: [UInt8]?) -> Double? {
        let rows = values.indices.filter { (validity?[$0] ?? 1) != 0 }.map { values[$0] }
        if rows.isEmpty { return nil }
        if rows.contains(where: \.isNaN) { return .nan }
        let largest = rows.max()!
        if largest == 0 { return rows.contains { $0 == 0 && $0.sign == .plus } ? 0.0 : -0.0 }
        return largest
    }

    func assertSame(_ values: [Double], _ validity: [UInt8]? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let simd = Self.simd(values, validity)?.bitPattern
        let scalar = Self.scalar(values, validity)?.bitPattern
        let expected = Self.reference(values, validity)?.bitPattern
        XCTAssertEqual(simd, scalar, "n = \(values.count)", file: file, line: line)
        XCTAssertEqual(scalar, expected, "n = \(values.count)", file: file, line: line)
    }

    func testDoubleAgreesForEveryLengthWithSpecialValues() {
        var generator = SeededGenerator(seed: 51)
        for length in Self.lengths {
            for specialRate in [0, 2, 8] {
                let values = (0..<length).map { _ in SpecialDoubles.random(specialRate: specialRate, using: &generator) }
                assertSame(values)
                let validity = (0..<length).map { _ in UInt8(Int.random(in: 0..<4, using: &generator) == 0 ? 0 : 1) }
                assertSame(values, validity)
                assertSame(values, [UInt8](repeating: 0, count: length))
                assertSame(values, [UInt8](repeating: 1, count: length))
            }
        }
    }

    /// Signed zeros, one infinity, subnormals and NULL rows holding NaN, but no NaN row: the vector loop settles
    /// these itself (no hand-over to the scalar twin), so this checks its zero and NULL handling.
    func testVectorPathWithoutNaN() {
        var generator = SeededGenerator(seed: 54)
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

    /// DuckDB 2.0.1: `max` of (NaN, 1, inf, -inf) is NaN; of (NaN, NaN) NaN; NULLs are skipped; no row is NULL.
    func testDuckDBOrder() {
        XCTAssertTrue(Self.simd([.nan, 1, .infinity, -.infinity])!.isNaN)
        XCTAssertTrue(Self.simd([.nan, .nan])!.isNaN)
        XCTAssertEqual(Self.simd([1, .infinity, -.infinity, 7]), .infinity)
        XCTAssertEqual(Self.simd([-.infinity]), -.infinity)
        XCTAssertNil(Self.simd([Double]()))
        XCTAssertNil(Self.simd([5, .nan], [0, 0]))
        XCTAssertEqual(Self.simd([5, .nan], [1, 0]), 5)
        // Canonical NaN whatever the payload or sign of the input's NaN.
        XCTAssertEqual(Self.simd([1, -Double.nan])?.bitPattern, Double.nan.bitPattern)
        XCTAssertEqual(Self.simd([Double](repeating: 1, count: 20) + [Double(bitPattern: 0x7FF0_0000_0000_0001)])?.bitPattern,
                       Double.nan.bitPattern)
    }

    /// Zeros tie; +0.0 wins when present, in any position and at any length (lanes and tail alike).
    func testSignedZeros() {
        for length in 1...40 {
            for position in 0..<length {
                var values = [Double](repeating: -0.0, count: length)
                XCTAssertEqual(Self.simd(values)?.bitPattern, (-0.0).bitPattern)
                values[position] = 0.0
                XCTAssertEqual(Self.simd(values)?.bitPattern, (0.0).bitPattern, "n = \(length), +0 at \(position)")
                values[position] = -1
                if length > 1 { XCTAssertEqual(Self.simd(values)?.bitPattern, (-0.0).bitPattern) }
            }
        }
        // A NULL +0.0 does not count.
        XCTAssertEqual(Self.simd([Double](repeating: -0.0, count: 9) + [0.0], [UInt8](repeating: 1, count: 9) + [0])?.bitPattern,
                       (-0.0).bitPattern)
    }

    /// The largest value at each position in turn, and a NaN at each position: every lane and tail slot is read.
    func testEveryPositionCounts() {
        for length in 1...33 {
            for position in 0..<length {
                var values = (0..<length).map { Double($0 % 5) - 10 }
                values[position] = 100
                XCTAssertEqual(Self.simd(values), 100, "n = \(length), position \(position)")
                values[position] = .nan
                XCTAssertTrue(Self.simd(values)!.isNaN, "n = \(length), NaN at \(position)")
                var validity = [UInt8](repeating: 1, count: length)
                validity[position] = 0
                XCTAssertEqual(Self.simd(values, validity), Self.scalar(values, validity))
                XCTAssertFalse(Self.simd(values, validity)?.isNaN ?? false, "the NULL NaN is skipped")
                var integers = [Int64](repeating: .min, count: length)
                integers[position] = Int64(position) - 1
                XCTAssertEqual(Self.simd(integers), Int64(position) - 1)
            }
        }
    }

    func testInt64AgreesForEveryLengthWithExtremes() {
        var generator = SeededGenerator(seed: 52)
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
            XCTAssertEqual(Self.simd(values), values.max())
            let validity = (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) }
            let expected = values.indices.filter { validity[$0] != 0 }.map { values[$0] }.max()
            XCTAssertEqual(Self.simd(values, validity), expected, "n = \(length)")
            XCTAssertEqual(Self.scalar(values, validity), expected)
        }
        XCTAssertEqual(Self.simd([Int64](repeating: .min, count: 20)), .min)
        XCTAssertNil(Self.simd([Int64.max], [0]))
        XCTAssertNil(Self.simd([Int64]()))
        XCTAssertEqual(Self.simd([Int64](repeating: .max, count: 17), (0..<17).map { $0 == 16 ? 0 : 1 }), .max)
    }

    /// The SIMD loads are unaligned: buffers starting at any element offset give the same answers.
    func testUnalignedStarts() {
        var generator = SeededGenerator(seed: 53)
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
                        XCTAssertEqual(Maximum.simd(values, validity: valid)?.bitPattern, Maximum.scalar(values, validity: valid)?.bitPattern)
                    }
                }
                integers.withUnsafeBufferPointer { all in
                    let values = UnsafeBufferPointer(rebasing: all[range])
                    XCTAssertEqual(Maximum.simd(values), Maximum.scalar(values), "offset \(offset), n = \(length)")
                }
            }
        }
    }
}
