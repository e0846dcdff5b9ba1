import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// Whole-table `count`/`min`/`max` answered from metadata (``MetadataAnswer``) give what a scan gives — on a clean
/// table, after deletes (stale zone maps), with NULLs and on an empty table — and EXPLAIN says which ran.
final class MetadataAnswerTests: XCTestCase {
    private func engine(_ store: Store) throws -> QueryEngine {
        QueryEngine(catalog: try Fixture.catalog(store), today: Date32(iso: "2024-06-01")!)
    }

    /// `sql` over `table`, and the same aggregates over `(SELECT * FROM table)`, which always scans.
    private func assertSameAsScan(_ select: String, from table: String, _ engine: QueryEngine, file: StaticString = #filePath, line: UInt = #line) throws {
        let answered = try engine.run("SELECT \(select) FROM \(table)")
        let scanned = try engine.run("SELECT \(select) FROM (SELECT * FROM \(table)) AS s")
        XCTAssertNotNil(answered.plan.metadataAnswer, "answered from metadata: \(select)", file: file, line: line)
        XCTAssertNil(scanned.plan.metadataAnswer, file: file, line: line)
        XCTAssertEqual(answered.batch.rowCount, 1, file: file, line: line)
        XCTAssertEqual(answered.batch.schema.fields.map(\.type), scanned.batch.schema.fields.map(\.type), file: file, line: line)
        for column in answered.batch.columns.indices {
            XCTAssertEqual(
                answered.batch.columns[column].value(at: 0), scanned.batch.columns[column].value(at: 0),
                "\(select) column \(column)", file: file, line: line)
        }
    }

    private let everyAnswerable = [
        "count(*)", "count(id), count(name), count(amount), count(qty), count(day), count(flag)",
        "min(id), max(id), min(qty), max(qty)", "min(name), max(name)", "min(day), max(day)", "min(flag), max(flag)",
        "count(*), min(day), max(day)", "min(DISTINCT qty), max(DISTINCT name)",
    ]

    func testAnswersEqualAScanOnACleanTable() throws {
        let engine = try engine(try Fixture.store(self))
        for select in everyAnswerable {
            try assertSameAsScan(select, from: "t", engine)
            try assertSameAsScan(select, from: "empty", engine)
        }
        let result = try engine.run("SELECT count(*), min(day), max(name), count(qty) FROM t")
        XCTAssertEqual(result.batch.columns.map { $0.value(at: 0) }, [.int64(10), .date(Date32(iso: "2024-01-01")!), .string("délta ✓"), .int64(9)])
        XCTAssertEqual(result.stats.rowsScanned, 0, "no block decoded")
        let empty = try engine.run("SELECT count(*), min(day), max(name), count(qty) FROM empty")
        XCTAssertEqual(empty.batch.columns.map { $0.value(at: 0) }, [.int64(0), .null, .null, .int64(0)])
    }

    func testAnswersEqualAScanAfterDeletes() throws {
        let store = try Fixture.store(self)
        // Rows 5 (the only 2024-02-29) and 6 (the maximum name, 'délta ✓', and the only NULL qty) of segment 2:
        // the zone maps of that segment now hold values no live row has.
        do {
            let writer = try Store(directory: store.directory, mode: .write)
            let deleting = writer.begin()
            try deleting.delete(rows: [0, 1], segment: 1, of: "t")
            try deleting.commit()
        }
        let engine = try engine(try Store(directory: store.directory, mode: .read))
        for select in everyAnswerable { try assertSameAsScan(select, from: "t", engine) }
        let result = try engine.run("SELECT count(*), max(name), count(qty) FROM t")
        XCTAssertEqual(result.batch.columns.map { $0.value(at: 0) }, [.int64(8), .string("beta"), .int64(8)])
        XCTAssertEqual(result.stats.rowsScanned, 2, "only the row group with deleted rows is decoded (its 2 live rows)")
    }

    func testHavingOrderLimitAndArithmeticRunOverTheAnsweredRow() throws {
        let engine = try engine(try Fixture.store(self))
        let result = try engine.run("SELECT count(*) * 2 AS twice, max(day) - min(day) AS span FROM t HAVING count(*) > 3 ORDER BY 1 LIMIT 5")
        XCTAssertNotNil(result.plan.metadataAnswer)
        XCTAssertEqual(result.batch.columns.map { $0.value(at: 0) }, [.int64(20), .int64(121)])
        XCTAssertEqual(try engine.run("SELECT count(*) FROM t HAVING count(*) > 10").batch.rowCount, 0)
    }

    func testWhatMetadataCannotAnswerIsScanned() throws {
        let engine = try engine(try Fixture.store(self))
        for sql in [
            "SELECT min(amount) FROM t",  // doubles: NaN and signed zeros are ordered by the aggregate, not the footer
            "SELECT count(DISTINCT name) FROM t", "SELECT count(*) FROM t WHERE qty > 2", "SELECT count(*) FROM t GROUP BY flag",
            "SELECT sum(qty) FROM t", "SELECT max(qty + 1) FROM t", "SELECT count(*) FILTER (WHERE flag) FROM t",
            "SELECT count(1) FROM t", "SELECT qty FROM t", "SELECT count(*) FROM t a JOIN t b ON a.id = b.id",
            "SELECT count(*) FROM t WHERE id IN (SELECT id FROM t)", "SELECT count(*), row_number() OVER () FROM t",
        ] {
            XCTAssertNil(try engine.prepare(sql).metadataAnswer, sql)
        }
    }

    func testExplainSaysItWasAnsweredFromMetadata() throws {
        let engine = try engine(try Fixture.store(self))
        guard case .plan(let plan) = try engine.execute("EXPLAIN SELECT count(*), max(day) FROM t") else { return XCTFail("a plan") }
        XCTAssertTrue(plan.hasPrefix("METADATA t → [count(*), max(day)]: answered from metadata, no scan"), plan)
        XCTAssertFalse(plan.contains("SCAN"), plan)
        XCTAssertFalse(plan.contains("AGGREGATE"), plan)
        let analysis = try engine.explain("SELECT count(*) FROM t")
        XCTAssertTrue(analysis.contains("0 of 3 footers read"), analysis)
        let scanned = try engine.explain("SELECT min(amount) FROM t")
        XCTAssertTrue(scanned.hasPrefix("SCAN t"), scanned)
    }
}
