import AurumCore
import XCTest

final class UTCTimestampTests: XCTestCase {
    func testBothFormsSpellTheSameSecond() throws {
        var extended = UTCTimestamp.now()
        var compact = UTCTimestamp.now(compact: true)
        // (Taken again if the second turned between the two.)
        if extended.filter(\.isNumber) != compact.filter(\.isNumber) {
            extended = UTCTimestamp.now()
            compact = UTCTimestamp.now(compact: true)
        }
        XCTAssertNotNil(extended.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/), extended)
        XCTAssertNotNil(compact.wholeMatch(of: /\d{8}T\d{6}Z/), compact)
        XCTAssertEqual(extended.filter(\.isNumber), compact.filter(\.isNumber))
    }
}
