import Foundation
import XCTest

@testable import AurumAdsAPI

final class StrictNumberTests: XCTestCase {
    private func integer(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes { StrictNumber.integer($0) }
    }

    private func decimal(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { StrictNumber.decimal($0) }
    }

    private func jsonNumber(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { StrictNumber.jsonNumber($0) }
    }

    /// Texts that no grammar accepts.
    private let neverNumbers = [
        "", " ", " 12", "12 ", "+1", "1_000", "NaN", "nan", "Infinity", "-", "--1", "1-", "0x10", "１２", "٣",
        "1,5", "1..2", ".5", "5.", "-.5", "\u{0}1",
    ]

    func testIntegerGrammar() {
        let cases: [(String, Int64?)] = [
            ("0", 0), ("-0", 0), ("7", 7), ("007", 7), ("-12", -12), ("10234", 10234),
            ("9223372036854775807", .max), ("-9223372036854775808", .min),
            ("9223372036854775808", nil), ("-9223372036854775809", nil), ("99999999999999999999999", nil),
            ("1e3", nil), ("1.0", nil), ("12.", nil),
        ]
        for (text, expected) in cases { XCTAssertEqual(integer(text), expected, text.debugDescription) }
        for text in neverNumbers { XCTAssertNil(integer(text), text.debugDescription) }
    }

    func testDecimalGrammar() {
        let cases: [(String, Double?)] = [
            ("0", 0), ("12", 12), ("12.34", 12.34), ("0.1", 0.1), ("-27.26", -27.26), ("1534.20", 1534.2),
            ("007.50", 7.5), ("0.000001", 0.000001),
            ("0.1000000000000000055511151231257827", 0.1),  // beyond the fast path
            ("123456789012345678901234567890", 1.2345678901234568e29),
            ("9007199254740993", 9_007_199_254_740_992),  // 2^53 + 1 rounds to even
            ("1e3", nil), ("1E3", nil), ("12.3.4", nil),
            (String(repeating: "9", count: 400), nil),  // not finite
        ]
        for (text, expected) in cases { XCTAssertEqual(decimal(text), expected, text.debugDescription) }
        for text in neverNumbers { XCTAssertNil(decimal(text), text.debugDescription) }
    }

    func testNegativeZeroReadsAsPositiveZero() throws {
        for text in ["-0", "-0.00", "-000.0"] {
            let value = try XCTUnwrap(decimal(text))
            XCTAssertEqual(value, 0)
            XCTAssertEqual(value.sign, .plus, text)
        }
        XCTAssertEqual(try XCTUnwrap(jsonNumber("-0.0e5")).sign, .plus)
    }

    func testJSONNumberGrammar() {
        let cases: [(String, Double?)] = [
            ("0", 0), ("3.0", 3), ("450.5", 450.5), ("1e3", 1000), ("1E+3", 1000), ("2.5e-3", 0.0025),
            ("-1.5e2", -150), ("6.02214076e23", 6.02214076e23), ("4.9e-324", .leastNonzeroMagnitude),
            ("1e-400", 0), ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("1e400", nil), ("01", nil), ("1e", nil), ("1e+", nil), ("-01.5", nil), ("1.5e3.0", nil),
        ]
        for (text, expected) in cases { XCTAssertEqual(jsonNumber(text), expected, text.debugDescription) }
        for text in neverNumbers { XCTAssertNil(jsonNumber(text), text.debugDescription) }
    }

    /// The fast path must agree bit for bit with the standard library's correctly rounded parser.
    func testRandomDecimalsRoundCorrectly() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<50_000 {
            let integerDigits = Int.random(in: 1...12, using: &rng)
            let fractionDigits = Int.random(in: 0...12, using: &rng)
            var text = Bool.random(using: &rng) ? "-" : ""
            text += (0..<integerDigits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            if fractionDigits > 0 {
                text += "." + (0..<fractionDigits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            }
            let expected = Double(text).map { $0 == 0 ? 0 : $0 }
            XCTAssertEqual(decimal(text)?.bitPattern, expected?.bitPattern, text)
            let exponent = Int.random(in: -30...30, using: &rng)
            let jsonText =
                text.replacingOccurrences(of: #"^(-?)0+(?=\d)"#, with: "$1", options: .regularExpression)
                + "e\(exponent)"
            XCTAssertEqual(
                jsonNumber(jsonText)?.bitPattern, Double(jsonText).map { $0 == 0 ? 0 : $0 }?.bitPattern, jsonText)
        }
    }
}
