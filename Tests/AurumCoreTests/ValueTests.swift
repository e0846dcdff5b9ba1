import AurumCore
import XCTest

final class ValueTests: XCTestCase {
    func testDescription() {
        XCTAssertEqual(Value.null.description, "NULL")
        XCTAssertEqual(Value.int64(-7).description, "-7")
        XCTAssertEqual(Value.double(1e-5).description, "1e-05")
        XCTAssertEqual(Value.string("x,y").description, "x,y")
        XCTAssertEqual(Value.date(Date32(days: 0)).description, "1970-01-01")
        XCTAssertEqual(Value.bool(true).description, "true")
        XCTAssertTrue(Value.null.isNull)
        XCTAssertFalse(Value.string("").isNull)
    }
}
