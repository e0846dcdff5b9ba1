import AurumCore
import Foundation
import XCTest

/// `DoubleFormat` prints its own digits (``ShortestDecimal``); these tests hold it to Swift's `description`, the
/// text the writers printed before, byte for byte.
final class DoubleFormatTests: XCTestCase {
    func testSpellings() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-2.5, "-2.5"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
            (100, "100.0"), (123.456, "123.456"), (1e15, "1000000000000000.0"),
            // Plain digits exactly for 1e-4 ≤ |v| ≤ 2^53; exponent form outside.
            (1e-4, "0.0001"), (1e-4.nextDown, "9.999999999999999e-05"), (1e-5, "1e-05"), (-1e-5, "-1e-05"),
            (9_007_199_254_740_992, "9007199254740992.0"), (9_007_199_254_740_994, "9.007199254740994e+15"),
            (1e16, "1e+16"), (-1e16, "-1e+16"), (1.5e300, "1.5e+300"), (1e-100, "1e-100"),
            (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (.leastNormalMagnitude, "2.2250738585072014e-308"),
            (.nan, "nan"), (-Double.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(DoubleFormat.roundTrip(value), text, "\(value.bitPattern)")
            var bytes: [UInt8] = [1]
            DoubleFormat.append(value, to: &bytes)
            XCTAssertEqual(bytes, [1] + Array(text.utf8), "\(value.bitPattern)")
        }
        XCTAssertEqual(Value.double(0.5).description, "0.5")
    }

    /// Uniformly random bit patterns (every exponent equally likely: huge, tiny, subnormal), as many as
    /// `AURUM_DOUBLE_FORMAT_SAMPLES` says (2,000,000 unless set; run it with more after touching the digits).
    func testRandomBitPatternsMatchDescription() {
        let samples = ProcessInfo.processInfo.environment["AURUM_DOUBLE_FORMAT_SAMPLES"].flatMap { Int($0) } ?? 2_000_000
        var generator = SeededGenerator(seed: 1)
        var checker = Checker()
        for _ in 0..<samples { checker.check(Double(bitPattern: generator.next())) }
        checker.finish(expectingAtLeast: samples)
    }

    /// Every subnormal near both ends of their range, random ones between, and the normals they border.
    func testSubnormals() {
        var checker = Checker()
        for bits in UInt64(1)...20_000 { checker.check(bits: bits) }
        let largest: UInt64 = (1 << 52) - 1
        for bits in (largest - 20_000)...(largest + 20_000) { checker.check(bits: bits) }
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<200_000 { checker.check(bits: generator.next() & largest) }
        for shift in 0..<52 {
            for bits in [UInt64(1) << shift, (UInt64(1) << shift) - 1, (UInt64(1) << shift) + 1, largest >> shift] { checker.check(bits: bits) }
        }
        checker.finish(expectingAtLeast: 240_000)
    }

    /// Powers of two (a power of two has a lower neighbour half as far: the interval is lopsided) and of ten,
    /// every one a double can hold, with their neighbours a few ulps either side.
    func testPowersOfTwoAndTen() {
        var checker = Checker()
        for exponent in -1074...1023 {
            checker.check(around: Double(sign: .plus, exponent: exponent, significand: 1), ulps: 8)
        }
        for exponent in -323...308 {
            guard let power = Double("1e\(exponent)") else { return XCTFail("1e\(exponent)") }
            checker.check(around: power, ulps: 8)
            for digit in 2...9 { checker.check(around: Double(digit) * power, ulps: 2) }
        }
        checker.finish(expectingAtLeast: 30_000)
    }

    /// Where the form changes: 1e-4 (plain above, exponent below), 2^53 (integers stop being exact and
    /// exponent form begins), integers up to it, and values whose digits fill up to 17.
    func testFormBoundaries() {
        var checker = Checker()
        for value in [1e-4, 1e-5, 9.9999e-5, 1e-3, 9_007_199_254_740_992, 18_014_398_509_481_984, 1e15, 1e16, 1e17, 0.5, 1, 10] {
            checker.check(around: value, ulps: 2_000)
        }
        for integer in 0...100_000 { checker.check(Double(integer)) }
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<100_000 {
            checker.check(Double(UInt64.random(in: 0...(1 << 53), using: &generator)))
            checker.check(Double(UInt64.random(in: 0...(1 << 53), using: &generator)) / 1_000_000)
        }
        checker.finish(expectingAtLeast: 340_000)
    }

    /// What Aurum's KPIs hold: money in cents and micros, ratios of counts and of money, sums of those.
    func testMoneyAndRatios() {
        var checker = Checker()
        var generator = SeededGenerator(seed: 4)
        for cents in -100_000...100_000 { checker.check(Double(cents) / 100) }
        for _ in 0..<300_000 {
            let spend = Double(Int64.random(in: 0...100_000_000_000, using: &generator)) / 1_000_000
            let clicks = Double(Int64.random(in: 1...1_000_000, using: &generator))
            let impressions = clicks * Double(Int64.random(in: 1...1_000, using: &generator))
            checker.check(spend)
            checker.check(spend / clicks)
            checker.check(clicks / impressions)
            checker.check(1000 * spend / impressions)
            checker.check(Double.random(in: 0..<1, using: &generator))
        }
        checker.finish(expectingAtLeast: 1_700_000)
    }

    /// Compares ``DoubleFormat`` with `description` (and, for finite values, checks the text parses back to the
    /// same bits), for both signs; reports the first few mismatches.
    private struct Checker {
        private var checked = 0
        private var failures: [String] = []
        private var failureCount = 0

        mutating func check(bits: UInt64) { check(Double(bitPattern: bits)) }

        mutating func check(around value: Double, ulps: Int) {
            var below = value
            var above = value
            check(value)
            for _ in 0..<ulps {
                below = below.nextDown
                above = above.nextUp
                check(below)
                check(above)
            }
        }

        mutating func check(_ value: Double) {
            for signed in [value, -value] {
                checked += 1
                let expected = signed.isNaN ? "nan" : signed.description
                let text = DoubleFormat.roundTrip(signed)
                var bytes: [UInt8] = []
                DoubleFormat.append(signed, to: &bytes)
                let readsBack = !signed.isFinite || Double(text)?.bitPattern == signed.bitPattern
                if text != expected || bytes != Array(expected.utf8) || !readsBack {
                    failureCount += 1
                    if failures.count < 10 { failures.append("bits \(signed.bitPattern): \(text), description \(expected)") }
                }
            }
        }

        func finish(expectingAtLeast count: Int, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertGreaterThanOrEqual(checked, count, "values checked", file: file, line: line)
            XCTAssertEqual(failureCount, 0, failures.joined(separator: "\n"), file: file, line: line)
        }
    }
}
