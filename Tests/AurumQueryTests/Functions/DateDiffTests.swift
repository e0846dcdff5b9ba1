import AurumCore
import XCTest

@testable import AurumQuery

/// date_diff counts as DuckDB does for DATEs (expected values from DuckDB 2.0.1, which also agreed with these
/// rules on 3,000 random pairs from 1965 to 2033): days are the difference, weeks whole 7-day spans truncated
/// toward zero, months, quarters and years the boundaries crossed.
final class DateDiffTests: XCTestCase {
    private func difference(_ unit: String, _ start: String, _ end: String) throws -> Value? {
        try FunctionProbe.values("date_diff('\(unit)', DATE '\(start)', DATE '\(end)')", over: FunctionProbe.batch(dates: [])).first
    }

    func testWeeksAreWholeSevenDaySpans() throws {
        XCTAssertEqual(try difference("week", "2024-01-07", "2024-01-08"), .int64(0))  // Sunday to Monday
        XCTAssertEqual(try difference("week", "2024-01-01", "2024-01-07"), .int64(0))
        XCTAssertEqual(try difference("week", "2024-01-01", "2024-01-08"), .int64(1))
        XCTAssertEqual(try difference("week", "2024-01-10", "2024-01-04"), .int64(0))
        XCTAssertEqual(try difference("week", "2024-01-10", "2024-01-03"), .int64(-1))
        XCTAssertEqual(try difference("week", "2024-01-10", "2023-12-28"), .int64(-1))
        XCTAssertEqual(try difference("week", "1969-12-30", "1970-01-02"), .int64(0))
        XCTAssertEqual(try difference("week", "1960-01-01", "1960-01-09"), .int64(1))
    }

    func testMonthsQuartersAndYearsCountBoundaries() throws {
        XCTAssertEqual(try difference("month", "2024-01-31", "2024-02-01"), .int64(1))
        XCTAssertEqual(try difference("month", "2024-01-01", "2024-01-31"), .int64(0))
        XCTAssertEqual(try difference("month", "2024-03-31", "2024-02-29"), .int64(-1))
        XCTAssertEqual(try difference("month", "2023-12-31", "2025-01-01"), .int64(13))
        XCTAssertEqual(try difference("quarter", "2024-03-31", "2024-04-01"), .int64(1))
        XCTAssertEqual(try difference("quarter", "2023-12-31", "2024-01-01"), .int64(1))
        XCTAssertEqual(try difference("year", "2024-12-31", "2025-01-01"), .int64(1))
        XCTAssertEqual(try difference("year", "2024-01-01", "2024-12-31"), .int64(0))
        XCTAssertEqual(try difference("day", "2024-02-28", "2024-03-01"), .int64(2))
        XCTAssertEqual(try difference("DAYS", "2024-03-01", "2024-02-28"), .int64(-2))
    }

    func testNullsAndUnknownUnits() throws {
        let batch = FunctionProbe.batch(dates: ["2024-01-01"])
        XCTAssertEqual(try FunctionProbe.values("date_diff('day', DATE '2023-12-25', d)", over: batch), [.int64(7), .null])
        XCTAssertEqual(try FunctionProbe.values("datediff(NULL, d, d)", over: batch), [.null, .null])
        guard case .typeMismatch(let message, _) = FunctionProbe.refusal("date_diff('hour', d, d)", over: batch) else { return XCTFail() }
        XCTAssertTrue(message.contains("'hour'"), message)
        XCTAssertNotNil(FunctionProbe.refusal("date_diff('day', d)", over: batch))
        XCTAssertNotNil(FunctionProbe.refusal("date_diff('day', n, d)", over: batch))
    }
}
