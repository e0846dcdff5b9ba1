import AurumCore
import AurumDomain
import AurumStorage
import XCTest

@testable import AurumPipeline

/// The domain catalogue (``KPI``) and Gold cannot disagree: every Gold table has exactly the catalogue's Gold KPI
/// columns, in its order, and each KPI value in every row is the catalogue's formula over that row's sums, which
/// are the sums of the rows ingested.
final class GoldKPICatalogueTests: XCTestCase {
    /// Three campaigns: one with ordinary days, one with nothing to divide by, one with impressions but no clicks,
    /// conversions or value. Amounts are multiples of 1/4 so that their sums are exact in any order.
    private let input: [MetaRow] = [
        MetaRow(campaign: "c1", ad: "a1", date: "2024-03-04", impressions: "1000", clicks: "10", spend: "12.50", purchases: "2", purchaseValue: "100.00"),
        MetaRow(campaign: "c1", ad: "a1", date: "2024-03-05", impressions: "0", clicks: "0", spend: "0", purchases: nil, purchaseValue: nil),
        MetaRow(campaign: "c1", ad: "a2", date: "2024-03-11", impressions: "500", clicks: "5", spend: "7.25", purchases: "0", purchaseValue: "0"),
        MetaRow(campaign: "c1", ad: "a2", date: "2024-03-12", impressions: "250", clicks: "4", spend: "2.75", purchases: "3", purchaseValue: "45.50"),
        MetaRow(campaign: "c2", ad: "a3", date: "2024-03-04", impressions: "0", clicks: "0", spend: "0", purchases: nil, purchaseValue: nil),
        MetaRow(campaign: "c3", ad: "a4", date: "2024-03-06", impressions: "2000", clicks: "0", spend: "3.75", purchases: "0", purchaseValue: "0"),
    ]

    private func ingested() throws -> Store {
        let directory = temporaryDirectory(self)
        let page = try writeMetaPage(input, to: directory, name: "pages/p1.json")
        try Pipeline.ingest(paths: [page], directory: directory + "/store")
        return try Store(directory: directory + "/store", mode: .read)
    }

    func testGoldHasTheCataloguesKPIColumnsInOrder() {
        for table in [ContractTable.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
            let names = table.schema.fields.map(\.name)
            let afterMeasures = names.drop { $0 != Measure.conversionValue.column }.dropFirst()
            XCTAssertEqual(Array(afterMeasures), KPI.goldColumns.map(\.column), table.rawValue)
            for measure in Measure.allCases { XCTAssertTrue(names.contains(measure.column), "\(table.rawValue) lacks \(measure.column)") }
            for kpi in KPI.goldColumns {
                XCTAssertEqual(table.schema.fields.first { $0.name == kpi.column }?.type, .double, kpi.column)
                XCTAssertFalse(table.storedSchema.fields.contains { $0.name == kpi.column }, "\(kpi.column) is computed, not stored")
            }
        }
    }

    func testEveryGoldKPIValueIsTheCataloguesFormulaOverTheRowsSums() throws {
        let store = try ingested()
        var nullsSeen = Set<String>()
        for table in [ContractTable.kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
            let batch = try TableReader.readSorted(table, store: store)
            XCTAssertGreaterThan(batch.rowCount, 0, table.rawValue)
            for row in 0..<batch.rowCount {
                for kpi in KPI.goldColumns {
                    let expected = kpi.value(numerator: try number(kpi.numerator.column, row, batch), denominator: try number(kpi.denominator.column, row, batch))
                    let actual = batch.column(named: kpi.column)?.value(at: row)
                    switch (expected, actual) {
                    case (nil, .null?): nullsSeen.insert(kpi.column)
                    case (let value?, .double(let gold)?): XCTAssertEqual(gold.bitPattern, value.bitPattern, "\(table.rawValue) row \(row) \(kpi.column)")
                    default: XCTFail("\(table.rawValue) row \(row) \(kpi.column): catalogue \(String(describing: expected)), Gold \(String(describing: actual))")
                    }
                }
            }
        }
        // Each KPI met a zero denominator somewhere, so the NULL rule was checked for all of them.
        XCTAssertEqual(nullsSeen, Set(KPI.goldColumns.map(\.column)))
    }

    func testAllTimeKPIsAreRatiosOfTheIngestedSums() throws {
        let batch = try TableReader.readSorted(.kpiCampaignTotal, store: try ingested())
        XCTAssertEqual(batch.rowCount, 3)
        for row in 0..<batch.rowCount {
            guard case .string(let campaign)? = batch.column(named: "campaign_id")?.value(at: row) else { return XCTFail("campaign_id") }
            let rows = input.filter { $0.campaign == campaign }
            func sum(_ measure: Measure) -> Double {
                rows.reduce(0) { total, row in
                    let text: String? =
                        switch measure {
                        case .impressions: row.impressions
                        case .clicks: row.clicks
                        case .spend: row.spend
                        case .conversions: row.purchases
                        case .conversionValue: row.purchaseValue
                        }
                    return total + (text.flatMap(Double.init) ?? 0)
                }
            }
            for kpi in KPI.goldColumns {
                let expected = kpi.value(numerator: sum(kpi.numerator), denominator: sum(kpi.denominator))
                XCTAssertEqual(batch.column(named: kpi.column)?.value(at: row), expected.map(Value.double) ?? .null, "\(campaign) \(kpi.column)")
            }
        }
    }

    private func number(_ column: String, _ row: Int, _ batch: Batch) throws -> Double {
        switch batch.column(named: column)?.value(at: row) {
        case .int64(let value)?: Double(value)
        case .double(let value)?: value
        default: throw NotNumeric(column: column)
        }
    }

    private struct NotNumeric: Error { var column: String }
}
