import AurumCore
import XCTest

final class Date32Tests: XCTestCase {
    /// Days since 1970-01-01 of 0001-01-01 and 9999-12-31 (Python: `(date(y, m, d) - date(1970, 1, 1)).days`).
    static let firstDays: Int32 = -719_162
    static let lastDays: Int32 = 2_932_896

    /// (date, days since 1970-01-01, ISO weekday, ISO week start) computed by Python's `datetime`
    /// (`toordinal`, `isoweekday`): fixed edge cases plus 24 random dates (seed 20240229).
    static let pythonFacts: [(text: String, days: Int32, isoWeekday: Int, weekStart: String)] = [
        ("0001-01-01", -719162, 1, "0001-01-01"),
        ("0001-01-07", -719156, 7, "0001-01-01"),
        ("0001-12-31", -718798, 1, "0001-12-31"),
        ("0004-02-29", -718008, 7, "0004-02-23"),
        ("0100-03-01", -682944, 1, "0100-03-01"),
        ("0207-10-11", -643640, 7, "0207-10-05"),
        ("0373-09-18", -583032, 2, "0373-09-17"),
        ("0400-02-29", -573372, 2, "0400-02-28"),
        ("0595-11-02", -501903, 1, "0595-11-02"),
        ("0720-09-19", -456292, 7, "0720-09-13"),
        ("1582-10-15", -141427, 5, "1582-10-11"),
        ("1600-02-29", -135081, 2, "1600-02-28"),
        ("1700-02-28", -98557, 7, "1700-02-22"),
        ("1700-03-01", -98556, 1, "1700-03-01"),
        ("1899-12-31", -25568, 7, "1899-12-25"),
        ("1900-02-28", -25509, 3, "1900-02-26"),
        ("1900-03-01", -25508, 4, "1900-02-26"),
        ("1969-12-28", -4, 7, "1969-12-22"),
        ("1969-12-29", -3, 1, "1969-12-29"),
        ("1969-12-31", -1, 3, "1969-12-29"),
        ("1970-01-01", 0, 4, "1969-12-29"),
        ("1970-01-04", 3, 7, "1969-12-29"),
        ("1970-01-05", 4, 1, "1970-01-05"),
        ("2000-02-29", 11016, 2, "2000-02-28"),
        ("2000-03-01", 11017, 3, "2000-02-28"),
        ("2020-12-31", 18627, 4, "2020-12-28"),
        ("2021-01-03", 18630, 7, "2020-12-28"),
        ("2023-01-01", 19358, 7, "2022-12-26"),
        ("2024-02-29", 19782, 4, "2024-02-26"),
        ("2024-12-30", 20087, 1, "2024-12-30"),
        ("2025-01-01", 20089, 3, "2024-12-30"),
        ("2100-02-28", 47540, 7, "2100-02-22"),
        ("2100-03-01", 47541, 1, "2100-03-01"),
        ("2168-03-15", 72392, 2, "2168-03-14"),
        ("2394-03-14", 154935, 1, "2394-03-14"),
        ("2400-02-29", 157113, 2, "2400-02-28"),
        ("2544-08-15", 209876, 6, "2544-08-10"),
        ("3871-11-06", 694635, 1, "3871-11-06"),
        ("4827-08-13", 1043722, 5, "4827-08-09"),
        ("4842-10-30", 1049279, 4, "4842-10-27"),
        ("4931-12-21", 1081837, 5, "4931-12-17"),
        ("5108-09-23", 1146396, 3, "5108-09-21"),
        ("5794-02-14", 1396732, 5, "5794-02-10"),
        ("5833-11-20", 1411255, 3, "5833-11-18"),
        ("5974-05-15", 1462565, 3, "5974-05-13"),
        ("6350-07-04", 1599946, 2, "6350-07-03"),
        ("6729-02-17", 1738236, 7, "6729-02-11"),
        ("7536-07-14", 2033134, 2, "7536-07-13"),
        ("8231-06-02", 2286935, 4, "8231-05-30"),
        ("8253-02-26", 2294875, 6, "8253-02-21"),
        ("8792-09-30", 2491957, 3, "8792-09-28"),
        ("9031-06-10", 2579137, 5, "9031-06-06"),
        ("9187-10-24", 2636251, 6, "9187-10-19"),
        ("9953-08-09", 2915951, 7, "9953-08-03"),
        ("9999-12-27", 2932892, 1, "9999-12-27"),
        ("9999-12-31", 2932896, 5, "9999-12-27"),
    ]

    /// The Gregorian leap-year rule, written independently of `Date32.daysInMonth`.
    static func isLeap(_ year: Int) -> Bool { year % 400 == 0 || (year % 4 == 0 && year % 100 != 0) }

    static func monthLength(_ year: Int, _ month: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    func testPythonFacts() throws {
        for fact in Self.pythonFacts {
            let date = try XCTUnwrap(Date32(iso: fact.text), fact.text)
            XCTAssertEqual(date.days, fact.days, fact.text)
            XCTAssertEqual(date.description, fact.text)
            XCTAssertEqual(date.isoWeekday, fact.isoWeekday, fact.text)
            XCTAssertEqual(date.weekStart.description, fact.weekStart, fact.text)
            XCTAssertEqual(date.weekStart.isoWeekday, 1, fact.text)
            XCTAssertEqual(Date32(days: fact.days), date)
        }
    }

    /// Every day from 0001-01-01 to 9999-12-31: `civil` walks the calendar one day at a time (checked against an
    /// independent month-length table), `init(year:month:day:)` inverts it, and the weekday cycles 1…7.
    func testEveryDayCivilRoundTrip() {
        var expected = (year: 1, month: 1, day: 1)
        var expectedWeekday = 1  // 0001-01-01 was a Monday (proleptic Gregorian).
        var failures = 0
        for days in Self.firstDays...Self.lastDays {
            let date = Date32(days: days)
            let civil = date.civil
            let weekday = date.isoWeekday
            let back = Date32(year: civil.year, month: civil.month, day: civil.day)?.days
            if civil != expected || back != days || weekday != expectedWeekday
                || date.weekStart.days != days - Int32(expectedWeekday - 1)
            {
                failures += 1
                if failures <= 5 {
                    XCTFail("days \(days): civil \(civil) expected \(expected), back \(String(describing: back)), weekday \(weekday) expected \(expectedWeekday)")
                }
            }
            // Advance the expectation by one day.
            expectedWeekday = expectedWeekday % 7 + 1
            expected.day += 1
            if expected.day > Self.monthLength(expected.year, expected.month) {
                expected.day = 1
                expected.month += 1
                if expected.month > 12 {
                    expected.month = 1
                    expected.year += 1
                }
            }
        }
        XCTAssertEqual(failures, 0)
        XCTAssertEqual(expected.year, 10_000, "the walk ends the day after 9999-12-31")
    }

    /// Every 7th day (each weekday and, over 10 000 years, every month position): text form and ISO parse invert.
    func testDenseTextRoundTrip() throws {
        var failures = 0
        for days in stride(from: Self.firstDays, through: Self.lastDays, by: 7) {
            let text = Date32(days: days).description
            if Date32(iso: text)?.days != days || text.utf8.count != 10 {
                failures += 1
                if failures <= 5 { XCTFail("days \(days) printed as \(text)") }
            }
        }
        XCTAssertEqual(failures, 0)
        XCTAssertEqual(Date32(days: Self.lastDays).description, "9999-12-31")
        XCTAssertEqual(Date32(days: Self.firstDays).description, "0001-01-01")
    }

    func testLeapYears() {
        for year in [4, 400, 1600, 1996, 2000, 2004, 2024, 2400, 9996] {
            XCTAssertNotNil(Date32(year: year, month: 2, day: 29), "\(year)")
            XCTAssertEqual(Date32.daysInMonth(year: year, month: 2), 29, "\(year)")
        }
        for year in [1, 100, 1700, 1800, 1900, 2023, 2100, 2200, 2300, 9999] {
            XCTAssertNil(Date32(year: year, month: 2, day: 29), "\(year)")
            XCTAssertEqual(Date32.daysInMonth(year: year, month: 2), 28, "\(year)")
        }
        var leapCount = 0
        for year in 1...9999 where Date32(year: year, month: 2, day: 29) != nil { leapCount += 1 }
        XCTAssertEqual(leapCount, 2424, "9999/4 − 9999/100 + 9999/400 leap years in 0001…9999")
        for year in 1...9999 {
            for month in 1...12 where Date32.daysInMonth(year: year, month: month) != Self.monthLength(year, month) {
                XCTFail("\(year)-\(month)")
            }
        }
    }

    func testCivilInitRejectsNonDates() {
        XCTAssertNil(Date32(year: 0, month: 1, day: 1))
        XCTAssertNil(Date32(year: 10_000, month: 1, day: 1))
        XCTAssertNil(Date32(year: -1, month: 1, day: 1))
        XCTAssertNil(Date32(year: 2024, month: 0, day: 1))
        XCTAssertNil(Date32(year: 2024, month: 13, day: 1))
        XCTAssertNil(Date32(year: 2024, month: 1, day: 0))
        XCTAssertNil(Date32(year: 2024, month: 1, day: 32))
        XCTAssertNil(Date32(year: 2024, month: 4, day: 31))
        XCTAssertNil(Date32(year: 2024, month: 2, day: 30))
        XCTAssertNil(Date32(year: 2024, month: 1, day: -5))
        XCTAssertEqual(Date32(year: 2024, month: 12, day: 31)?.description, "2024-12-31")
    }

    func testStrictISOParsing() {
        let rejected = [
            "2024-02-30", "2024-13-01", "24-01-01", " 2024-01-01", "2024-01-01 ", "2024-01-01\n", "",
            "2024-00-10", "2024-01-00", "2024-04-31", "2023-02-29", "1900-02-29", "0000-01-01", "10000-01-01",
            "2024-1-01", "2024-01-1", "2024/01/01", "2024.01.01", "20240101", "2024-01-01T00:00",
            "+024-01-01", "-024-01-01", "2024-+1-01", "2024-01-+1", "2024--1-01", "2024-01-0/", "2024-01-0:",
            "2024_01_01", "2024-01-01\0", "\02024-01-0",
            // Non-ASCII digits and dashes: full-width, Arabic-Indic, Devanagari, superscript, U+2212 minus,
            // U+2010 hyphen.
            "２０２４-01-01", "٢٠٢٤-٠١-٠١", "२०२४-01-01", "2024-0١-01", "²⁰²⁴-01-01", "2024−01−01", "2024‐01‐01",
        ]
        for text in rejected {
            XCTAssertNil(Date32(iso: text), "accepted \(text.debugDescription)")
        }
        XCTAssertEqual(Date32(iso: "2024-02-29")?.days, 19782)
        XCTAssertEqual(Date32(iso: "1970-01-01")?.days, 0)
        XCTAssertEqual(Date32(iso: "9999-12-31")?.days, Self.lastDays)
        XCTAssertEqual(Date32(iso: "0001-01-01")?.days, Self.firstDays)
        // A Substring is parsed by its own bytes, not its base string's.
        let line = "x,2024-03-10,y"
        let field = line.split(separator: ",")[1]
        XCTAssertEqual(Date32(iso: field)?.description, "2024-03-10")
    }

    func testISOBytes() {
        func parse(_ bytes: [UInt8]) -> Date32? { bytes.withUnsafeBytes { Date32(isoBytes: $0) } }
        XCTAssertEqual(parse(Array("2021-01-03".utf8))?.days, 18630)
        XCTAssertNil(parse(Array("2021-01-3".utf8)))
        XCTAssertNil(parse([]))
        // Every single-byte corruption of a digit that is not itself a digit must be refused.
        let good = Array("2021-11-23".utf8)
        for position in [0, 1, 2, 3, 5, 6, 8, 9] {
            for byte in UInt8.min...UInt8.max where !(48...57).contains(byte) {
                var bad = good
                bad[position] = byte
                if parse(bad) != nil { XCTFail("accepted byte \(byte) at \(position)") }
            }
        }
        for position in [4, 7] {
            for byte in UInt8.min...UInt8.max where byte != UInt8(ascii: "-") {
                var bad = good
                bad[position] = byte
                if parse(bad) != nil { XCTFail("accepted separator byte \(byte) at \(position)") }
            }
        }
    }

    func testOrderingAndWeekStart() {
        let monday = Date32(iso: "2024-12-30")!
        for offset in 0..<7 {
            let date = Date32(days: monday.days + Int32(offset))
            XCTAssertEqual(date.isoWeekday, offset + 1)
            XCTAssertEqual(date.weekStart, monday)
        }
        XCTAssertLessThan(Date32(days: -1), Date32(days: 0))
        XCTAssertEqual([Date32(days: 5), Date32(days: -3), Date32(days: 0)].sorted().map(\.days), [-3, 0, 5])
        // Negative days: weekday uses a non-negative remainder.
        XCTAssertEqual(Date32(days: -7).isoWeekday, 4)
        XCTAssertEqual(Date32(days: -4).isoWeekday, 7)
    }
}
