import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

/// A campaign whose Gold rows cannot be updated by taking its old day sums out and putting the new ones in is
/// regrouped from its stored daily rows (``GoldCampaignRegroup``): renamed, re-currencied, given a value that is
/// not a whole number of millionths, or carrying such sums already. After every run, Gold must equal the same
/// files ingested in one run, bit for bit.
final class GoldCampaignRegroupTests: XCTestCase {
    private var input = ""

    override func setUp() {
        input = temporaryDirectory(self)
    }

    /// Three weeks of two campaigns of account 111 (BRL) and one of account 222 (USD), two ads each, plus a
    /// campaign of account 222 with c1's id (so a campaign id alone does not name a campaign).
    private func history() throws -> String {
        var rows: [MetaRow] = []
        for day in 4...20 {
            for (account, campaign, name, currency) in [
                ("111", "c1", "Campaign One", "BRL"), ("111", "c2", "Campaign Two", "BRL"), ("222", "c3", "Campaign Three", "USD"),
                ("222", "c1", "Other One", "USD"),
            ] {
                for ad in ["a", "b"] {
                    var row = MetaRow(account: account, campaign: campaign, ad: "\(campaign)\(account)\(ad)", date: String(format: "2024-03-%02d", day))
                    row.campaignName = name
                    row.currency = currency
                    row.spend = "\(day * 3 + (ad == "a" ? 1 : 2)).\(10 + day)"
                    row.impressions = String(1000 + day)
                    row.purchaseValue = "\(day * 7).25"
                    rows.append(row)
                }
            }
        }
        return try writeMetaPage(rows, to: input, name: "f0-history.json")
    }

    private func day(_ name: String, _ rows: [MetaRow]) throws -> String {
        try writeMetaPage(rows, to: input, name: name)
    }

    private func row(_ account: String, _ campaign: String, _ ad: String, _ date: String, name: String, currency: String, spend: String) -> MetaRow {
        var row = MetaRow(account: account, campaign: campaign, ad: "\(campaign)\(account)\(ad)", date: date, spend: spend)
        row.campaignName = name
        row.currency = currency
        return row
    }

    /// Ingests `files` one run each into one store, and after each run checks its Gold against all files so
    /// far ingested in one run.
    private func assertEachRunEqualsOneRun(_ files: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let runs = temporaryDirectory(self) + "/runs"
        for (index, path) in files.enumerated() {
            _ = try Pipeline.ingest(paths: [path], directory: runs)
            let oneRun = temporaryDirectory(self) + "/one-\(index)"
            _ = try Pipeline.ingest(paths: Array(files[...index]), directory: oneRun)
            for table in [ContractTable.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
                XCTAssertEqual(try rows(table, in: runs), try rows(table, in: oneRun), "\(table.rawValue) after run \(index)", file: file, line: line)
            }
        }
    }

    /// c1 of account 111 renamed on a new day: every one of its Gold rows takes the new name, the other c1 keeps its own.
    func testARenamedCampaignHasItsNewNameOnEveryRow() throws {
        let files = [
            try history(),
            try day("f1-rename.json", [
                row("111", "c1", "a", "2024-03-21", name: "Campaign One | v2", currency: "BRL", spend: "5.50"),
                row("111", "c2", "a", "2024-03-21", name: "Campaign Two", currency: "BRL", spend: "6.60"),
            ]),
            // Renamed back on a day restated: the latest row by (date, ingest order) is now this one.
            try day("f2-rename-back.json", [row("111", "c1", "a", "2024-03-21", name: "Campaign One", currency: "BRL", spend: "7.70")]),
        ]
        try assertEachRunEqualsOneRun(files)
        let runs = temporaryDirectory(self) + "/check"
        _ = try Pipeline.ingest(paths: Array(files[..<2]), directory: runs)
        let names = Set(try rows(.kpiCampaignDaily, in: runs).filter { $0[1] == "111" && $0[2] == "c1" }.map { $0[4] })
        XCTAssertEqual(names, ["Campaign One | v2"])
    }

    /// Account 222 starts reporting in EUR: its campaigns' rows all take the new currency.
    func testACurrencyChangeReachesEveryRowOfTheCampaign() throws {
        try assertEachRunEqualsOneRun([
            try history(),
            try day("f1-currency.json", [
                row("222", "c3", "a", "2024-03-22", name: "Campaign Three", currency: "EUR", spend: "8.80"),
                row("222", "c1", "b", "2024-03-22", name: "Other One", currency: "EUR", spend: "9.90"),
            ]),
        ])
    }

    /// A spend of seven decimals is not a whole number of millionths: the day's, the week's and the campaign's
    /// sums fall back to doubles, and a later run of plain decimals finds such sums stored.
    func testANonDecimalValueAndTheSumsItLeavesStored() throws {
        try assertEachRunEqualsOneRun([
            try history(),
            try day("f1-inexact.json", [
                row("111", "c2", "a", "2024-03-20", name: "Campaign Two", currency: "BRL", spend: "0.1234567"),
                row("111", "c2", "b", "2024-03-21", name: "Campaign Two", currency: "BRL", spend: "1.0000001"),
                row("111", "c2", "c", "2024-03-21", name: "Campaign Two", currency: "BRL", spend: "0.3333333"),
            ]),
            try day("f2-exact-after.json", [
                row("111", "c2", "a", "2024-03-22", name: "Campaign Two", currency: "BRL", spend: "2.25"),
                row("111", "c1", "a", "2024-03-22", name: "Campaign One", currency: "BRL", spend: "3.75"),
            ]),
            // The non-decimal value restated away: the campaign's sums are whole millionths again.
            try day("f3-restated.json", [row("111", "c2", "a", "2024-03-20", name: "Campaign Two", currency: "BRL", spend: "4.40")]),
        ])
    }

    /// A renamed campaign that loses a day to another campaign in the same run, in a week that keeps other days.
    func testARenameWithARestatementOfAnOldDay() throws {
        // c1's ad a on 03-13, restated under c2.
        var moved = row("111", "c2", "a", "2024-03-13", name: "Campaign Two", currency: "BRL", spend: "1.00")
        moved.ad = "c1111a"
        try assertEachRunEqualsOneRun([
            try history(),
            try day("f1-move-and-rename.json", [
                moved, row("111", "c1", "z", "2024-03-21", name: "Campaign One | Escala", currency: "BRL", spend: "2.00"),
            ]),
        ])
    }
}
