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
        XCTAssertThrowsError(try translate("SELECT amount % 2 FROM t", .bigquery)) { error in
            XCTAssertTrue("\(error)".contains("% of a DOUBLE"), "\(error)")
        }
        XCTAssertThrowsError(try translate("SELECT nosuch FROM t", .bigquery)) { error in
            XCTAssertTrue("\(error)".contains("nosuch"), "\(error)")
        }
    }

    /// arg_max/arg_min keep Aurum's rules in Spark (NULL value or key skipped, a tie on the key settled by the
    /// value: a struct ordering); BigQuery, whose MAX_BY settles ties by any row, refuses them by name.
    func testArgMaxInSparkAndItsBigQueryRefusal() throws {
        XCTAssertEqual(
            try translate("SELECT name, arg_max(qty, day) FILTER (WHERE id > 2), min_by(name, qty) FROM t GROUP BY 1", .spark, prefix: "d"),
            "SELECT `name`, MAX_BY(`qty`, CASE WHEN `qty` IS NOT NULL AND `day` IS NOT NULL AND ((`id` > 2)) THEN STRUCT(`day`, `qty`) END), "
                + "MIN_BY(`name`, CASE WHEN `name` IS NOT NULL AND `qty` IS NOT NULL THEN STRUCT(`qty`, `name`) END) FROM `d`.`t` AS `t` GROUP BY 1")
        XCTAssertThrowsError(try translate("SELECT arg_min(name, day) FROM t", .bigquery)) { error in
            XCTAssertTrue("\(error)".contains("arg_min() has no BigQuery form"), "\(error)")
        }
    }

    /// BigQuery and Spark do not see select aliases inside OVER (…): the alias is written as its expression there,
    /// and a FROM column of the same name wins over the alias, as in Aurum's binder. DuckDB keeps the alias.
    func testSelectAliasesInsideWindowsAreWrittenOut() throws {
        let sql = "SELECT name, sum(qty) AS s, rank() OVER (ORDER BY s DESC) AS r FROM t GROUP BY 1"
        XCTAssertEqual(
            try translate(sql, .bigquery),
            "SELECT `name`, SUM(`qty`) AS `s`, RANK() OVER (ORDER BY SUM(`qty`) DESC NULLS LAST) AS `r` FROM `p.d.t` AS `t` GROUP BY 1")
        XCTAssertEqual(
            try translate(sql, .spark, prefix: nil),
            "SELECT `name`, SUM(`qty`) AS `s`, RANK() OVER (ORDER BY SUM(`qty`) DESC NULLS LAST) AS `r` FROM `t` AS `t` GROUP BY 1")
        XCTAssertEqual(
            try translate(sql, .duckdb, prefix: nil),
            "SELECT \"name\", SUM(\"qty\") AS \"s\", RANK() OVER (ORDER BY \"s\" DESC NULLS LAST) AS \"r\" FROM \"t\" AS \"t\" GROUP BY 1")
        // Operands and PARTITION BY too; `qty` names the column, not the item aliased `qty` (written qualified).
        XCTAssertEqual(
            try translate("SELECT id * 2 AS doubled, name AS n, id AS qty, sum(doubled) OVER (PARTITION BY n ORDER BY qty) FROM t", .spark, prefix: nil),
            "SELECT (`id` * 2) AS `doubled`, `name` AS `n`, `id` AS `qty`, SUM((`id` * 2)) OVER (PARTITION BY `name` ORDER BY `t`.`qty` ASC NULLS LAST) FROM `t` AS `t`")
    }

    /// Spark has no QUALIFY: the block computes the condition as a hidden column under a query that filters on it
    /// and then applies DISTINCT, ORDER BY and LIMIT.
    func testSparkQualifyIsAFilterAroundTheBlock() throws {
        XCTAssertEqual(
            try translate("SELECT name, id, row_number() OVER (PARTITION BY name ORDER BY id) AS rn FROM t WHERE qty > 0 QUALIFY rn <= 2 ORDER BY name, rn DESC, amount LIMIT 3 OFFSET 1", .spark, prefix: nil),
            "SELECT `aurum_c1` AS `name`, `aurum_c2` AS `id`, `aurum_c3` AS `rn` FROM (SELECT `name` AS `aurum_c1`, `id` AS `aurum_c2`, "
                + "ROW_NUMBER() OVER (PARTITION BY `name` ORDER BY `id` ASC NULLS LAST) AS `aurum_c3`, "
                + "(ROW_NUMBER() OVER (PARTITION BY `name` ORDER BY `id` ASC NULLS LAST) <= 2) AS `aurum_keep`, `amount` AS `aurum_o3` "
                + "FROM `t` AS `t` WHERE (`qty` > 0)) AS `aurum_qualified` WHERE `aurum_keep` "
                + "ORDER BY 1 ASC NULLS LAST, 3 DESC NULLS LAST, `aurum_o3` ASC NULLS LAST LIMIT 3 OFFSET 1")
        // DISTINCT after the filter, a GROUP BY alias written as its expression, star columns each by name; hidden
        // names move aside from a user name that starts like them.
        XCTAssertEqual(
            try translate("SELECT DISTINCT name AS aurum_x, count(*) OVER (PARTITION BY name) AS c FROM t GROUP BY aurum_x QUALIFY c > 1", .spark, prefix: nil),
            "SELECT DISTINCT `aurum__c1` AS `aurum_x`, `aurum__c2` AS `c` FROM (SELECT `name` AS `aurum__c1`, COUNT(*) OVER (PARTITION BY `name`) AS `aurum__c2`, "
                + "(COUNT(*) OVER (PARTITION BY `name`) > 1) AS `aurum__keep` FROM `t` AS `t` GROUP BY `name`) AS `aurum__qualified` WHERE `aurum__keep`")
        XCTAssertEqual(
            try translate("SELECT *, rank() OVER (ORDER BY amount) FROM t QUALIFY rank() OVER (ORDER BY amount) = 1", .spark, prefix: nil),
            "SELECT `aurum_c1` AS `id`, `aurum_c2` AS `name`, `aurum_c3` AS `amount`, `aurum_c4` AS `qty`, `aurum_c5` AS `day`, `aurum_c6` AS `flag`, "
                + "`aurum_c7` AS `rank() OVER (ORDER BY amount)` FROM (SELECT `t`.`id` AS `aurum_c1`, `t`.`name` AS `aurum_c2`, `t`.`amount` AS `aurum_c3`, "
                + "`t`.`qty` AS `aurum_c4`, `t`.`day` AS `aurum_c5`, `t`.`flag` AS `aurum_c6`, RANK() OVER (ORDER BY `amount` ASC NULLS LAST) AS `aurum_c7`, "
                + "(RANK() OVER (ORDER BY `amount` ASC NULLS LAST) = 1) AS `aurum_keep` FROM `t` AS `t`) AS `aurum_qualified` WHERE `aurum_keep`")
        // BigQuery keeps its QUALIFY, aliases written out and a shadowed column qualified (Aurum reads the column).
        XCTAssertEqual(
            try translate("SELECT id, qty AS amount, row_number() OVER (ORDER BY id) AS r FROM t QUALIFY r = 1 AND amount > 0", .bigquery),
            "SELECT `id`, `qty` AS `amount`, ROW_NUMBER() OVER (ORDER BY `id` ASC NULLS LAST) AS `r` FROM `p.d.t` AS `t` WHERE TRUE "
                + "QUALIFY ((ROW_NUMBER() OVER (ORDER BY `id` ASC NULLS LAST) = 1) AND (`t`.`amount` > 0))")
    }
}
