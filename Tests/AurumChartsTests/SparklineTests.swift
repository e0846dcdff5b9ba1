import XCTest

@testable import AurumCharts

final class SparklineTests: XCTestCase {
    func testLevelsSpanTheSeriesOwnRange() {
        XCTAssertEqual(Sparkline.text((0..<8).map { Double($0) }, unicode: true), "▁▂▃▄▅▆▇█")
        XCTAssertEqual(Sparkline.text([-10, 10], unicode: true), "▁█")
        XCTAssertEqual(Sparkline.text((0..<8).map { Double($0) }, unicode: false), "_.,-=+*#")
    }

    func testNullsAreGapsAndEqualValuesAreFlat() {
        XCTAssertEqual(Sparkline.text([1, nil, 3], unicode: true), "▁ █")
        XCTAssertEqual(Sparkline.text([4, 4, 4], unicode: true), "▄▄▄")
        XCTAssertEqual(Sparkline.text([nil, nil], unicode: true), "  ")
        XCTAssertEqual(Sparkline.text([7], unicode: false), "-")
    }
}
