import XCTest

@testable import AurumCore

final class EditDistanceTests: XCTestCase {
    private let tables = [
        "ad_insights", "bronze_files", "bronze_rows", "kpi_campaign_daily", "kpi_campaign_total", "kpi_campaign_weekly", "quarantine",
    ]

    func testDistanceCountsEditsIgnoringCase() {
        XCTAssertEqual(editDistance("spend", "SPEND"), 0)
        XCTAssertEqual(editDistance("spnd", "spend"), 1)
        XCTAssertEqual(editDistance("", "abc"), 3)
        XCTAssertEqual(editDistance("délta", "delta"), 1)
    }

    func testATypoSuggestsTheNearestName() {
        XCTAssertEqual(nearestName("ad_insight", among: tables), "ad_insights")
        XCTAssertEqual(nearestName("kpi_campaign_dialy", among: tables), "kpi_campaign_daily")
        XCTAssertEqual(nearestName("quarantaine", among: tables), "quarantine")
    }

    func testAPartOfTheNameSuggestsTheNameThatContainsIt() {
        XCTAssertEqual(nearestName("campaign_weekly", among: tables), "kpi_campaign_weekly")
        XCTAssertEqual(nearestName("insights", among: tables), "ad_insights")
    }

    func testWordsLeftOutOrCutShortSuggestTheNameWithThoseWords() {
        XCTAssertEqual(nearestName("kpi_weekly", among: tables), "kpi_campaign_weekly")
        XCTAssertEqual(nearestName("KPI_Daily", among: tables), "kpi_campaign_daily")
        XCTAssertEqual(nearestName("kpi_week", among: tables), "kpi_campaign_weekly")
        XCTAssertEqual(nearestName("kpi_tot", among: tables), "kpi_campaign_total")
        XCTAssertEqual(nearestName("bronze_r", among: tables), "bronze_rows")
    }

    func testNothingCloseSuggestsNothing() {
        XCTAssertNil(nearestName("silver", among: tables))
        XCTAssertNil(nearestName("kpi_monthly", among: tables))
        XCTAssertNil(nearestName("weekly_kpi", among: tables))  // words out of order
        XCTAssertNil(nearestName("x", among: tables))
        XCTAssertNil(nearestName("kpi_weekly", among: []))
    }
}
