import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

final class IngestTests: XCTestCase {
    func testValidRowsReachSilverAndInvalidOnesQuarantineWithTheirReason() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        var bad = MetaRow(ad: "a2")
        bad.impressions = "n/a"
        try writeMetaPage([MetaRow(), bad], to: input, name: "p1.json")
        let summary = try Pipeline.ingest(paths: [input], directory: store)
        XCTAssertEqual(summary.filesNew, 1)
        XCTAssertEqual(summary.bronzeRows, 2)
        XCTAssertEqual(summary.silverInserted, 1)
        XCTAssertEqual(summary.quarantinedByReason, ["non_numeric_impressions": 1])
        XCTAssertTrue(summary.totals.identityHolds)
        let quarantine = try rows(.quarantine, in: store)
        XCTAssertEqual(quarantine.count, 1)
        XCTAssertEqual(Array(quarantine[0][0...3]), ["1", "1", "meta", "non_numeric_impressions"])
        XCTAssertTrue(quarantine[0][4].contains("n/a"), quarantine[0][4])
        XCTAssertTrue(quarantine[0][5].hasPrefix("{\"account_id\""))
    }

    func testTheLastValidRowOfAKeyWinsWithinARun() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        var restated = MetaRow()
        restated.spend = "20.00"
        var invalid = MetaRow()
        invalid.spend = "-1"
        try writeMetaPage([MetaRow()], to: input, name: "a.json")
        try writeMetaPage([restated, invalid], to: input, name: "b.json")  // the invalid row never displaces a valid one
        let summary = try Pipeline.ingest(paths: [input], directory: store)
        XCTAssertEqual(summary.supersededInRun, 1)
        XCTAssertEqual(try column("spend", of: .adInsights, in: store), [.double(20)])
        XCTAssertEqual(try column("file_id", of: .adInsights, in: store), [.int64(2)])
        XCTAssertEqual(summary.totals, StoreTotals(bronzeRows: 3, silverRows: 1, quarantineRows: 1, supersededRows: 1))
    }

    func testARestatementInALaterRunReplacesTheRowAndGoldFollows() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        let first = try writeMetaPage([MetaRow(), MetaRow(ad: "a2")], to: input, name: "2024-03/page.json")
        try Pipeline.ingest(paths: [first], directory: store)
        XCTAssertEqual(try column("spend", of: .kpiCampaignDaily, in: store), [.double(25)])
        var restated = MetaRow()
        restated.spend = "30.00"
        let second = try writeMetaPage([restated], to: input, name: "2024-03_restate/page.json")
        let summary = try Pipeline.ingest(paths: [second], directory: store)
        XCTAssertEqual(summary.silverRestated, 1)
        XCTAssertEqual(summary.silverInserted, 0)
        XCTAssertEqual(try column("spend", of: .kpiCampaignDaily, in: store), [.double(42.5)])
        XCTAssertEqual(try column("spend", of: .kpiCampaignTotal, in: store), [.double(42.5)])
        XCTAssertEqual(summary.totals, StoreTotals(bronzeRows: 3, silverRows: 2, quarantineRows: 0, supersededRows: 1))
    }

    func testGoldSumsKPIsAndNullsOnZeroDenominators() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        var noSales = MetaRow(ad: "a2", date: "2024-03-02")
        noSales.purchases = nil
        noSales.purchaseValue = nil
        var nothing = MetaRow(ad: "a3", date: "2024-03-03")
        (nothing.impressions, nothing.clicks, nothing.spend, nothing.purchases, nothing.purchaseValue) = ("0", "0", "0", nil, nil)
        try writeMetaPage([MetaRow(), noSales, nothing], to: input, name: "p.json")
        try Pipeline.ingest(paths: [input], directory: store)
        let daily = try rows(.kpiCampaignDaily, in: store)
        // source, account_id, campaign_id, date, campaign_name, currency, impressions, clicks, spend, conversions,
        // conversion_value, ctr, cpc, cpm, cpa, roas
        XCTAssertEqual(daily[0], ["meta", "111", "c1", "2024-03-01", "Campaign One", "BRL", "1000", "10", "12.5", "2.0", "100.0", "0.01", "1.25", "12.5", "6.25", "8.0"])
        XCTAssertEqual(Array(daily[1][13...15]), ["12.5", "NULL", "0.0"])  // no conversions: CPA NULL, ROAS 0
        XCTAssertEqual(Array(daily[2][11...15]), ["NULL", "NULL", "NULL", "NULL", "NULL"])
        let weekly = try rows(.kpiCampaignWeekly, in: store)
        XCTAssertEqual(weekly.map { $0[3] }, ["2024-02-26"])  // 2024-03-01..03 is Fri..Sun of the week of Monday Feb 26
        XCTAssertEqual(weekly[0][8], "25.0")
    }

    func testCampaignNameIsTheLatestNonEmptyNameForEveryGoldRow() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        var renamed = MetaRow(ad: "a2", date: "2024-03-05")
        renamed.campaignName = "Campaign One | Renamed"
        var blank = MetaRow(ad: "a3", date: "2024-03-09")
        blank.campaignName = ""
        try writeMetaPage([MetaRow(), renamed, blank], to: input, name: "p.json")
        try Pipeline.ingest(paths: [input], directory: store)
        XCTAssertEqual(Set(try column("campaign_name", of: .kpiCampaignDaily, in: store)), [.string("Campaign One | Renamed")])
        XCTAssertEqual(try column("campaign_name", of: .kpiCampaignTotal, in: store), [.string("Campaign One | Renamed")])
    }

    func testReingestingTheSameBytesIsANoOp() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        try writeMetaPage([MetaRow()], to: input, name: "p.json")
        try Pipeline.ingest(paths: [input], directory: store)
        let manifest = try String(contentsOfFile: store + "/MANIFEST", encoding: .utf8)
        try writeMetaPage([MetaRow()], to: input, name: "copy-with-another-name.json")
        let summary = try Pipeline.ingest(paths: [input], directory: store)
        XCTAssertEqual(summary.filesNew, 0)
        XCTAssertEqual(summary.filesSkipped, 2)
        XCTAssertEqual(try String(contentsOfFile: store + "/MANIFEST", encoding: .utf8), manifest)
    }

    func testAFileThatIsNotAPageIsRejectedAndTheRunGoesOn() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        try writeMetaPage([MetaRow()], to: input, name: "a.json")
        try "{\"error\":{\"message\":\"expired token\"}}".write(toFile: input + "/b.json", atomically: true, encoding: .utf8)
        let summary = try Pipeline.ingest(paths: [input], directory: store)
        XCTAssertEqual(summary.filesNew, 1)
        XCTAssertEqual(summary.rejectedFiles.map(\.path), [input + "/b.json"])
        XCTAssertEqual(try rows(.bronzeFiles, in: store).count, 1)
    }

    func testRebuildGivesTheSameTablesFromBronzeAlone() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        var restated = MetaRow()
        restated.spend = "99.99"
        try writeMetaPage([MetaRow(), MetaRow(ad: "a2", date: "2024-03-02")], to: input, name: "a.json")
        try Pipeline.ingest(paths: [input + "/a.json"], directory: store)
        try writeMetaPage([restated], to: input, name: "b.json")
        try Pipeline.ingest(paths: [input + "/b.json"], directory: store)
        let tables: [ContractTable] = [.adInsights, .quarantine, .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal, .bronzeRows]
        let before = try tables.map { try rows($0, in: store) }
        try FileManager.default.removeItem(atPath: input)
        let summary = try Pipeline.rebuild(directory: store)
        XCTAssertEqual(summary.filesReread, 2)
        XCTAssertEqual(try tables.map { try rows($0, in: store) }, before)
    }

    func testTheConversionPreferenceIsKeptAndOnlyRebuildChangesIt() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        try writeMetaPage([MetaRow()], to: input, name: "a.json")
        try Pipeline.ingest(paths: [input], directory: store, conversionPreference: ["omni_purchase"])
        XCTAssertEqual(try column("conversions", of: .adInsights, in: store), [.double(0)])  // only "purchase" is present
        XCTAssertThrowsError(try Pipeline.ingest(paths: [input], directory: store, conversionPreference: ["purchase"]))
        try Pipeline.rebuild(directory: store, conversionPreference: ["purchase"])
        XCTAssertEqual(try column("conversions", of: .adInsights, in: store), [.double(2)])
        XCTAssertEqual(try column("conversion_action", of: .adInsights, in: store), [.string("purchase")])
    }

    /// Issue 19 item 2: two rows of Int64.max impressions gave -2 in Gold; a spend beyond the largest double, inf.
    func testAGoldSumThatDoesNotFitIsAnErrorNamingCampaignAndDay() throws {
        let input = temporaryDirectory(self)
        let top = String(Int64.max)
        for (name, row) in [
            ("impressions", MetaRow(impressions: top)), ("clicks", MetaRow(clicks: top)),
            ("spend", MetaRow(spend: String(repeating: "9", count: 308))),
        ] {
            let store = temporaryDirectory(self) + "/store-" + name
            var second = row
            second.ad = "a2"
            try writeMetaPage([row, second], to: input + "/" + name, name: "page.json")
            XCTAssertThrowsError(try Pipeline.ingest(paths: [input + "/" + name], directory: store)) { error in
                guard case PipelineError.goldOverflow(let table, let campaign, let day, let measure) = error else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual([table, campaign, day, measure], ["kpi_campaign_daily", "meta/111/c1", "on 2024-03-01", name])
            }
            XCTAssertEqual(try Store(directory: store, mode: .read).manifest.tables[ContractTable.adInsights.rawValue]?.liveRowCount ?? 0, 0)
        }
        // One such row alone fits, and goes in as it is.
        let store = temporaryDirectory(self) + "/store-one"
        try writeMetaPage([MetaRow(impressions: top)], to: input + "/one", name: "page.json")
        try Pipeline.ingest(paths: [input + "/one"], directory: store)
        XCTAssertEqual(try column("impressions", of: .kpiCampaignTotal, in: store), [.int64(Int64.max)])
    }

    /// Issue 19 item 4: an empty or misspelt preference made every Meta conversion 0.
    func testAnInvalidConversionPreferenceIsRefused() throws {
        let input = temporaryDirectory(self)
        let store = temporaryDirectory(self) + "/store"
        try writeMetaPage([MetaRow()], to: input, name: "a.json")
        for preference in [[String](), [""], ["purchse"]] {
            XCTAssertThrowsError(try Pipeline.ingest(paths: [input], directory: store, conversionPreference: preference)) { error in
                guard case PipelineError.invalidConversionPreference = error else { return XCTFail("\(error)") }
            }
        }
    }

    func testASecondWriterIsRefused() throws {
        let store = temporaryDirectory(self) + "/store"
        let writer = try Store(directory: store, mode: .write)
        XCTAssertThrowsError(try Pipeline.ingest(paths: [store], directory: store)) { error in
            XCTAssertTrue(String(describing: error).contains("another aurum process"), "\(error)")
        }
        _ = writer
    }
}
