import XCTest

@testable import AurumQuery

/// What the parser makes of `EXTRACT(field FROM d)` and `INTERVAL …`: the function calls DuckDB reads them as.
final class ParserDateSyntaxTests: XCTestCase {
    private func expression(_ text: String) throws(QueryError) -> AurumQuery.Expression? {
        try Parser.parse("SELECT \(text) FROM t").items.first?.expression
    }

    func testExtractIsDatePart() throws {
        XCTAssertEqual(try expression("extract(ISODOW FROM day)")?.sql, "date_part('isodow', day)")
        XCTAssertEqual(try expression("EXTRACT('week' FROM day + 1)")?.sql, "date_part('week', (day + 1))")
    }

    func testIntervalForms() throws {
        XCTAssertEqual(try expression("day + INTERVAL 3 DAY")?.sql, "(day + to_days(3))")
        XCTAssertEqual(try expression("day - interval '2' weeks")?.sql, "(day - to_weeks('2'))")
        XCTAssertEqual(try expression("day + INTERVAL '1 month'")?.sql, "(day + to_months(1))")
        XCTAssertEqual(try expression("day + INTERVAL '-3 years'")?.sql, "(day + to_years(-3))")
        XCTAssertEqual(try expression("day + INTERVAL (qty * 2) QUARTER")?.sql, "(day + to_quarters((qty * 2)))")
        // INTERVAL followed by nothing that starts an amount is a column name.
        XCTAssertEqual(try expression("interval")?.sql, "interval")
    }

    func testBadIntervalsAreRefusedWithTheFix() {
        for (text, fix) in [("day + INTERVAL -1 DAY", "INTERVAL (-1) DAY"), ("day + INTERVAL 1 HOUR", "no time of day"),
                            ("day + INTERVAL '1 month 2 days'", "one INTERVAL per unit"), ("day + INTERVAL 1 FORTNIGHT", "not an INTERVAL unit"),
                            ("day + INTERVAL 1", "a unit after INTERVAL")] {
            do throws(QueryError) {
                _ = try expression(text)
                XCTFail("\(text) parsed")
            } catch {
                XCTAssertTrue(error.message.contains(fix), "\(text): \(error.message)")
            }
        }
    }
}
