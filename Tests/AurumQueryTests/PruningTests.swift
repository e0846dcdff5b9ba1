import AurumCore
import XCTest

@testable import AurumQuery

/// Zone maps: segments whose min/max exclude the WHERE are neither read nor decompressed.
final class PruningTests: XCTestCase {
    private func run(_ sql: String) throws -> QueryEngine.Result {
        let store = try Fixture.store(self)
        return try QueryEngine(catalog: try Fixture.catalog(store), today: Date32(days: 0)).run(sql)
    }

    func testADateRangeReadsOnlyTheSegmentsThatHoldIt() throws {
        // Segments: ids 1–4 (Jan 1 – Feb 1), 5–8 (Feb 29 – Apr 1), 9–10 (Apr 30 – May 1).
        let result = try run("SELECT count(*) FROM t WHERE day >= '2024-04-15'")
        XCTAssertEqual(result.batch.columns[0].value(at: 0), .int64(2))
        XCTAssertEqual(result.stats.segments, 3)
        XCTAssertEqual(result.stats.segmentsPruned, 2)
        XCTAssertEqual(result.stats.rowsScanned, 2)
    }

    func testEqualityBetweenAndInPrune() throws {
        XCTAssertEqual(try run("SELECT id FROM t WHERE id = 6").stats.segmentsPruned, 2)
        XCTAssertEqual(try run("SELECT id FROM t WHERE day BETWEEN '2024-01-02' AND '2024-01-20'").stats.segmentsPruned, 2)
        XCTAssertEqual(try run("SELECT id FROM t WHERE id IN (1, 2, 10)").stats.segmentsPruned, 1)
        XCTAssertEqual(try run("SELECT id FROM t WHERE 7 < id").stats.segmentsPruned, 1)  // constant on the left
    }

    func testConditionsZoneMapsCannotDecideReadEverything() throws {
        for sql in ["SELECT id FROM t WHERE id = 6 OR id = 1", "SELECT id FROM t WHERE id + 0 = 6", "SELECT id FROM t WHERE name LIKE 'a%'"] {
            let result = try run(sql)
            XCTAssertEqual(result.stats.segmentsPruned, 0, sql)
            XCTAssertEqual(result.stats.rowsScanned, 10, sql)
        }
    }

    func testRowGroupsWhollyInsideTheWhereAreNotFiltered() throws {
        // (SQL, rows that pass, row groups whose zone maps prove every row passes).
        let cases: [(String, Int64, Int)] = [
            ("day >= '2024-02-15'", 6, 2),  // 1–4 pruned, 5–8 and 9–10 wholly inside
            ("day >= '2024-01-02'", 9, 2),  // 1–4 holds Jan 1: filtered
            ("day BETWEEN '2024-02-29' AND '2024-04-01'", 4, 1),
            ("qty >= 0", 9, 2),  // 5–8 holds a NULL qty: filtered
            ("name >= ''", 9, 2),  // 1–4 holds a NULL name; text bounds are whole strings
            ("id > 4 AND day <= '2024-05-01'", 6, 2),
            ("amount > -100", 9, 0),  // DOUBLE bounds do not decide (NaN)
            ("day >= '2024-02-15' AND id + 0 > 0", 6, 0),  // a conjunct zone maps cannot decide: every row filtered
            ("day >= '2024-02-15' OR id = 1", 7, 0),
            ("id IN (9, 10)", 2, 0),  // IN decides a row group only when it holds one value
        ]
        for (condition, rows, unfiltered) in cases {
            let result = try run("SELECT count(*) FROM t WHERE \(condition)")
            XCTAssertEqual(result.batch.columns[0].value(at: 0), .int64(rows), condition)
            XCTAssertEqual(result.stats.rowGroupsUnfiltered, unfiltered, condition)
        }
        let text = try QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(days: 0))
            .explain("SELECT sum(qty) FROM t WHERE day >= '2024-01-02'")
        XCTAssertTrue(text.contains("3 decoded (2 of them wholly inside WHERE by zone maps: not filtered)"), text)
    }

    func testProjectionReadsOnlyTheColumnsUsed() throws {
        let plan = try QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(days: 0))
            .prepare("SELECT name, sum(amount) FROM t WHERE day > '2024-02-01' GROUP BY name")
        XCTAssertEqual(plan.scanColumns.map { Fixture.schema.fields[$0].name }, ["name", "amount", "day"])
    }

    func testExplainShowsThePlanAndTheCounts() throws {
        let store = try Fixture.store(self)
        let text = try QueryEngine(catalog: try Fixture.catalog(store), today: Date32(days: 0))
            .explain("SELECT name, count(*) FROM t WHERE day >= '2024-04-15' GROUP BY name ORDER BY 2 DESC LIMIT 1")
        XCTAssertTrue(text.contains("zone-map pruning on: day >= DATE '2024-04-15'"), text)
        XCTAssertTrue(text.contains("HASH AGGREGATE by [name]"), text)
        XCTAssertTrue(text.contains("TOP-N by 1 key keeping 1 rows"), text)
        XCTAssertTrue(text.contains("segments: 3 in table, 2 pruned by zone maps, 1 read"), text)
        XCTAssertTrue(text.contains("rows: 2 scanned, 2 after WHERE, 1 produced"), text)
    }
}
