import AurumCore
import XCTest

@testable import AurumQuery

/// The spellings `aurum translate` chooses, construct by construct (Tests/integration/test_translate.py runs the
/// whole differential corpus through sqlglot and DuckDB; these pin the text and the refusals).
final class DialectTranslatorTests: XCTestCase {
    private func translate(_ sql: String, _ dialect: SQLDialect, prefix: String? = "p.d") throws -> String {
        let catalog = try Fixture.catalog(try Fixture.store(self))
        return try DialectTranslator(catalog: catalog, dialect: dialect, today: Date32(iso: "2024-05-15")!, tablePrefix: prefix).translate(sql)
    }

    func testBigQueryNamesDivisionWeeksAndNullOrder() throws {
        XCTAssertEqual(
            try translate("SELECT date_trunc('week', day) AS w, qty / id AS r FROM t ORDER BY w DESC, 2", .bigquery),
            "SELECT DATE_TRUNC(`day`, ISOWEEK) AS `w`, SAFE_DIVIDE(`qty`, `id`) AS `r` FROM `p.d.t` AS `t` ORDER BY `w` DESC NULLS LAST, 2 ASC NULLS LAST")
        XCTAssertEqual(
            try translate("SELECT isodow(day), dayofweek(day), week(day) FROM t", .bigquery),
            "SELECT CAST(FORMAT_DATE('%u', `day`) AS INT64), CAST(FORMAT_DATE('%w', `day`) AS INT64), CAST(FORMAT_DATE('%V', `day`) AS INT64) FROM `p.d.t` AS `t`")
    }

    func testFilteredAggregatesAndGroupByAll() throws {
        XCTAssertEqual(
            try translate("SELECT name, count(*) FILTER (WHERE flag), sum(qty) FILTER (WHERE id > 2) FROM t GROUP BY ALL", .bigquery),
            "SELECT `name`, COUNT(IF(`flag`, 1, NULL)), SUM(IF((`id` > 2), `qty`, NULL)) FROM `p.d.t` AS `t` GROUP BY 1")
        XCTAssertEqual(
            try translate("SELECT name, count(*) FILTER (WHERE flag) FROM t GROUP BY ALL", .duckdb, prefix: nil),
            "SELECT \"name\", COUNT(*) FILTER (WHERE \"flag\") FROM \"t\" AS \"t\" GROUP BY 1")
    }

    func testDatesAcrossDialects() throws {
        let sql = "SELECT day + INTERVAL 1 MONTH, day - 3, date_diff('week', day, DATE '2024-06-01') FROM t"
        XCTAssertEqual(
            try translate(sql, .bigquery),
            "SELECT DATE_ADD(`day`, INTERVAL 1 MONTH), DATE_SUB(`day`, INTERVAL 3 DAY), DIV(DATE_DIFF(DATE '2024-06-01', `day`, DAY), 7) FROM `p.d.t` AS `t`")
        XCTAssertEqual(
            try translate(sql, .spark, prefix: "d"),
            "SELECT add_months(`day`, CAST(1 AS INT)), date_add(`day`, CAST(-(3) AS INT)), (datediff(DATE '2024-06-01', `day`) div 7) FROM `d`.`t` AS `t`")
        XCTAssertEqual(
            try translate(sql, .duckdb, prefix: nil),
            "SELECT CAST(\"day\" + INTERVAL (1) MONTH AS DATE), (\"day\" - 3), date_diff('week', \"day\", DATE '2024-06-01') FROM \"t\" AS \"t\"")
    }

    /// What Spark refuses as Aurum writes it: BIGINT day counts, GREATEST of one argument or of a text literal
    /// beside a date, an unordered ranking window, a bare NULL as a condition.
    func testSparkSpellsWhatItWouldRefuse() throws {
        XCTAssertEqual(
            try translate("SELECT day + INTERVAL 2 WEEK, greatest(day, '2024-03-01'), least(id), rank() OVER (), sum(id) OVER () FROM t", .spark, prefix: nil),
            "SELECT date_add(`day`, CAST((2) * 7 AS INT)), greatest(`day`, CAST('2024-03-01' AS DATE)), `id`, RANK() OVER (ORDER BY 1), SUM(`id`) OVER () FROM `t` AS `t`")
        XCTAssertEqual(
            try translate("SELECT CASE WHEN NULL THEN 1 END, count(*) FILTER (WHERE NULL) FROM t", .spark, prefix: nil),
            "SELECT CASE WHEN CAST(NULL AS BOOLEAN) THEN 1 END, COUNT(*) FILTER (WHERE CAST(NULL AS BOOLEAN)) FROM `t` AS `t`")
        XCTAssertEqual(
            try translate("SELECT CASE WHEN NULL THEN 1 END FROM t", .duckdb, prefix: nil), "SELECT CASE WHEN NULL THEN 1 END FROM \"t\" AS \"t\"")
        // GROUP BY ALL beside a star: Spark gets the keys written out, the others their positions.
        let groupAll = "WITH k AS (SELECT id, day FROM t) SELECT *, count(*) AS n, id + 1 AS m FROM k GROUP BY ALL"
        XCTAssertEqual(
            try translate(groupAll, .spark, prefix: nil),
            "WITH `k` AS (SELECT `id`, `day` FROM `t` AS `t`) SELECT *, COUNT(*) AS `n`, (`id` + 1) AS `m` FROM `k` GROUP BY `k`.`id`, `k`.`day`, (`id` + 1)")
        XCTAssertTrue(try translate(groupAll, .duckdb, prefix: nil).hasSuffix(" GROUP BY 1, 2, 4"))
    }

    func testStrftimePiecesAndCurrentDate() throws {
        XCTAssertEqual(
            try translate("SELECT strftime(day, '%-d/%m %G-W%V'), current_date FROM t", .bigquery),
            "SELECT CONCAT(CAST(EXTRACT(DAY FROM `day`) AS STRING), FORMAT_DATE('/%m %G-W%V', `day`)), DATE '2024-05-15' FROM `p.d.t` AS `t`")
        XCTAssertEqual(
            try translate("SELECT 1 WHERE current_date > DATE '2024-01-01'", .bigquery),
            "SELECT 1 FROM (SELECT 1 AS `aurum_one_row`) AS `aurum_one_row` WHERE (DATE '2024-05-15' > DATE '2024-01-01')")
    }

    func testRefusalsNameTheConstruct() throws {
        XCTAssertThrowsError(try translate("SELECT id, row_number() OVER (ORDER BY id) AS r FROM t QUALIFY r = 1", .spark)) { error in
            XCTAssertTrue("\(error)".contains("QUALIFY"), "\(error)")
        }
        XCTAssertThrowsError(try translate("SELECT amount % 2 FROM t", .bigquery)) { error in
            XCTAssertTrue("\(error)".contains("% of a DOUBLE"), "\(error)")
        }
        XCTAssertThrowsError(try translate("SELECT nosuch FROM t", .bigquery)) { error in
            XCTAssertTrue("\(error)".contains("nosuch"), "\(error)")
        }
    }
}
