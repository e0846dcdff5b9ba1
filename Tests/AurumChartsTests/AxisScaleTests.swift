import XCTest

@testable import AurumCharts

final class AxisScaleTests: XCTestCase {
    func testRoundTicksCoverTheValues() {
        let scale = AxisScale(covering: 0, 1720, tickCount: 5)
        XCTAssertEqual(scale.ticks, [0, 500, 1000, 1500, 2000])
        XCTAssertEqual(scale.step, 500)
        XCTAssertEqual(AxisScale(covering: 3.2, 7.9, tickCount: 5).ticks, [2, 4, 6, 8])
    }

    func testNegativeValuesGetTicksBelowZeroAndZeroItself() {
        let scale = AxisScale(covering: -350, 1200, tickCount: 5)
        XCTAssertLessThanOrEqual(scale.lower, -350)
        XCTAssertGreaterThanOrEqual(scale.upper, 1200)
        XCTAssertTrue(scale.ticks.contains(0))
        XCTAssertFalse(scale.ticks.contains { $0 == 0 && $0.sign == .minus }, "no -0 tick")
        let allNegative = AxisScale(covering: -80, -20, tickCount: 4)
        XCTAssertEqual(allNegative.ticks, [-80, -60, -40, -20])
    }

    func testAllEqualValuesSitMidHeight() {
        let scale = AxisScale(covering: 5, 5, tickCount: 5)
        XCTAssertLessThan(scale.lower, 5)
        XCTAssertGreaterThan(scale.upper, 5)
        XCTAssertEqual(scale.fraction(5), 0.5, accuracy: 1e-9)
        let zeros = AxisScale(covering: 0, 0, tickCount: 5)
        XCTAssertEqual(zeros.fraction(0), 0.5, accuracy: 1e-9)
    }

    func testABarAxisReachesZero() {
        XCTAssertEqual(AxisScale(covering: 300, 900, tickCount: 4, includingZero: true).lower, 0)
        XCTAssertEqual(AxisScale(covering: -900, -300, tickCount: 4, includingZero: true).upper, 0)
        let equal = AxisScale(covering: 7, 7, tickCount: 4, includingZero: true)
        XCTAssertEqual(equal.lower, 0)
        XCTAssertGreaterThanOrEqual(equal.upper, 7)
        XCTAssertEqual(AxisScale(covering: 0, 0, includingZero: true).ticks.first, 0)
    }

    func testTinyAndHugeRangesStayRound() {
        let tiny = AxisScale(covering: 0.011, 0.024, tickCount: 4).ticks
        XCTAssertEqual(tiny.count, 4)
        for (tick, expected) in zip(tiny, [0.01, 0.015, 0.02, 0.025]) { XCTAssertEqual(tick, expected, accuracy: 1e-12) }
        XCTAssertEqual(AxisScale(covering: 0, 4_200_000, tickCount: 5).step, 2_000_000)
    }

    func testLabelsShareOneUnitAndEnoughDecimals() {
        XCTAssertEqual(AxisNumber.labels([0, 2500, 5000, 7500, 10000], step: 2500, percent: false), ["0", "2.5k", "5k", "7.5k", "10k"])
        XCTAssertEqual(AxisNumber.labels([0, 500, 1000], step: 500, percent: false), ["0", "500", "1,000"])
        XCTAssertEqual(AxisNumber.labels([-5_000_000, 0, 5_000_000], step: 5_000_000, percent: false), ["-5M", "0", "5M"])
        XCTAssertEqual(AxisNumber.labels([0, 1.5e9, 3e9], step: 1.5e9, percent: false), ["0", "1.5B", "3B"])
        XCTAssertEqual(AxisNumber.labels([0, 0.25, 0.5], step: 0.25, percent: false), ["0", "0.25", "0.5"])
        XCTAssertEqual(AxisNumber.labels([0, 0.025, 0.05], step: 0.025, percent: true), ["0%", "2.5%", "5%"])
        XCTAssertEqual(AxisNumber.labels([0, 0.05, 0.1], step: 0.05, percent: true), ["0%", "5%", "10%"])
    }

    func testSubnormalAndHugeRangesStayFinite() {
        let tiny = AxisScale(covering: 5e-324, 1e-323)
        XCTAssertLessThanOrEqual(tiny.lower, 5e-324)
        XCTAssertGreaterThanOrEqual(tiny.upper, 1e-323)
        XCTAssertTrue(tiny.fraction(1e-323).isFinite)
        let huge = AxisScale(covering: -1e300, 1e300)
        XCTAssertTrue(huge.ticks.allSatisfy(\.isFinite))
        XCTAssertTrue(huge.fraction(0).isFinite)
    }
}
