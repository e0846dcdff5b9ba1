import AurumCore
import XCTest

final class DataTypeTests: XCTestCase {
    /// The raw values are part of the segment format: this test fails if anyone renumbers them.
    func testRawValuesArePinned() {
        XCTAssertEqual(DataType.allCases.map(\.rawValue), [1, 2, 3, 4, 5])
        XCTAssertEqual(DataType.allCases.map(\.description), ["BIGINT", "DOUBLE", "VARCHAR", "DATE", "BOOLEAN"])
        XCTAssertEqual(DataType.allCases.filter(\.isNumeric), [.int64, .double])
    }
}
