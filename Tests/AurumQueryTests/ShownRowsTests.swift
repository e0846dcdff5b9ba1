import AurumCore
import XCTest

@testable import AurumQuery

/// A query run for a table of its first and last rows (``ShownRows``) keeps only those ends, and the table printed
/// from them is the one the whole result gives: sorted with ties and NULLs, by text and by aggregates, grouped,
/// plain, windowed, with DISTINCT, LIMIT, OFFSET, UNION ALL and subqueries, longer and shorter than the table.
final class ShownRowsTests: XCTestCase {
    private let rows = 5_000

    private func engine() -> QueryEngine {
        let schema = Schema([
            Field("id", .int64), Field("k", .string, nullable: true), Field("g", .string), Field("v", .double, nullable: true),
            Field("n", .int64),
        ])
        let rows = rows
        let table = LazyTable(schema: schema) {
            Batch(schema: schema, columns: [
                .int64(PrimitiveColumn(values: (0..<rows).map(Int64.init))),
                .string(StringColumn((0..<rows).map { $0 % 11 == 0 ? nil : "k\(($0 * 7) % 613)" })),
                .string(StringColumn((0..<rows).map { ["b", "a", "é", "A", ""][$0 % 5] })),
                .double(PrimitiveColumn(values: (0..<rows).map { Double($0 % 37) / 4 }, validity: (0..<rows).map { $0 % 13 == 0 ? 0 : 1 })),
                .int64(PrimitiveColumn(values: (0..<rows).map { Int64($0 % 3) })),
            ])
        }
        return QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
    }

    func testTheShownEndsRenderAsTheWholeResult() throws {
        let engine = engine()
        let queries = [
            "SELECT id, k, v FROM t ORDER BY v DESC, k",
            "SELECT id, k, v FROM t ORDER BY k NULLS FIRST, n",
            "SELECT k, g FROM t ORDER BY n",
            "SELECT k, count(*) AS c, sum(v) AS s FROM t GROUP BY k ORDER BY c DESC, k",
            "SELECT g, k, count(DISTINCT n) AS d FROM t GROUP BY g, k ORDER BY d, g DESC, k",
            "SELECT k, sum(v) AS s FROM t GROUP BY k ORDER BY s",
            "SELECT k, sum(v) AS s FROM t GROUP BY k",
            "SELECT k, g, sum(v) / count(*) AS mean, 1000 * sum(v) / sum(n) AS per, sum(v) > 3 AS big FROM t GROUP BY k, g",
            "SELECT k, g, sum(n) AS s, CAST(sum(v) AS BIGINT) AS whole FROM t GROUP BY k, g HAVING count(*) > 1",
            "SELECT k, g, CASE WHEN sum(v) IS NULL THEN 'none' ELSE k || g END AS label FROM t GROUP BY k, g",
            "SELECT k, CAST(n AS DOUBLE) AS m, CAST(sum(v) AS VARCHAR) AS text, CAST(count(*) > 8 AS BIGINT) AS many FROM t GROUP BY k, n",
            "SELECT id, k FROM t",
            "SELECT id, k FROM t WHERE n = 1 ORDER BY id DESC",
            "SELECT DISTINCT g, n FROM t ORDER BY n, g",
            "SELECT DISTINCT k FROM t ORDER BY k",
            "SELECT id FROM t ORDER BY id LIMIT 100",
            "SELECT id FROM t ORDER BY id LIMIT 100 OFFSET 10",
            "SELECT id FROM t ORDER BY id OFFSET 4990",
            "SELECT id FROM t ORDER BY id OFFSET 10",
            "SELECT id, k, sum(v) OVER (PARTITION BY k ORDER BY id) AS running FROM t ORDER BY running DESC, id",
            "SELECT id, lag(v) OVER (ORDER BY id) AS previous FROM t",
            "SELECT id FROM t WHERE id < 10 UNION ALL SELECT id FROM t WHERE id > 4000 ORDER BY id DESC",
            "SELECT k FROM t WHERE k IN (SELECT k FROM t ORDER BY k LIMIT 50) ORDER BY k",
            "SELECT g, count(*) AS c FROM t GROUP BY g ORDER BY c",
            "SELECT count(*) AS c FROM t",
        ]
        for query in queries {
            let whole = try engine.run(query)
            for maxRows in [1, 4, 5, 40] {
                guard case .rows(let result) = try engine.execute(query, shown: ShownRows(atMost: maxRows)) else { return XCTFail(query) }
                XCTAssertEqual(result.rowCount, whole.batch.rowCount, query)
                XCTAssertEqual(result.batch.rowCount, min(whole.batch.rowCount, maxRows), "only the shown ends are kept: \(query)")
                let renderer = TableRenderer(maxRows: maxRows)
                XCTAssertEqual(renderer.table(result.batch, rowCount: result.rowCount), renderer.table(whole.batch), "\(maxRows) rows of \(query)")
            }
        }
    }

    /// A select list that fails on some row fails the query however few rows a table shows, the row that fails
    /// among them or not (here one group in the middle overflows).
    func testAnErrorInARowNotShownStillFailsTheQuery() throws {
        let engine = engine()
        let queries = [
            ("SELECT k, count(*) * CASE WHEN min(id) = 600 THEN 9223372036854775807 ELSE 1 END AS big FROM t GROUP BY k", "overflow"),
            ("SELECT k, CAST(CASE WHEN min(id) = 600 THEN 1e300 ELSE 1.5 END AS BIGINT) AS big FROM t GROUP BY k", "out of range"),
        ]
        for (query, message) in queries {
            for shown in [nil, ShownRows(atMost: 4)] {
                XCTAssertThrowsError(try engine.execute(query, shown: shown), "\(String(describing: shown))") { error in
                    XCTAssertTrue("\(error)".contains(message), "\(error)")
                }
            }
        }
    }
}
