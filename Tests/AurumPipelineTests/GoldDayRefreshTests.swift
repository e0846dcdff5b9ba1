import AurumCore
import AurumQuery
import AurumStorage
import XCTest

@testable import AurumPipeline

/// The incremental refresh looks up only the stored Gold rows that change; these cases need the rest of a week.
final class GoldDayRefreshTests: XCTestCase {
    /// Ingests `first` then `second` in two runs, and both in one; asserts that the three Gold tables agree.
    /// Returns the two-run store.
    private func assertTwoRunsGiveTheGoldOfOne(_ first: String, _ second: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let oneRun = temporaryDirectory(self) + "/one"
        _ = try Pipeline.ingest(paths: [first, second], directory: oneRun)
        let twoRuns = temporaryDirectory(self) + "/two"
        _ = try Pipeline.ingest(paths: [first], directory: twoRuns)
        _ = try Pipeline.ingest(paths: [second], directory: twoRuns)
        for table in [ContractTable.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
            XCTAssertEqual(try rows(table, in: twoRuns), try rows(table, in: oneRun), "\(table.rawValue) differs", file: file, line: line)
        }
        return twoRuns
    }

    /// Campaign c1 loses days to c2 in a second run: in one week it keeps another day (its weekly row stays,
    /// smaller), in the next it loses its only day (its weekly row goes). Gold must equal one run of both files.
    func testWeeksThatLoseDaysKeepTheirRowOnlyWhileADayIsLeft() throws {
        let input = temporaryDirectory(self)
        func row(_ campaign: String, _ ad: String, _ date: String, spend: String) -> MetaRow {
            var row = MetaRow(campaign: campaign, ad: ad, date: date, spend: spend)
            row.campaignName = campaign == "c1" ? "Campaign One" : "Campaign Two"
            return row
        }
        let first = try writeMetaPage([
            row("c1", "a1", "2024-03-11", spend: "10.10"), row("c1", "a1", "2024-03-12", spend: "20.20"),
            row("c1", "a2", "2024-03-18", spend: "30.30"), row("c2", "a3", "2024-03-11", spend: "40.40"),
        ], to: input, name: "f1.json")
        // (a1, 03-11) and (a2, 03-18) restated under c2: c1's week of 03-11 keeps 03-12, its week of 03-18 is empty.
        let second = try writeMetaPage([
            row("c2", "a1", "2024-03-11", spend: "11.11"), row("c2", "a2", "2024-03-18", spend: "33.33"),
        ], to: input, name: "f2.json")
        let twoRuns = try assertTwoRunsGiveTheGoldOfOne(first, second)
        let weeks = try rows(.kpiCampaignWeekly, in: twoRuns).filter { $0[2] == "c1" }.map { $0[3] }
        XCTAssertEqual(weeks, ["2024-03-11"])
    }

    /// A run that changes more campaigns than one IN list of the query language takes (a large backlog ingested
    /// in steps) refreshes Gold without listing them; other campaigns' rows on its days are left as they were.
    func testARunChangingMoreCampaignsThanAnINListTakes() throws {
        let input = temporaryDirectory(self)
        let campaigns = QueryLimits.maxListItems + 1
        func row(_ campaign: Int, _ date: String, spend: String) -> MetaRow {
            var row = MetaRow(campaign: "c\(campaign)", ad: "a\(campaign)", date: date, spend: spend)
            row.campaignName = "Campaign \(campaign)"
            return row
        }
        // The first run: every campaign on 03-11, and one more campaign on 03-12 that the second run leaves alone.
        let first = try writeMetaPage((0..<campaigns).map { row($0, "2024-03-11", spend: "1.25") } + [row(campaigns, "2024-03-12", spend: "7.50")],
            to: input, name: "f1.json")
        // The second: every campaign again on 03-12, and c0's 03-11 restated.
        let second = try writeMetaPage((0..<campaigns).map { row($0, "2024-03-12", spend: "2.50") } + [row(0, "2024-03-11", spend: "9.99")],
            to: input, name: "f2.json")
        let twoRuns = try assertTwoRunsGiveTheGoldOfOne(first, second)
        XCTAssertEqual(try rows(.kpiCampaignDaily, in: twoRuns).count, 2 * campaigns + 1)
    }

    func testDaySumsLeaveOutListsLongerThanTheLanguageTakes() {
        let day = Date32(iso: "2024-03-11")!
        let short = GoldQueries.daySums(campaignIDs: ["c1", "c'2"], days: [day, Date32(days: day.days + 2)])
        XCTAssertTrue(short.contains("campaign_id IN ('c1', 'c''2')"), short)
        XCTAssertTrue(short.contains("date IN (DATE '2024-03-11', DATE '2024-03-13')"), short)
        let many = QueryLimits.maxListItems + 1
        let long = GoldQueries.daySums(campaignIDs: (0..<many).map { "c\($0)" }, days: (0..<Int32(many)).map { Date32(days: day.days + $0) })
        XCTAssertFalse(long.contains(" IN ("), String(long.prefix(400)))
        XCTAssertTrue(long.contains("date BETWEEN DATE '2024-03-11' AND DATE '2051-07-28'"), String(long.prefix(400)))
    }
}
