import AurumCore
import XCTest

@testable import AurumQuery

/// date ± INTERVAL and date_add: every unit, month-end clamping, leap days, NULLs, fractional amounts (truncated
/// as DuckDB does), the range of a DATE, and the places an INTERVAL is refused.
final class DateAddTests: XCTestCase {
    private let batch = FunctionProbe.batch(dates: ["2024-01-31", "2024-02-29", "2023-12-31"], numbers: [1, -1, 13], doubles: [1.9, -1.9, 0.5])

    func testEveryUnitWithClamping() throws {
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL 1 DAY", over: batch), [.day("2024-02-01"), .day("2024-03-01"), .day("2024-01-01"), .null])
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL 1 WEEK", over: batch), [.day("2024-02-07"), .day("2024-03-07"), .day("2024-01-07"), .null])
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL 1 MONTH", over: batch), [.day("2024-02-29"), .day("2024-03-29"), .day("2024-01-31"), .null])
        XCTAssertEqual(try FunctionProbe.values("d - INTERVAL 1 QUARTER", over: batch), [.day("2023-10-31"), .day("2023-11-29"), .day("2023-09-30"), .null])
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL 1 YEAR", over: batch), [.day("2025-01-31"), .day("2025-02-28"), .day("2024-12-31"), .null])
    }

    func testAmountsFromColumnsStringsAndFractions() throws {
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL (n) MONTH", over: batch), [.day("2024-02-29"), .day("2024-01-29"), .day("2025-01-31"), .null])
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL (x) DAY", over: batch), [.day("2024-02-01"), .day("2024-02-28"), .day("2023-12-31"), .null])
        XCTAssertEqual(try FunctionProbe.values("d - INTERVAL '2' DAY", over: batch), try FunctionProbe.values("d - INTERVAL 2 DAYS", over: batch))
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL '7 days'", over: batch), try FunctionProbe.values("d + INTERVAL 1 WEEK", over: batch))
        XCTAssertEqual(try FunctionProbe.values("INTERVAL 1 MONTH + d", over: batch), try FunctionProbe.values("date_add(d, INTERVAL 1 MONTH)", over: batch))
        XCTAssertEqual(try FunctionProbe.values("d + to_months(1)", over: batch), try FunctionProbe.values("d + INTERVAL 1 MONTH", over: batch))
        XCTAssertEqual(try FunctionProbe.values("d + INTERVAL (NULL) DAY", over: batch), [.null, .null, .null, .null])
    }

    func testOutOfRangeIsAnError() {
        let edge = FunctionProbe.batch(dates: ["9999-12-31"])
        guard case .execution(let message, _) = FunctionProbe.refusal("d + INTERVAL 1 DAY", over: edge) else { return XCTFail() }
        XCTAssertTrue(message.contains("out of range"), message)
        XCTAssertNotNil(FunctionProbe.refusal("d - INTERVAL 10000 YEAR", over: edge))
        XCTAssertNotNil(FunctionProbe.refusal("d + INTERVAL 9223372036854775807 WEEK", over: edge))
    }

    func testAnIntervalAnywhereElseIsRefused() {
        for text in ["INTERVAL 1 DAY", "n + INTERVAL 1 DAY", "d * INTERVAL 1 DAY", "INTERVAL 1 DAY - d", "d + INTERVAL 1 DAY + INTERVAL 1 DAY > INTERVAL 2 DAY",
                     "date_add(d, 1)", "d + INTERVAL 's' DAY", "d + INTERVAL (s) DAY", "to_days(3)", "INTERVAL 1 DAY + INTERVAL 2 DAY"] {
            XCTAssertNotNil(FunctionProbe.refusal(text, over: batch), text)
        }
    }
}
