import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

/// A Gold table written whole keeps its latest week apart, so that date zone maps can skip the rest.
final class GoldLayoutTests: XCTestCase {
    func testAFullBuildStoresTheLatestWeekInASegmentOfItsOwn() throws {
        let input = temporaryDirectory(self)
        // 2024-03-13 is a Wednesday: the latest week starts on Monday 2024-03-11.
        let rows = ["2024-03-01", "2024-03-08", "2024-03-10", "2024-03-11", "2024-03-13"].flatMap { date in
            ["c1", "c2"].map { MetaRow(campaign: $0, ad: "a-\($0)", date: date) }
        }
        let page = try writeMetaPage(rows, to: input, name: "page.json")
        let directory = temporaryDirectory(self) + "/store"
        _ = try Pipeline.ingest(paths: [page], directory: directory)
        let store = try Store(directory: directory, mode: .read)
        let monday = try XCTUnwrap(Date32(iso: "2024-03-11")).days
        for (table, column, history, latest) in [
            (ContractTable.kpiCampaignDaily, "date", 6, 4), (.kpiCampaignWeekly, "week", 4, 2),
        ] {
            let segments = try store.table(table.rawValue).segments
            XCTAssertEqual(segments.map(\.segment.rowCount), [history, latest], table.rawValue)
            var ranges: [ClosedRange<Int32>] = []
            try store.scanChunks(table.rawValue, columns: [column]) { chunk in
                guard case .date(let dates) = chunk.batch.columns[0], let low = dates.values.min(), let high = dates.values.max()
                else { return XCTFail("no dates") }
                ranges.append(low...high)
            }
            XCTAssertEqual(ranges.count, 2)
            XCTAssertLessThan(ranges[0].upperBound, monday, table.rawValue)
            XCTAssertGreaterThanOrEqual(ranges[1].lowerBound, monday, table.rawValue)
        }
        // The all-time table has no date: one segment.
        XCTAssertEqual(try store.table(ContractTable.kpiCampaignTotal.rawValue).segments.count, 1)
    }

    func testATableWithinOneWeekIsOneRun() {
        let rows = goldDailyRows([
            (day: "2024-03-11", currency: "BRL", campaign: "c1", spend: 1, conversions: 0, value: 0),
            (day: "2024-03-12", currency: "BRL", campaign: "c1", spend: 2, conversions: 0, value: 0),
        ])
        let runs = GoldLayout.runs(rows, of: .kpiCampaignDaily)
        XCTAssertEqual(runs.history.rowCount, 2)
        XCTAssertEqual(runs.latestWeek.rowCount, 0)
    }
}
