import AurumCore
import Foundation
import XCTest

@testable import AurumQuery

/// The calendar facts the date functions share, checked against Foundation's ISO 8601 calendar day by day, and
/// month arithmetic's clamping.
final class DateColumnsTests: XCTestCase {
    func testISOWeekDayOfYearAndWeekdaysAgreeWithFoundationFrom1990To2040() throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let first = try XCTUnwrap(Date32(year: 1990, month: 1, day: 1)).days
        let last = try XCTUnwrap(Date32(year: 2040, month: 12, day: 31)).days
        for days in first...last {
            let date = Date32(days: days)
            let moment = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.weekOfYear, .yearForWeekOfYear, .weekday], from: moment)
            let (year, week) = date.isoYearAndWeek
            XCTAssertEqual(week, parts.weekOfYear, "\(date)")
            XCTAssertEqual(year, parts.yearForWeekOfYear, "\(date)")
            // Foundation's weekday: Sunday = 1 … Saturday = 7.
            XCTAssertEqual(date.sundayBasedWeekday, (parts.weekday ?? 0) - 1, "\(date)")
            XCTAssertEqual(date.dayOfYear, calendar.ordinality(of: .day, in: .year, for: moment), "\(date)")
        }
    }

    func testISOWeekAtYearBoundaries() throws {
        func week(_ iso: String) throws -> (Int, Int) {
            let value = try XCTUnwrap(Date32(iso: iso)).isoYearAndWeek
            return (value.year, value.week)
        }
        XCTAssertTrue(try week("2024-12-30") == (2025, 1))
        XCTAssertTrue(try week("2021-01-03") == (2020, 53))
        XCTAssertTrue(try week("2020-12-31") == (2020, 53))
        XCTAssertTrue(try week("2026-12-31") == (2026, 53))
        XCTAssertTrue(try week("2027-01-04") == (2027, 1))
        XCTAssertTrue(try week("0001-01-01") == (1, 1))
        XCTAssertTrue(try week("9999-12-31") == (9999, 52))
    }

    func testAddingMonthsClampsToTheMonthsLastDay() throws {
        func add(_ iso: String, _ months: Int64) throws -> String? {
            try XCTUnwrap(Date32(iso: iso)).adding(months: months)?.description
        }
        XCTAssertEqual(try add("2024-01-31", 1), "2024-02-29")
        XCTAssertEqual(try add("2023-01-31", 1), "2023-02-28")
        XCTAssertEqual(try add("2024-03-31", -1), "2024-02-29")
        XCTAssertEqual(try add("2024-02-29", 12), "2025-02-28")
        XCTAssertEqual(try add("2024-02-29", 48), "2028-02-29")
        XCTAssertEqual(try add("2024-05-31", -13), "2023-04-30")
        XCTAssertEqual(try add("2024-01-15", 0), "2024-01-15")
        XCTAssertNil(try add("9999-12-01", 1))
        XCTAssertNil(try add("0001-01-31", -1))
        XCTAssertNil(try add("2024-01-01", Int64.max))
        XCTAssertNil(try add("2024-01-01", Int64.min))
    }

    func testAddingDaysStaysInTheDateRange() throws {
        let date = try XCTUnwrap(Date32(iso: "2024-02-28"))
        XCTAssertEqual(date.adding(days: 1)?.description, "2024-02-29")
        XCTAssertEqual(date.adding(days: -59)?.description, "2023-12-31")
        XCTAssertNil(date.adding(days: Int64.max))
        XCTAssertNil(try XCTUnwrap(Date32(iso: "9999-12-31")).adding(days: 1))
        XCTAssertEqual(try XCTUnwrap(Date32(iso: "0001-01-02")).adding(days: -1)?.description, "0001-01-01")
    }

    func testColumnMapsKeepNulls() {
        let dates = PrimitiveColumn<Int32>(values: [0, 0, 31, 31, 0], validity: [1, 0, 1, 1, 1])
        let mapped = DateColumns.map(dates) { Int64($0.civil.month) }
        XCTAssertEqual(mapped.values.enumerated().filter { dates.validity?[$0.offset] == 1 }.map(\.element), [1, 2, 2, 1])
        XCTAssertEqual(mapped.validity, [1, 0, 1, 1, 1])
        guard case .string(let text) = DateColumns.text(dates, { $0.description }) else { return XCTFail() }
        XCTAssertEqual((0..<5).map { text[$0] }, ["1970-01-01", nil, "1970-02-01", "1970-02-01", "1970-01-01"])
    }
}
