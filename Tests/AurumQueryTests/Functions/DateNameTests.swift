import AurumCore
import XCTest

@testable import AurumQuery

/// dayname and monthname: English names as DuckDB writes them, NULL for NULL.
final class DateNameTests: XCTestCase {
    func testNamesOfAWholeWeekAndYearEnds() throws {
        let batch = FunctionProbe.batch(dates: ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09", "2024-03-10", "2024-12-31"])
        XCTAssertEqual(
            try FunctionProbe.values("dayname(d)", over: batch),
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Tuesday"].map(Value.string) + [.null])
        XCTAssertEqual(try FunctionProbe.values("monthname(d)", over: batch), Array(repeating: Value.string("March"), count: 7) + [.string("December"), .null])
        XCTAssertNotNil(FunctionProbe.refusal("dayname(s)", over: batch))
    }
}
