import AurumCore
import XCTest

final class NonNullRangeTests: XCTestCase {
    func testRangeSkipsNullRowsAndIsNilWithoutAValue() {
        let values: [Int64] = [5, -7, 100, 3]
        values.withUnsafeBufferPointer { values in
            XCTAssertEqual(nonNullRange(values, validity: nil).map { [$0.low, $0.high] }, [-7, 100])
            XCTAssertEqual(nonNullRange(values, validity: [1, 0, 0, 1]).map { [$0.low, $0.high] }, [3, 5])
            XCTAssertNil(nonNullRange(values, validity: [0, 0, 0, 0]))
            XCTAssertNil(nonNullRange(UnsafeBufferPointer(rebasing: values[0..<0]), validity: nil))
        }
    }
}
