import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

/// The exact arithmetic of the incremental Gold refresh, and when it hands a campaign back to a full build.
final class GoldSumsTests: XCTestCase {
    func testDecimalsRoundTripAndOtherDoublesAreRefused() {
        XCTAssertEqual(GoldSums.millionths(12.34), 12_340_000)
        XCTAssertEqual(GoldSums.millionths(0.000001), 1)
        XCTAssertEqual(GoldSums.millionths(0), 0)
        XCTAssertEqual(GoldSums.millionths(Double(123_456_789_012) / 1e6), 123_456_789_012)
        XCTAssertNil(GoldSums.millionths(0.1234567), "seven places")
        XCTAssertNil(GoldSums.millionths(1e40), "beyond 2^50 millionths")
        XCTAssertNil(GoldSums.millionths(.infinity))
        XCTAssertNil(GoldSums.millionths(.nan))
    }

    func testTakingOutAndPuttingBackGivesTheFullSum() {
        // A week of three days: stored sum, then day 2 restated from 1.10 to 2.25.
        let days = [0.1, 1.1, 7.77]
        var week = GoldSums()
        for day in days { XCTAssertTrue(week.add(sums(spend: day))) }
        XCTAssertTrue(week.add(sums(spend: 1.1), sign: -1))
        XCTAssertTrue(week.add(sums(spend: 2.25)))
        // The exact decimal total, as a full build's DecimalSums gives it (not 0.1 + 2.25 + 7.77 in doubles).
        XCTAssertEqual(week.stored.spend, Double(100_000 + 2_250_000 + 7_770_000) / 1e6)
        XCTAssertEqual(week.stored.spend.bitPattern, 10.12.bitPattern)
    }

    func testOverflowIsReportedNotWrapped() {
        var total = GoldSums()
        total.impressions = .max
        var more = GoldSums()
        more.impressions = 1
        XCTAssertFalse(total.add(more))
        var low = GoldSums()
        low.clicks = .min
        var one = GoldSums()
        one.clicks = 1
        XCTAssertFalse(low.add(one, sign: -1))
    }

    func testCompactionWaitsForFragmentation() {
        XCTAssertFalse(GoldCompaction.isFragmented(segmentCount: 3, rowCount: 300, liveRowCount: 225))
        XCTAssertTrue(GoldCompaction.isFragmented(segmentCount: 3, rowCount: 300, liveRowCount: 224))
        XCTAssertFalse(GoldCompaction.isFragmented(segmentCount: GoldCompaction.segmentCountMax, rowCount: 320, liveRowCount: 320))
        XCTAssertTrue(GoldCompaction.isFragmented(segmentCount: GoldCompaction.segmentCountMax + 1, rowCount: 330, liveRowCount: 330))
    }

    private func sums(spend: Double) -> GoldSums {
        var sums = GoldSums()
        sums.spend = GoldSums.millionths(spend) ?? -1
        return sums
    }
}
