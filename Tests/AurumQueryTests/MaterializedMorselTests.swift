import AurumCore
import XCTest

@testable import AurumQuery

/// A CTE's result larger than one piece reaches the block above in pieces of ``MaterializedTable/morselRows``
/// rows, shared by the workers: the answers are the ones computed here by hand, in row order where the query
/// keeps it, whatever the number of pieces.
final class MaterializedMorselTests: XCTestCase {
    private let rows = 3 * MaterializedTable.morselRows + 1_234
    private let keys = 997

    private func engine() -> QueryEngine {
        let schema = Schema([Field("id", .int64), Field("k", .string), Field("v", .double)])
        let (rows, keys) = (rows, keys)
        let table = LazyTable(schema: schema) {
            Batch(schema: schema, columns: [
                .int64(PrimitiveColumn(values: (0..<rows).map(Int64.init))),
                .string(StringColumn((0..<rows).map { "k\(($0 * 7) % keys)" })),
                .double(PrimitiveColumn(values: (0..<rows).map { Double($0 % 100) / 4 })),
            ])
        }
        return QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
    }

    func testPiecesOfACTEGiveEveryRowOnceInOrder() throws {
        let result = try engine().run("WITH c AS (SELECT id, k FROM t) SELECT id FROM c")
        XCTAssertEqual(result.batch.rowCount, rows)
        guard case .int64(let ids) = result.batch.columns[0] else { return XCTFail("id is BIGINT") }
        XCTAssertEqual(ids.values, (0..<rows).map(Int64.init))
    }

    func testGroupingJoinAndWindowOverPiecesOfACTE() throws {
        let engine = engine()
        var sums = [String: (sum: Double, count: Int64, first: Int64)]()
        for id in 0..<rows {
            let key = "k\((id * 7) % keys)"
            let previous = sums[key] ?? (0, 0, Int64(id))
            sums[key] = (previous.sum + Double(id % 100) / 4, previous.count + 1, previous.first)
        }
        let grouped = try engine.run("WITH c AS (SELECT * FROM t) SELECT k, sum(v) AS s, count(*) AS n, min(id) AS first FROM c GROUP BY k ORDER BY k")
        XCTAssertEqual(grouped.batch.rowCount, keys)
        let expectedKeys = sums.keys.sorted { ExactText.bytesPrecede($0, $1) }
        for (row, key) in expectedKeys.enumerated() {
            XCTAssertEqual(grouped.batch.columns[0].value(at: row), .string(key))
            XCTAssertEqual(grouped.batch.columns[1].value(at: row), .double(sums[key]!.sum))
            XCTAssertEqual(grouped.batch.columns[2].value(at: row), .int64(sums[key]!.count))
            XCTAssertEqual(grouped.batch.columns[3].value(at: row), .int64(sums[key]!.first))
        }

        // Each row joined to its key's count: the sum of id × count over the rows.
        let joined = try engine.run("""
            WITH c AS (SELECT id, k FROM t), n AS (SELECT k, count(*) AS n FROM t GROUP BY k)
            SELECT sum(c.id * n.n) AS total, count(*) AS rows FROM c JOIN n ON c.k = n.k
            """)
        let total = (0..<rows).reduce(Int64(0)) { $0 + Int64($1) * sums["k\(($1 * 7) % keys)"]!.count }
        XCTAssertEqual(joined.batch.columns[0].value(at: 0), .int64(total))
        XCTAssertEqual(joined.batch.columns[1].value(at: 0), .int64(Int64(rows)))

        // Each row's place among its key's rows by id.
        let windowed = try engine.run("WITH c AS (SELECT id, k FROM t) SELECT id, row_number() OVER (PARTITION BY k ORDER BY id) AS r FROM c ORDER BY id")
        guard case .int64(let places) = windowed.batch.columns[1] else { return XCTFail("r is BIGINT") }
        var seen = [String: Int64]()
        let expected = (0..<rows).map { id -> Int64 in
            let key = "k\((id * 7) % keys)"
            seen[key, default: 0] += 1
            return seen[key]!
        }
        XCTAssertEqual(places.values, expected)
    }
}
