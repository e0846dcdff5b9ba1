import AurumCore
import XCTest

@testable import AurumQuery

/// last_day: the month's last day, leap Februaries included.
final class LastDayTests: XCTestCase {
    func testLastDays() throws {
        let batch = FunctionProbe.batch(dates: ["2024-02-10", "2023-02-28", "2100-02-01", "2000-02-29", "2024-12-31", "2024-04-01"])
        XCTAssertEqual(
            try FunctionProbe.values("last_day(d)", over: batch),
            [.day("2024-02-29"), .day("2023-02-28"), .day("2100-02-28"), .day("2000-02-29"), .day("2024-12-31"), .day("2024-04-30"), .null])
    }
}
