import AurumCore
import XCTest

@testable import AurumPipeline

final class InsightFinderTests: XCTestCase {
    private let period = ReportPeriod.weeks(1, endingOn: Date32(iso: "2024-04-14")!)

    /// Two weeks (2024-04-01 … 2024-04-14) of three BRL campaigns: steady, ROAS halving, conversions stopping.
    private func planted() -> Batch {
        var rows: [(String, String, Double, Double, Double)] = []
        for offset in 0..<14 {
            let day = Date32(days: Date32(iso: "2024-04-01")!.days + Int32(offset)).description
            let second = offset >= 7
            rows.append((day, "steady", 100, 5, 500))
            rows.append((day, "halving", 100, 4, second ? 400 : 800))
            rows.append((day, "silent", 60, second ? 0 : 2, second ? 0 : 120))
            rows.append((day, "tiny", 1, second ? 0 : 1, 1))  // under 10% of the spend: never a finding
        }
        // Campaign names are "Campaign " + the id.
        return goldDailyRows(rows.map { (day: $0.0, currency: "BRL", campaign: $0.1, spend: $0.2, conversions: $0.3, value: $0.4) })
    }

    private func quarantine(week1: Int, week2: Int) -> Batch {
        let raws = Array(repeating: #"{"date_start": "2024-04-03", "spend": "x"}"#, count: week1) + Array(repeating: #"{"date_start": "2024-04-12", "spend": "x"}"#, count: week2)
        return Batch(
            schema: Schema([Field("reason", .string), Field("raw", .string)]),
            columns: [.string(StringColumn(raws.map { _ in "non_numeric_spend" })), .string(StringColumn(raws))])
    }

    func testThePlantedFactsAndNoOther() throws {
        let facts = try XCTUnwrap(InsightFinder.facts(daily: planted(), quarantine: quarantine(week1: 1, week2: 8), period: period))
        let findings = facts.filter { if case .total = $0 { return false } else { return true } }
        XCTAssertEqual(findings, [
            .campaignChange(campaign: "Campaign halving", currency: "BRL", kpi: .roas, previous: 8, current: 4),
            .spendWithoutConversions(campaign: "Campaign silent", currency: "BRL", spend: 420, previousConversions: 14),
            .quarantineSpike(current: 8, previous: 1),
        ])
        XCTAssertTrue(facts.contains(.total(currency: "BRL", kpi: .spend, previous: 1827, current: 1827)))
    }

    func testNoSpikeWithoutEnoughRowsOrGrowth() throws {
        for (week1, week2) in [(0, 4), (5, 9), (3, 0)] {
            let facts = try XCTUnwrap(InsightFinder.facts(daily: planted(), quarantine: quarantine(week1: week1, week2: week2), period: period))
            XCTAssertFalse(facts.contains { if case .quarantineSpike = $0 { return true } else { return false } }, "\(week1) then \(week2)")
        }
        let spike = try XCTUnwrap(InsightFinder.facts(daily: planted(), quarantine: quarantine(week1: 0, week2: 5), period: period))
        XCTAssertTrue(spike.contains(.quarantineSpike(current: 5, previous: 0)))
    }
}
