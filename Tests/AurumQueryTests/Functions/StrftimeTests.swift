import AurumCore
import XCTest

@testable import AurumQuery

/// strftime: DuckDB's codes on dates (expected texts from DuckDB 2.0.1), padding, either argument order, NULLs,
/// and unknown codes refused at bind time as DuckDB refuses them.
final class StrftimeTests: XCTestCase {
    private let batch = FunctionProbe.batch(dates: ["2021-01-03", "2024-12-30", "0005-02-09"])

    private func texts(_ format: String) throws -> [Value] {
        try FunctionProbe.values("strftime(d, '\(format)')", over: batch)
    }

    func testEveryDateCode() throws {
        let expected: [String: [String]] = [
            "%Y": ["2021", "2024", "0005"], "%y": ["21", "24", "05"], "%-y": ["21", "24", "5"], "%m": ["01", "12", "02"],
            "%-m": ["1", "12", "2"], "%d": ["03", "30", "09"], "%-d": ["3", "30", "9"], "%B": ["January", "December", "February"],
            "%b": ["Jan", "Dec", "Feb"], "%h": ["Jan", "Dec", "Feb"], "%A": ["Sunday", "Monday", "Wednesday"],
            "%a": ["Sun", "Mon", "Wed"], "%j": ["003", "365", "040"], "%-j": ["3", "365", "40"], "%W": ["00", "53", "06"],
            "%U": ["01", "52", "06"], "%V": ["53", "01", "06"], "%G": ["2020", "2025", "0005"], "%u": ["7", "1", "3"],
            "%w": ["0", "1", "3"], "%H:%M:%S": ["00:00:00", "00:00:00", "00:00:00"], "%I %p": ["12 AM", "12 AM", "12 AM"],
            "%x": ["2021-01-03", "2024-12-30", "0005-02-09"], "%c": ["2021-01-03 00:00:00", "2024-12-30 00:00:00", "0005-02-09 00:00:00"],
            "%T|%X|%f|%g|%n|%z|%Z": Array(repeating: "00:00:00|00:00:00|000000|000|000000000|+00|", count: 3),
            "week %V of %G, 100%%": ["week 53 of 2020, 100%", "week 01 of 2025, 100%", "week 06 of 0005, 100%"],
        ]
        for (format, values) in expected {
            XCTAssertEqual(try texts(format), values.map(Value.string) + [.null], format)
        }
    }

    func testTheFormatMayComeFirstAndNullFormatsGiveNull() throws {
        XCTAssertEqual(try FunctionProbe.values("strftime('%Y/%m', d)", over: batch), try texts("%Y/%m"))
        XCTAssertEqual(try FunctionProbe.values("strftime(d, NULL)", over: batch).first, .null)
    }

    func testUnknownCodesAndBadFormatsAreRefusedByName() {
        for (format, named) in [("%e", "%e"), ("%D", "%D"), ("%F", "%F"), ("%C", "%C"), ("abc%", "lone '%'"), ("", "empty"), ("%-b", "'%-'")] {
            let error = FunctionProbe.refusal("strftime(d, '\(format)')", over: batch)
            guard case .typeMismatch(let message, _) = error else { return XCTFail("\(format): \(String(describing: error))") }
            XCTAssertTrue(message.hasPrefix("strftime(): ") && message.contains(named), message)
        }
        guard case .typeMismatch(let message, _) = FunctionProbe.refusal("strftime(d, s)", over: batch) else { return XCTFail() }
        XCTAssertTrue(message.contains("constant"), message)
    }
}
