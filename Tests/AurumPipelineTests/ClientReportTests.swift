import AurumCore
import XCTest

@testable import AurumPipeline

final class ClientReportTests: XCTestCase {
    private func day(_ text: String) -> Date32 { Date32(iso: text)! }

    private func daily(_ rows: [(String, String, String, Double, Double, Double)]) -> Batch {
        goldDailyRows(rows.map { (day: $0.0, currency: $0.1, campaign: $0.2, spend: $0.3, conversions: $0.4, value: $0.5) })
    }

    private func quarantine(_ rows: [(String, String)]) -> Batch {
        Batch(
            schema: Schema([Field("reason", .string), Field("raw", .string)]),
            columns: [.string(StringColumn(rows.map { $0.0 })), .string(StringColumn(rows.map { $0.1 }))])
    }

    func testWeeksEndOnTheLastDayAndCompareWithAsManyDaysBefore() {
        let period = ReportPeriod.weeks(2, endingOn: day("2024-04-29"))
        XCTAssertEqual([period.first, period.last, period.previousFirst, period.previousLast], [day("2024-04-16"), day("2024-04-29"), day("2024-04-02"), day("2024-04-15")])
        XCTAssertEqual(period.dayCount, 14)
        XCTAssertNil(period.note)
    }

    func testAMonthTheDataStopsInsideIsComparedDayForDay() throws {
        let whole = try XCTUnwrap(ReportPeriod.month(year: 2024, month: 3, lastDay: day("2024-04-29")))
        XCTAssertEqual([whole.first, whole.last, whole.previousFirst, whole.previousLast], [day("2024-03-01"), day("2024-03-31"), day("2024-02-01"), day("2024-02-29")])
        let partial = try XCTUnwrap(ReportPeriod.month(year: 2024, month: 4, lastDay: day("2024-04-10")))
        XCTAssertEqual([partial.first, partial.last, partial.previousFirst, partial.previousLast], [day("2024-04-01"), day("2024-04-10"), day("2024-03-01"), day("2024-03-10")])
        XCTAssertEqual(partial.note, "partial month")
        let january = try XCTUnwrap(ReportPeriod.month(year: 2024, month: 1, lastDay: day("2024-04-10")))
        XCTAssertEqual(january.previousFirst, day("2023-12-01"))
        XCTAssertNil(ReportPeriod.month(year: 2024, month: 5, lastDay: day("2024-04-10")), "after the data")
        XCTAssertNil(ReportPeriod.parseMonth("2024-13"))
        XCTAssertNil(ReportPeriod.parseMonth("24-03"))
        XCTAssertEqual(ReportPeriod.parseMonth("2024-03")?.month, 3)
    }

    func testTotalsPerCurrencyAgainstThePreviousPeriod() throws {
        let rows = [
            ("2024-04-08", "BRL", "a", 100.0, 4.0, 400.0), ("2024-04-09", "BRL", "a", 50.0, 1.0, 100.0), ("2024-04-09", "BRL", "b", 30.0, 0.0, 0.0),
            ("2024-04-02", "BRL", "a", 80.0, 2.0, 160.0), ("2024-04-09", "USD", "c", 10.0, 1.0, 25.0), ("2024-03-01", "BRL", "a", 999.0, 9.0, 9.0),
        ]
        let period = ReportPeriod.weeks(1, endingOn: day("2024-04-09"))
        let report = try XCTUnwrap(ClientReport.make(daily: daily(rows), period: period, quarantine: quarantine([])))
        XCTAssertEqual(report.lastDay, day("2024-04-09"))
        XCTAssertEqual(report.sections.map(\.currency), ["BRL", "USD"], "never one total over two currencies")
        let brl = report.sections[0]
        XCTAssertEqual(brl.current.spend, 180)
        XCTAssertEqual(brl.current.conversions, 5)
        XCTAssertEqual(try XCTUnwrap(brl.current.cpa), 36, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(brl.current.roas), 500.0 / 180, accuracy: 1e-9)
        XCTAssertEqual(brl.previous.spend, 80, "2024-03-01 is in neither period")
        XCTAssertEqual(brl.days.count, 7)
        XCTAssertEqual(brl.dailySpend.last!, 80)
        XCTAssertEqual(brl.dailySpend[brl.days.firstIndex(of: day("2024-04-05"))!], 0, "a day inside the data with no rows spent nothing")
        XCTAssertEqual(brl.top(5).map(\.campaignID), ["a", "b"])
        XCTAssertEqual(brl.lowestROAS(1).map(\.campaignID), ["b"])
        XCTAssertEqual(brl.movers(5).map(\.campaignID), ["a", "b"])
        XCTAssertEqual(brl.spendingWithoutConversions.map(\.campaignID), ["b"])
        XCTAssertEqual(report.sections[1].current.spend, 10)
        XCTAssertTrue(report.sections[1].previous.isEmpty)
    }

    func testQuarantinedRowsAreCountedByTheDayTheyAreAbout() throws {
        let rows = [("2024-04-09", "BRL", "a", 1.0, 0.0, 0.0)]
        let bad = quarantine([
            ("non_numeric_spend", #"{"date_start": "2024-04-08", "spend": "x"}"#),
            ("non_numeric_spend", #"{"segments": {"date" : "2024-04-09"}, "metrics": {}}"#),
            ("negative_value", #"{"date_start":"2024-04-03"}"#),
            ("old", #"{"date_start": "2024-01-01"}"#),
            ("missing_date", #"{"date_start": ""}"#),
            ("bad_date", #"{"segments": {"date": "2024-02-29T00:00:00"}}"#),
        ])
        let report = try XCTUnwrap(ClientReport.make(daily: daily(rows), period: ReportPeriod.weeks(1, endingOn: day("2024-04-09")), quarantine: bad))
        XCTAssertEqual(report.quarantine.inPeriod, [.init(reason: "non_numeric_spend", count: 2), .init(reason: "negative_value", count: 1)])
        XCTAssertEqual(report.quarantine.total, 3)
        XCTAssertEqual(report.quarantine.undated, 2)
    }

    func testAnEmptyTableMakesNoReport() {
        XCTAssertNil(ClientReport.make(daily: daily([]), period: ReportPeriod.weeks(1, endingOn: day("2024-04-09")), quarantine: quarantine([])))
    }
}
