import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

/// The incremental refresh looks up only the stored Gold rows that change; these cases need the rest of a week.
final class GoldDayRefreshTests: XCTestCase {
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
        let oneRun = temporaryDirectory(self) + "/one"
        _ = try Pipeline.ingest(paths: [first, second], directory: oneRun)
        let twoRuns = temporaryDirectory(self) + "/two"
        _ = try Pipeline.ingest(paths: [first], directory: twoRuns)
        _ = try Pipeline.ingest(paths: [second], directory: twoRuns)
        for table in [ContractTable.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
            XCTAssertEqual(try rows(table, in: twoRuns), try rows(table, in: oneRun), "\(table.rawValue) differs")
        }
        let weeks = try rows(.kpiCampaignWeekly, in: twoRuns).filter { $0[2] == "c1" }.map { $0[3] }
        XCTAssertEqual(weeks, ["2024-03-11"])
    }
}
