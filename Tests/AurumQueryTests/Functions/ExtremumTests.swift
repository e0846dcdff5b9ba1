import AurumCore
import XCTest

@testable import AurumQuery

/// greatest / least: NULLs skipped (NULL only when all are, as DuckDB), numbers widened, text by bytes, dates,
/// text literals read as the other arguments' type, and mixes refused.
final class ExtremumTests: XCTestCase {
    private let batch = FunctionProbe.batch(dates: ["2024-01-31", "2024-03-01"], numbers: [5, -2], doubles: [2.5, -7.25], texts: ["beta", "Zeta"])

    func testNullsAreSkipped() throws {
        XCTAssertEqual(try FunctionProbe.values("greatest(n, NULL, 3)", over: batch), [.int64(5), .int64(3), .int64(3)])
        XCTAssertEqual(try FunctionProbe.values("least(n, x)", over: batch), [.double(2.5), .double(-7.25), .null])
        XCTAssertEqual(try FunctionProbe.values("greatest(NULL, NULL)", over: batch), [.null, .null, .null])
    }

    func testTypes() throws {
        XCTAssertEqual(try FunctionProbe.values("greatest(n, x)", over: batch), [.double(5), .double(-2), .null])
        XCTAssertEqual(try FunctionProbe.values("least(s, 'alpha')", over: batch), [.string("alpha"), .string("Zeta"), .string("alpha")])
        XCTAssertEqual(try FunctionProbe.values("greatest(d, '2024-02-15')", over: batch), [.day("2024-02-15"), .day("2024-03-01"), .day("2024-02-15")])
        XCTAssertEqual(try FunctionProbe.values("greatest('10', '9')", over: batch).first, .string("9"))
        XCTAssertEqual(try FunctionProbe.values("least(n, '3')", over: batch), [.int64(3), .int64(-2), .int64(3)])
        XCTAssertEqual(try FunctionProbe.values("greatest(TRUE, FALSE, NULL)", over: batch).first, .bool(true))
        XCTAssertEqual(try FunctionProbe.values("least(7)", over: batch).first, .int64(7))
    }

    func testMixesAndEmptyCallsAreRefused() {
        for text in ["greatest(d, n)", "least(s, n)", "greatest()", "least(d, 'not a date')"] {
            XCTAssertNotNil(FunctionProbe.refusal(text, over: batch), text)
        }
        guard case .typeMismatch(let message, _) = FunctionProbe.refusal("greatest(d, 1)", over: batch) else { return XCTFail() }
        XCTAssertTrue(message.hasPrefix("greatest()") && message.contains("DATE") && message.contains("BIGINT"), message)
    }
}
