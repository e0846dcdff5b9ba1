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

    /// `aurum insights` reads only the rows from ``InsightFinder/firstDayRead(for:)`` on: over those rows and the
    /// whole data's range, the facts are those of all the rows, for periods of one to eight weeks ending in April
    /// (pacing against March), in January (against the December before) and on a month's first day.
    func testTheFactsNeedNoRowBeforeTheFirstDayRead() throws {
        var state: UInt64 = 5
        func random(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int(state >> 33) % range.count
        }
        let first = Date32(iso: "2023-10-01")!.days
        var rows: [(day: String, currency: String, campaign: String, spend: Double, conversions: Double, value: Double)] = []
        for offset in 0...Int(Date32(iso: "2024-04-14")!.days - first) {
            let day = Date32(days: first + Int32(offset)).description
            for campaign in ["a", "b", "c"] where random(0...4) > 0 {
                let spend = Double(random(10...200)) * (offset % 40 == 39 ? 6 : 1)
                rows.append((day, campaign == "c" ? "USD" : "BRL", campaign, spend, Double(random(0...9)), spend * 3))
            }
        }
        let all = goldDailyRows(rows)
        guard case .date(let dates)? = all.column(named: "date") else { return XCTFail("dates") }
        let range = try XCTUnwrap(ClientReport.dataRange(of: all))
        for (weeks, last) in [(1, "2024-04-14"), (2, "2024-04-14"), (8, "2024-04-14"), (1, "2024-01-20"), (3, "2024-03-01")] {
            let lastDay = Date32(iso: last)!
            let upTo = all.gather(dates.values.indices.filter { dates.values[$0] <= lastDay.days })
            let period = ReportPeriod.weeks(weeks, endingOn: lastDay)
            let firstRead = InsightFinder.firstDayRead(for: period)
            guard case .date(let upToDates)? = upTo.column(named: "date") else { return XCTFail("dates") }
            let read = upTo.gather(upToDates.values.indices.filter { upToDates.values[$0] >= firstRead.days })
            XCTAssertLessThan(read.rowCount, upTo.rowCount, "\(weeks) weeks to \(last): some rows are not read")
            let upToRange = range.lowerBound...lastDay
            let expected = try XCTUnwrap(InsightFinder.facts(daily: upTo, quarantine: quarantine(week1: 0, week2: 0), period: period))
            XCTAssertEqual(InsightFinder.facts(daily: read, quarantine: quarantine(week1: 0, week2: 0), period: period, dataRange: upToRange), expected, "\(weeks) weeks to \(last)")
            XCTAssertTrue(expected.contains { if case .pacing = $0 { return true } else { return false } }, "\(weeks) weeks to \(last): pacing found")
        }
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
