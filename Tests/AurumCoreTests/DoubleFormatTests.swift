import AurumCore
import XCTest

final class DoubleFormatTests: XCTestCase {
    func testSpellings() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-2.5, "-2.5"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
            (100, "100.0"), (123.456, "123.456"), (1e15, "1000000000000000.0"),
            // Plain digits exactly for 1e-4 ≤ |v| ≤ 2^53; exponent form outside.
            (1e-4, "0.0001"), (1e-4.nextDown, "9.999999999999999e-05"), (1e-5, "1e-05"), (-1e-5, "-1e-05"),
            (9_007_199_254_740_992, "9007199254740992.0"), (9_007_199_254_740_994, "9.007199254740994e+15"),
            (1e16, "1e+16"), (-1e16, "-1e+16"),
            (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(DoubleFormat.roundTrip(value), text, "\(value.bitPattern)")
        }
        XCTAssertEqual(Value.double(0.5).description, "0.5")
    }

    /// Every finite bit pattern sampled reads back to the same bits; values with a short decimal form keep it.
    func testRoundTripAndShortest() {
        var generator = SeededGenerator(seed: 1)
        var failures = 0
        for _ in 0..<100_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = DoubleFormat.roundTrip(value)
            if Double(text)?.bitPattern != value.bitPattern {
                failures += 1
                if failures <= 5 { XCTFail("\(value.bitPattern) printed as \(text)") }
            }
        }
        XCTAssertEqual(failures, 0)
        for value in [0.1, 0.2, 0.3, 1.1, 2.675, 1e23, .leastNonzeroMagnitude] {
            XCTAssertLessThanOrEqual(DoubleFormat.roundTrip(value).count, 7, "\(value)")
        }
    }
}
