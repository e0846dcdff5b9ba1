import AurumCore
import XCTest

@testable import AurumAssistant

/// Window arithmetic: "last N days", ISO weeks, calendar months and quarters, named months, and the edges of
/// months and years.
final class WindowPhraseTests: XCTestCase {
    private func date(_ text: String) -> Date32 {
        guard let date = Date32(iso: text) else { preconditionFailure("bad date \(text)") }
        return date
    }

    private func window(_ phrase: WindowPhrase, today: String) -> String? {
        phrase.resolve(today: date(today))?.description
    }

    func testLastDaysAreTheFullDaysBeforeToday() {
        XCTAssertEqual(window(.lastDays(7), today: "2024-04-15"), "2024-04-08..2024-04-14")
        XCTAssertEqual(window(.lastDays(1), today: "2024-04-15"), "2024-04-14..2024-04-14")
        XCTAssertEqual(window(.lastDays(30), today: "2024-03-01"), "2024-01-31..2024-02-29")
        XCTAssertEqual(window(.lastDays(3), today: "2024-01-02"), "2023-12-30..2024-01-01")
        XCTAssertNil(window(.lastDays(0), today: "2024-04-15"))
    }

    func testLastWeekIsThePreviousIsoWeek() {
        // Monday, Sunday and mid-week todays.
        XCTAssertEqual(window(.lastWeek, today: "2024-04-15"), "2024-04-08..2024-04-14")
        XCTAssertEqual(window(.lastWeek, today: "2024-04-14"), "2024-04-01..2024-04-07")
        XCTAssertEqual(window(.lastWeek, today: "2024-03-20"), "2024-03-11..2024-03-17")
        // Across a year boundary, and from the first days of ISO week 53 of 2020.
        XCTAssertEqual(window(.lastWeek, today: "2024-01-03"), "2023-12-25..2023-12-31")
        XCTAssertEqual(window(.lastWeek, today: "2021-01-01"), "2020-12-21..2020-12-27")
        XCTAssertEqual(window(.lastWeeks(2), today: "2024-01-03"), "2023-12-18..2023-12-31")
        XCTAssertEqual(window(.lastWeeks(4), today: "2024-04-30"), "2024-04-01..2024-04-28")
    }

    func testLastMonthIsThePreviousCalendarMonth() {
        XCTAssertEqual(window(.lastMonth, today: "2024-01-10"), "2023-12-01..2023-12-31")
        XCTAssertEqual(window(.lastMonth, today: "2024-03-31"), "2024-02-01..2024-02-29")
        XCTAssertEqual(window(.lastMonth, today: "2023-03-01"), "2023-02-01..2023-02-28")
        XCTAssertEqual(window(.lastMonths(3), today: "2024-02-15"), "2023-11-01..2024-01-31")
        XCTAssertEqual(window(.lastQuarter, today: "2024-01-15"), "2023-10-01..2023-12-31")
        XCTAssertEqual(window(.lastQuarter, today: "2024-05-02"), "2024-01-01..2024-03-31")
        XCTAssertEqual(window(.lastYear, today: "2024-04-15"), "2023-01-01..2023-12-31")
    }

    func testThisPeriodRunsFromItsFirstDayUpToYesterday() {
        XCTAssertEqual(window(.thisWeek, today: "2024-04-17"), "2024-04-15..2024-04-16")
        XCTAssertEqual(window(.thisMonth, today: "2024-04-15"), "2024-04-01..2024-04-14")
        XCTAssertEqual(window(.thisQuarter, today: "2024-05-10"), "2024-04-01..2024-05-09")
        XCTAssertEqual(window(.thisYear, today: "2024-04-15"), "2024-01-01..2024-04-14")
        // On the period's first day there is no full day yet: the window is empty.
        let empty = WindowPhrase.thisMonth.resolve(today: date("2024-04-01"))
        XCTAssertEqual(empty?.dayCount, 0)
        XCTAssertEqual(WindowPhrase.thisWeek.resolve(today: date("2024-04-15"))?.dayCount, 0)
    }

    func testTodayAndDaysAgo() {
        XCTAssertEqual(window(.today, today: "2024-04-29"), "2024-04-29..2024-04-29")
        XCTAssertEqual(window(.daysAgo(1), today: "2024-03-01"), "2024-02-29..2024-02-29")
        XCTAssertEqual(window(.daysAgo(2), today: "2024-01-01"), "2023-12-30..2023-12-30")
    }

    func testNamedMonthIsTheLatestEndedOrUnderWay() {
        XCTAssertEqual(window(.month(3, year: nil), today: "2024-04-15"), "2024-03-01..2024-03-31")
        // Under way: up to yesterday.
        XCTAssertEqual(window(.month(4, year: nil), today: "2024-04-15"), "2024-04-01..2024-04-14")
        // Not yet begun this year: last year's.
        XCTAssertEqual(window(.month(5, year: nil), today: "2024-04-15"), "2023-05-01..2023-05-31")
        XCTAssertEqual(window(.month(12, year: nil), today: "2024-01-05"), "2023-12-01..2023-12-31")
        XCTAssertEqual(window(.month(2, year: 2023), today: "2024-04-15"), "2023-02-01..2023-02-28")
        XCTAssertEqual(window(.month(2, year: 2024), today: "2024-04-15"), "2024-02-01..2024-02-29")
        XCTAssertEqual(window(.quarter(1, year: nil), today: "2024-04-15"), "2024-01-01..2024-03-31")
        XCTAssertEqual(window(.quarter(2, year: nil), today: "2024-04-15"), "2024-04-01..2024-04-14")
        XCTAssertEqual(window(.quarter(3, year: nil), today: "2024-04-15"), "2023-07-01..2023-09-30")
        XCTAssertEqual(window(.year(2024), today: "2024-04-15"), "2024-01-01..2024-04-14")
        XCTAssertEqual(window(.year(2023), today: "2024-04-15"), "2023-01-01..2023-12-31")
    }

    func testExplicitDaysAndRanges() {
        let march5 = DayReference(year: nil, month: 3, day: 5)
        XCTAssertEqual(window(.day(march5), today: "2024-04-15"), "2024-03-05..2024-03-05")
        XCTAssertEqual(window(.day(march5), today: "2024-03-04"), "2023-03-05..2023-03-05")
        XCTAssertEqual(
            window(.between(DayReference(year: 2024, month: 3, day: 1), DayReference(year: 2024, month: 3, day: 15)), today: "2024-04-15"),
            "2024-03-01..2024-03-15")
        // A yearless range takes its end's year; one that wraps the new year starts the year before.
        XCTAssertEqual(
            window(.between(DayReference(year: nil, month: 12, day: 20), DayReference(year: nil, month: 1, day: 10)), today: "2024-04-15"),
            "2023-12-20..2024-01-10")
        XCTAssertNil(window(.between(DayReference(year: 2024, month: 3, day: 10), DayReference(year: 2024, month: 3, day: 1)), today: "2024-04-15"))
        XCTAssertNil(window(.day(DayReference(year: 2023, month: 2, day: 29)), today: "2024-04-15"))
        XCTAssertEqual(window(.since(DayReference(year: 2024, month: 3, day: 15)), today: "2024-04-15"), "2024-03-15..2024-04-14")
        XCTAssertEqual(window(.weekOf(DayReference(year: 2024, month: 3, day: 6)), today: "2024-04-15"), "2024-03-04..2024-03-10")
        XCTAssertEqual(window(.monthRange(first: 1, firstYear: nil, last: 3, lastYear: nil), today: "2024-04-15"), "2024-01-01..2024-03-31")
        XCTAssertEqual(window(.monthRange(first: 11, firstYear: nil, last: 2, lastYear: nil), today: "2024-04-15"), "2023-11-01..2024-02-29")
        XCTAssertEqual(window(.monthRange(first: 3, firstYear: nil, last: 4, lastYear: nil), today: "2024-04-15"), "2024-03-01..2024-04-14")
    }

    func testDayReferenceTokens() {
        XCTAssertEqual(DayReference(token: "2024-03-01"), DayReference(year: 2024, month: 3, day: 1))
        XCTAssertEqual(DayReference(token: "15/03/2024"), DayReference(year: 2024, month: 3, day: 15))
        XCTAssertEqual(DayReference(token: "03/15/2024"), DayReference(year: 2024, month: 3, day: 15))
        XCTAssertEqual(DayReference(token: "10/3"), DayReference(year: nil, month: 3, day: 10))
        XCTAssertNil(DayReference(token: "2024-02-30"))
        XCTAssertNil(DayReference(token: "31/02/2024"))
        XCTAssertNil(DayReference(token: "2.5"))
    }

    func testSlashDatesFollowTheQuestionsLanguage() throws {
        func days(_ question: String) throws -> String? {
            try OfflineTranslator.intent(question, today: date("2024-04-15")).windows.first?.description
        }
        XCTAssertEqual(try days("spend on 3/10/2024"), "2024-03-10..2024-03-10")
        XCTAssertEqual(try days("gasto em 03/10/2023"), "2023-10-03..2023-10-03")
        // One date only possible month first decides for the other.
        XCTAssertEqual(try days("gasto de 03/01/2024 a 03/15/2024"), "2024-03-01..2024-03-15")
        XCTAssertEqual(try days("spend from 01/03/2024 to 15/03/2024"), "2024-03-01..2024-03-15")
    }
}
