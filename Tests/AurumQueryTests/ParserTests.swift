import XCTest

@testable import AurumQuery

/// What the parser makes of statements as a whole (the golden files pin the messages): which refusals are
/// writes and which are read-only SQL that is not supported, EXPLAIN, and SELECT without FROM.
final class ParserTests: XCTestCase {
    private func refusal(_ text: String) -> QueryError? {
        do {
            _ = try Parser.parseStatement(text)
            return nil
        } catch {
            return error
        }
    }

    func testWritesAreNotAllowedAndReadOnlyConstructsAreUnsupported() {
        for text in ["DROP TABLE t", "insert into t values (1)", "COPY t TO 'x.csv'", "SET threads = 1", "SELECT 1; SELECT 2"] {
            guard case .notAllowed = refusal(text) else { return XCTFail("\(text): \(String(describing: refusal(text)))") }
        }
        for text in [
            "WITH RECURSIVE a AS (SELECT 1) SELECT * FROM a", "DESCRIBE t", "SHOW TABLES", "SELECT 1 FROM t EXCEPT SELECT 2",
            "SELECT (SELECT 1)", "SELECT 1 FROM a RIGHT JOIN b ON a.x = b.x", "SELECT 1 FROM a, b", "SELECT 1 FROM a JOIN b USING (x)",
            "SELECT x FROM t FULL JOIN u ON true", "SELECT sum(x) OVER (ORDER BY y GROUPS 1 PRECEDING) FROM t",
        ] {
            guard case .unsupported = refusal(text) else { return XCTFail("\(text): \(String(describing: refusal(text)))") }
            XCTAssertTrue(refusal(text)?.message.contains("not supported") == true, text)
        }
    }

    func testFilterWrapsTheCallItFollowsWithOrWithoutWhere() throws {
        let statement = try Parser.parse("SELECT count(*) FILTER (WHERE x > 1), sum(DISTINCT y) filter (z) AS s FROM t")
        guard case .filtered(.function("count", _, false, offset: 7), let condition, offset: 16)? = statement.items[0].expression else {
            return XCTFail(String(describing: statement.items[0].expression))
        }
        XCTAssertEqual(condition.sql, "(x > 1)")
        guard case .filtered(.function("sum", _, true, _), .column("z", _), _)? = statement.items[1].expression else {
            return XCTFail(String(describing: statement.items[1].expression))
        }
        XCTAssertEqual(statement.items[1].alias, "s")
        XCTAssertEqual(statement.items[0].expression?.offset, 7, "the expression starts where the call does")
        // FILTER not followed by '(' is an alias, as before.
        XCTAssertEqual(try Parser.parse("SELECT count(*) filter FROM t").items[0].alias, "filter")
    }

    func testExplainWrapsOneSelectWhoseOffsetsStayInTheWholeText() throws {
        guard case .explain(let plain, analyze: false) = try Parser.parseStatement("EXPLAIN SELECT id FROM t;") else { return XCTFail() }
        XCTAssertEqual(plain.items.map(\.offset), [15])
        XCTAssertEqual(plain.tableOffset, 23)
        guard case .explain(let analyzed, analyze: true) = try Parser.parseStatement("explain analyze\nSELECT id FROM t") else { return XCTFail() }
        XCTAssertEqual(analyzed.table, "t")
        XCTAssertEqual(try Parser.parseStatement("SELECT id FROM t"), .select(try Parser.parse("SELECT id FROM t")))
    }

    func testWhereOnlyAQueryIsWantedExplainIsRefusedAtItsPosition() {
        XCTAssertThrowsError(try Parser.parse("  EXPLAIN SELECT 1")) { error in
            XCTAssertEqual(error as? QueryError, .notAllowed(message: "a SELECT query is expected here, not EXPLAIN (which shows a plan, not rows)", offset: 2))
        }
    }

    func testSelectWithoutFromHasNoTable() throws {
        XCTAssertNil(try Parser.parse("SELECT 1 + 1").table)
        XCTAssertNil(try Parser.parse("SELECT 1 WHERE true ORDER BY 1 LIMIT 1;").table)
        XCTAssertEqual(try Parser.parse("SELECT 1 FROM t").table, "t")
    }
}
