import AurumCore
import XCTest

final class ReadableNumberTests: XCTestCase {
    func testIntegersAreGrouped() {
        XCTAssertEqual(ReadableNumber.integer(0), "0")
        XCTAssertEqual(ReadableNumber.integer(999), "999")
        XCTAssertEqual(ReadableNumber.integer(1_000), "1,000")
        XCTAssertEqual(ReadableNumber.integer(-1_234_567), "-1,234,567")
        XCTAssertEqual(ReadableNumber.integer(Int64.min), "-9,223,372,036,854,775,808")
    }

    func testDecimalsGiveSixSignificantDigitsToTheLargestValue() {
        XCTAssertEqual(ReadableNumber.decimals(forMagnitude: 17_420.75), 2)  // never fewer than two
        XCTAssertEqual(ReadableNumber.decimals(forMagnitude: 66.8), 4)
        XCTAssertEqual(ReadableNumber.decimals(forMagnitude: 3.14159), 5)
        XCTAssertEqual(ReadableNumber.decimals(forMagnitude: 0.0305), 6)  // never more than six
        XCTAssertEqual(ReadableNumber.decimals(forMagnitude: 0), 5)
        XCTAssertNil(ReadableNumber.decimals(forMagnitude: 2e15))
        XCTAssertNil(ReadableNumber.decimals(forMagnitude: 3e-7))
    }

    func testDoubles() {
        XCTAssertEqual(ReadableNumber.double(1234.5678, decimals: 2), "1,234.57")
        XCTAssertEqual(ReadableNumber.double(-1_234_567.126, decimals: 2), "-1,234,567.13")
        XCTAssertEqual(ReadableNumber.double(0.5, decimals: 2), "0.50")
        XCTAssertEqual(ReadableNumber.double(-0.001, decimals: 2), "0.00", "no negative zero")
        XCTAssertEqual(ReadableNumber.double(2e17, decimals: nil), "2.000e+17")
        XCTAssertEqual(ReadableNumber.double(.infinity, decimals: 2), "inf")
        XCTAssertEqual(ReadableNumber.double(.nan, decimals: 2), "nan")
    }

    func testPercentages() {
        XCTAssertEqual(ReadableNumber.percent(0.01234), "1.23%")
        XCTAssertEqual(ReadableNumber.percent(1), "100.00%")
        XCTAssertEqual(ReadableNumber.percent(0.000049), "0.00%")
    }
}
