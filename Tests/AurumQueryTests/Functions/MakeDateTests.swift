import AurumCore
import XCTest

@testable import AurumQuery

/// make_date: real dates built, impossible ones an error naming them, NULL parts NULL, non-integers refused.
final class MakeDateTests: XCTestCase {
    private let batch = FunctionProbe.batch(dates: ["2024-01-01"], numbers: [2])

    func testDatesNullsAndRefusals() throws {
        XCTAssertEqual(try FunctionProbe.values("make_date(2024, n, 29)", over: batch), [.day("2024-02-29"), .null])
        guard case .execution(let message, _) = FunctionProbe.refusal("make_date(2023, n, 29)", over: batch) else { return XCTFail() }
        XCTAssertTrue(message.contains("2023-2-29"), message)
        XCTAssertNotNil(FunctionProbe.refusal("make_date(2024, 13, 1)", over: batch))
        XCTAssertNotNil(FunctionProbe.refusal("make_date(2024.5, 1, 1)", over: batch))
        XCTAssertNotNil(FunctionProbe.refusal("make_date(2024, 1)", over: batch))
    }
}
