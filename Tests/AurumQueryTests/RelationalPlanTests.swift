import AurumCore
import XCTest

@testable import AurumQuery

/// The plan tree above the block pipeline (the golden file relations.test pins results, messages and EXPLAIN):
/// what `prepare` reports without running anything, a CTE named twice being one operator run once, a single
/// table read with no operator at all, and the nesting limits.
final class RelationalPlanTests: XCTestCase {
    private func engine() throws -> QueryEngine {
        QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(iso: "2024-05-15")!)
    }

    func testTablesReadListsEveryCatalogueTableOnce() throws {
        let engine = try engine()
        XCTAssertEqual(try engine.prepare("SELECT id FROM t").tablesRead, ["t"])
        XCTAssertEqual(try engine.prepare("SELECT 1").tablesRead, [])
        XCTAssertEqual(try engine.prepare("WITH c AS (SELECT 1 AS x) SELECT x FROM c").tablesRead, [])
        XCTAssertEqual(try engine.prepare("WITH c AS (SELECT id FROM t) SELECT a.id FROM c a JOIN empty e ON a.id = e.id").tablesRead, ["t", "empty"])
        XCTAssertEqual(try engine.prepare("SELECT id FROM empty UNION ALL SELECT id FROM t UNION ALL SELECT id FROM empty").tablesRead, ["empty", "t"])
        XCTAssertEqual(try engine.prepare("SELECT x.id FROM (SELECT id FROM t) x").table, nil)
        XCTAssertEqual(try engine.prepare("SELECT x.id FROM t x").table, "t")
    }

    func testASingleTableIsReadWithoutAnOperator() throws {
        let plan = try engine().prepare("SELECT t.id FROM t WHERE id > 3")
        XCTAssertFalse(plan.source is PlanOperator)
        XCTAssertFalse(plan.pruning.isEmpty)
    }

    func testACTENamedTwiceIsOneOperatorRunOnce() throws {
        let engine = try engine()
        let result = try engine.run("WITH c AS (SELECT id, qty FROM t) SELECT a.id, b.qty FROM c a JOIN c b ON a.id = b.id")
        XCTAssertEqual(result.batch.rowCount, 10)
        guard let join = result.plan.source as? HashJoinOperator,
            let left = join.left as? MaterializeOperator, let right = join.right as? MaterializeOperator
        else { return XCTFail("expected a join of two CTE reads") }
        XCTAssertTrue(left === right)
        // The table was scanned once (10 rows), not once per reference.
        XCTAssertEqual(result.stats.rowsScanned, 10)
    }

    /// A join of two blocks computes its probe side on another thread while it reads its build side: the same
    /// rows as the query without blocks, each block's reads counted once, and when both blocks fail, the build
    /// side's error (the one a run in order meets first).
    func testAJoinOfTwoBlocksComputesThemSideBySide() throws {
        let engine = try engine()
        let joined = try engine.run("""
            WITH a AS (SELECT id, sum(qty) AS s FROM t GROUP BY id), b AS (SELECT id, count(*) AS c FROM t GROUP BY id)
            SELECT a.id, a.s, b.c FROM a LEFT JOIN b ON a.id = b.id ORDER BY 1
            """)
        let direct = try engine.run("SELECT id, sum(qty), count(*) FROM t GROUP BY id ORDER BY 1")
        XCTAssertEqual(joined.batch.rowCount, 10)
        for row in 0..<10 {
            XCTAssertEqual(joined.batch.columns.map { $0.value(at: row) }, direct.batch.columns.map { $0.value(at: row) }, "row \(row)")
        }
        XCTAssertEqual(joined.stats.rowsScanned, 20, "each block read t once")
        let failing = "WITH a AS (SELECT id, CAST(name AS BIGINT) AS n FROM t), b AS (SELECT id, CAST(name AS DATE) AS d FROM t)"
        for (query, expected) in [("SELECT a.id FROM a LEFT JOIN b ON a.id = b.id", "DATE"), ("SELECT b.id FROM b LEFT JOIN a ON a.id = b.id", "BIGINT")] {
            XCTAssertThrowsError(try engine.run("\(failing) \(query)")) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(query): \(error)")
            }
        }
    }

    func testAnInnerJoinBuildsOnTheSmallerCatalogueTable() throws {
        let engine = try engine()
        let text = "SELECT a.id, b.name FROM t a JOIN t b ON a.id = b.id WHERE a.day >= DATE '2024-04-01' ORDER BY 1"
        guard let join = try engine.prepare(text).source as? HashJoinOperator else { return XCTFail("expected a join") }
        XCTAssertTrue(join.buildsOnLeft)  // zone maps leave the left side fewer rows
        let rows = try engine.run(text).batch
        XCTAssertEqual((0..<rows.rowCount).map { rows.columns[0].value(at: $0) }, [.int64(8), .int64(9), .int64(10)])
        guard let left = try engine.prepare("SELECT a.id FROM t a LEFT JOIN t b ON a.id = b.id WHERE a.day >= DATE '2024-04-01'").source as? HashJoinOperator
        else { return XCTFail("expected a join") }
        XCTAssertFalse(left.buildsOnLeft)  // a LEFT JOIN builds on the side it may leave NULL
    }

    func testPrepareRunsNoSubquery() throws {
        let plan = try engine().prepare("SELECT id FROM t WHERE id IN (SELECT qty FROM t)")
        XCTAssertEqual(plan.subqueries.count, 1)
        XCTAssertEqual(plan.subqueries[0].table.rowsToScan(pruning: PruningPredicate()), nil)
    }

    func testQueriesNestedTooDeepAndTooManyJoinsAreRefused() throws {
        let engine = try engine()
        let depth = QueryLimits.maxQueryNesting + 1
        let nested = String(repeating: "SELECT id FROM (", count: depth) + "SELECT id FROM t" + String(repeating: ") s", count: depth)
        guard case .limitExceeded(let message, _) = Result(catching: { () throws(QueryError) in try engine.prepare(nested) }).failure else {
            return XCTFail("expected the nesting limit")
        }
        XCTAssertTrue(message.contains("nest more than \(QueryLimits.maxQueryNesting)"), message)
        let fine = String(repeating: "SELECT id FROM (", count: depth - 2) + "SELECT id FROM t" + String(repeating: ") s", count: depth - 2)
        XCTAssertEqual(try engine.run(fine).batch.rowCount, 10)

        let joins = (1...(QueryLimits.maxJoins + 1)).map { " JOIN t t\($0) ON t\($0).id = t.id" }.joined()
        guard case .limitExceeded = Result(catching: { () throws(QueryError) in try engine.prepare("SELECT t.id FROM t" + joins) }).failure else {
            return XCTFail("expected the join limit")
        }
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
