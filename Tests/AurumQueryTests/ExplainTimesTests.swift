import AurumCore
import XCTest

@testable import AurumQuery

/// `EXPLAIN ANALYZE` prints the wall-clock time of each step of a block and of each operator; plain `EXPLAIN`
/// prints none.
final class ExplainTimesTests: XCTestCase {
    private static var time: Regex<Substring> { #/ \(\d+\.\d\d ms\)$/# }

    private func engine() throws -> QueryEngine {
        QueryEngine(catalog: try Fixture.catalog(try Fixture.store(self)), today: Date32(days: 0))
    }

    private func plan(_ sql: String) throws -> [String] {
        guard case .plan(let text) = try engine().execute(sql) else {
            XCTFail("a plan")
            return []
        }
        return text.components(separatedBy: "\n\n")[0].components(separatedBy: "\n")
    }

    func testEveryStepAndOperatorHasItsTime() throws {
        let sql = """
            EXPLAIN ANALYZE WITH c AS (SELECT name, sum(amount) AS total FROM t GROUP BY name HAVING count(*) > 0)
            SELECT DISTINCT a.id, c.total, row_number() OVER (ORDER BY a.id) AS n
            FROM t a JOIN c ON a.name = c.name WHERE a.qty > 0 ORDER BY 1 LIMIT 3
            """
        let lines = try plan(sql)
        let timed = lines.filter { $0.contains(Self.time) }
        for step in ["HASH JOIN INNER", "SCAN t", "MATERIALIZE CTE c", "HASH AGGREGATE", "FILTER (HAVING)", "FILTER (WHERE)",
                     "WINDOW [row_number()", "PROJECT", "DISTINCT", "TOP-N"] {
            XCTAssertTrue(timed.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(step) }, "\(step) has no time:\n\(lines.joined(separator: "\n"))")
        }
        // What carries no time: the pruning notes and LIMIT (part of the top-n).
        XCTAssertFalse(lines.contains { ($0.contains("zone-map pruning") || $0.hasPrefix("LIMIT")) && $0.contains(Self.time) })
    }

    func testASingleTableScanHasItsTime() throws {
        let lines = try plan("EXPLAIN ANALYZE SELECT id FROM t WHERE qty > 1 ORDER BY id")
        XCTAssertTrue(lines[0].hasPrefix("SCAN t columns [id, qty] ("), lines[0])
        XCTAssertTrue(lines.filter { $0.contains(Self.time) }.count == 4, lines.joined(separator: "\n"))  // scan, filter, project, sort
    }

    func testPlainExplainHasNoTimes() throws {
        let lines = try plan("EXPLAIN SELECT a.id FROM t a JOIN t b ON a.id = b.id ORDER BY 1")
        XCTAssertFalse(lines.contains { $0.contains(" ms)") }, lines.joined(separator: "\n"))
    }

    func testTimesAreMillisecondsToTwoDecimals() {
        XCTAssertEqual(StepTimes.note(0), " (0.00 ms)")
        XCTAssertEqual(StepTimes.note(0.000_054), " (0.05 ms)")
        XCTAssertEqual(StepTimes.note(1.5), " (1500.00 ms)")
        XCTAssertEqual(StepTimes.note(0.012_346), " (12.35 ms)")
    }
}
