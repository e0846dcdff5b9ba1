import AurumCore
import XCTest

@testable import AurumPipeline

/// Anomalies against a campaign's own recent days and pacing against the previous month (docs/insights.md).
final class InsightAnomaliesTests: XCTestCase {
    private let last = Date32(iso: "2024-04-14")!

    private func day(_ offset: Int) -> String { Date32(days: last.days - Int32(offset)).description }

    /// 15 days ending on 2024-04-14 of one campaign: `spend(offset)` and `conversions(offset)`, offset 0 = the last day.
    private func campaign(_ name: String, days: Int = 15, spend: (Int) -> Double, conversions: (Int) -> Double = { _ in 5 }, currency: String = "BRL")
        -> [(day: String, currency: String, campaign: String, spend: Double, conversions: Double, value: Double)]
    {
        (0..<days).map { (day: day($0), currency: currency, campaign: name, spend: spend($0), conversions: conversions($0), value: 0) }
    }

    private func anomalies(_ rows: [(day: String, currency: String, campaign: String, spend: Double, conversions: Double, value: Double)]) -> [InsightFact] {
        InsightAnomalies.facts(daily: goldDailyRows(rows), period: ReportPeriod.weeks(1, endingOn: last))
    }

    /// A wiggle of ±10% around 100 (90, 100, 110, …).
    private func wiggle(_ offset: Int) -> Double { [90, 100, 110][offset % 3] }

    func testOrdinaryDaysAreNotAnomalies() {
        XCTAssertEqual(anomalies(campaign("noisy", spend: wiggle)), [])
        // 135 is 2.4 robust deviations (1.4826 × MAD 10 = 14.8) from the median 100: not beyond 3.
        XCTAssertEqual(anomalies(campaign("noisy", spend: { $0 == 0 ? 135 : wiggle($0) })), [])
    }

    func testASpendBeyondThreeRobustDeviationsIsOne() {
        // (Conversions rise with it, so its CPA stays ordinary.)
        let facts = anomalies(campaign("noisy", spend: { $0 == 0 ? 150 : wiggle($0) }, conversions: { $0 == 0 ? 7.5 : 5 }))
        XCTAssertEqual(facts, [.anomaly(campaign: "Campaign noisy", currency: "BRL", kpi: .spend, day: last, value: 150, median: 100, baselineDays: 14)])
        // So is a fall: the same distance below.
        let low = anomalies(campaign("noisy", spend: { $0 == 0 ? 50 : wiggle($0) }))
        XCTAssertEqual(low.count, 2, "spend fell and CPA with it: \(low)")
    }

    func testASteadyCampaignNeedsMoreThanAFewPercent() {
        // MAD 0: the deviation is floored at 10% of the median, so 125 against 100 (2.5 floors) is not an anomaly.
        XCTAssertEqual(anomalies(campaign("steady", spend: { $0 == 0 ? 125 : 100 })), [])
    }

    func testCPAAgainstItsOwnDays() {
        // Spend steady, conversions fall from 5 to 1 on the last day: CPA 100 against 20.
        let facts = anomalies(campaign("cpa", spend: { _ in 100 }, conversions: { $0 == 0 ? 1 : 5 }))
        XCTAssertEqual(facts, [.anomaly(campaign: "Campaign cpa", currency: "BRL", kpi: .cpa, day: last, value: 100, median: 20, baselineDays: 14)])
        // Without conversions on the last day there is no CPA to compare (spending without converting says it).
        XCTAssertEqual(anomalies(campaign("cpa", spend: { _ in 100 }, conversions: { $0 == 0 ? 0 : 5 })), [])
    }

    func testTooFewDaysNoRowOnTheLastDayOrASmallCampaignIsNoAnomaly() {
        XCTAssertEqual(anomalies(campaign("young", days: 7, spend: { $0 == 0 ? 500 : 100 })), [], "6 days before the last")
        XCTAssertEqual(anomalies(campaign("stopped", spend: { $0 == 0 ? 500 : 100 }).filter { $0.day != day(0) }), [], "no row on the last day")
        let small = campaign("small", spend: { $0 == 0 ? 50 : 1 }) + campaign("big", spend: { _ in 1000 })
        XCTAssertEqual(anomalies(small), [], "under 10% of the currency's spend in the period")
    }

    // MARK: - Pacing

    func testPacingComparesTheMonthSoFarWithTheSameDaysOfThePreviousOne() {
        var rows: [(day: String, currency: String, campaign: String, spend: Double, conversions: Double, value: Double)] = []
        for day in 1...29 { rows.append((String(format: "2024-02-%02d", day), "BRL", "a", 10, 0, 0)) }
        for day in 1...31 { rows.append((String(format: "2024-03-%02d", day), "BRL", "a", 20, 0, 0)) }
        rows.append(("2024-03-31", "USD", "b", 7, 0, 0))  // no USD in February: no USD pace
        let facts = InsightPacing.facts(daily: goldDailyRows(rows), lastDay: Date32(iso: "2024-03-31")!)
        XCTAssertEqual(facts, [
            .pacing(
                currency: "BRL", first: Date32(iso: "2024-03-01")!, last: Date32(iso: "2024-03-31")!, spend: 620, previousFirst: Date32(iso: "2024-02-01")!,
                previousLast: Date32(iso: "2024-02-29")!, previousSpend: 290, previousMonthSpend: 290),
        ])
        let midMonth = InsightPacing.facts(daily: goldDailyRows(rows), lastDay: Date32(iso: "2024-03-10")!)
        XCTAssertEqual(midMonth.count, 1)
        if case .pacing(_, _, _, let spend, _, let previousLast, let previousSpend, let previousMonthSpend) = midMonth[0] {
            XCTAssertEqual([spend, previousSpend, previousMonthSpend], [200, 100, 290])
            XCTAssertEqual(previousLast, Date32(iso: "2024-02-10")!)
        }
    }
}
