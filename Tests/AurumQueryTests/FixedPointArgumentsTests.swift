import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// Grouped sums of money read as millionths (``FixedPointArguments``) equal, bit for bit, the same sums over the
/// decoded doubles — across segments, NULLs, deleted rows, a block of plain doubles, runs and scattered groups —
/// and only columns that nothing else reads are read so.
final class FixedPointArgumentsTests: XCTestCase {
    private let schema = Schema([
        Field("money", .double, nullable: true), Field("cents", .double), Field("plain", .double), Field("id", .int64),
    ])

    /// 200,000 rows in segments of 70,000, `money` NULL on every 11th row and holding values near 2^50
    /// millionths, some rows deleted; `plain`'s second segment holds a value that is no decimal.
    private func engine() throws -> QueryEngine {
        let directory = NSTemporaryDirectory() + "aurum-fixed-point-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let rows = 200_000
        let writer = try Store(directory: directory, mode: .write)
        let transaction = writer.begin()
        transaction.segmentRows = 70_000
        try transaction.ensureTable("t", schema: schema)
        var money: [Double] = []
        var cents: [Double] = []
        var plain: [Double] = []
        var validity: [UInt8] = []
        for row in 0..<rows {
            let near: Int64 = (1 << 50) - 1 - Int64(row)
            let spread: Int64 = Int64((row &* 7_919) % 2_000_003) - 1_000_000
            validity.append(row % 11 == 0 ? 0 : 1)
            money.append(row % 11 == 0 ? 0 : row % 1_000 == 7 ? Double(near) / 1_000_000 : Double(spread) / 10_000)
            cents.append(Double(row % 1_000 + 7) / 100)
            plain.append(row == 100_000 ? 1.0 / 3.0 : Double(row % 7) / 10)
        }
        let columns: [Column] = [
            .double(PrimitiveColumn(values: money, validity: validity)), .double(PrimitiveColumn(values: cents)),
            .double(PrimitiveColumn(values: plain)), .int64(PrimitiveColumn(values: (0..<rows).map(Int64.init))),
        ]
        try transaction.append(Batch(schema: schema, columns: columns), to: "t")
        // A small table to join: `k` 0…6, and `v` a DOUBLE equal to some of `t.cents`.
        let small = Schema([Field("k", .int64), Field("v", .double)])
        try transaction.ensureTable("k", schema: small)
        try transaction.append(Batch(schema: small, columns: [
            .int64(PrimitiveColumn(values: Array(0..<7))), .double(PrimitiveColumn(values: (0..<7).map { Double($0 * 3 + 7) / 100 })),
        ]), to: "k")
        try transaction.commit()
        let deleting = writer.begin()
        try deleting.delete(rows: Array(stride(from: 3, to: 70_000, by: 97)), segment: 1, of: "t")
        try deleting.commit()
        let store = try Store(directory: directory, mode: .read)
        let table = try StoreTable(store: store, name: "t", decimalColumns: ["money", "cents", "plain"])
        let keys = try StoreTable(store: store, name: "k")
        return QueryEngine(catalog: DictionaryCatalog(["t": table, "k": keys]), today: Date32(days: 0))
    }

    private func positions(_ engine: QueryEngine, _ query: String) throws -> [String] {
        let plan = try engine.prepare(query)
        return FixedPointArguments.positions(plan).keys.map { plan.source.schema.fields[plan.scanColumns[$0]].name }.sorted()
    }

    func testOnlyColumnsNothingElseReadsAreReadAsMillionths() throws {
        let engine = try engine()
        for (query, columns) in [
            ("SELECT id % 7, sum(money), avg(cents) FROM t GROUP BY 1", ["cents", "money"]),
            ("SELECT sum(money) FROM t WHERE id > 5", ["money"]),
            ("SELECT id % 7, sum(money), min(money), sum(cents) FROM t GROUP BY 1", ["cents"]),
            ("SELECT sum(money) FROM t WHERE money > 0", []),
            ("SELECT money, sum(cents) FROM t GROUP BY 1", ["cents"]),
            ("SELECT sum(DISTINCT money), sum(cents) FROM t", ["cents"]),
            ("SELECT sum(money) FILTER (WHERE cents > 1) FROM t", ["money"]),
            ("SELECT sum(money * 2), sum(plain) FROM t", ["plain"]),
            ("SELECT count(money), sum(money) FROM t", []),
            ("SELECT id, money FROM t", []),
        ] {
            XCTAssertEqual(try positions(engine, query), columns, query)
        }
    }

    func testGroupedSumsEqualTheDecodedDoublesBitForBit() throws {
        let engine = try engine()
        // `min(x)` reads each column as doubles, so the second query of each pair takes the usual path.
        for (keys, filter) in [("id / 1000", ""), ("id % 13", ""), ("id % 2", " WHERE id % 3 = 0"), ("id / 50", " WHERE id > 1000")] {
            let sums = "sum(money), avg(money), sum(cents), avg(cents), sum(plain), sum(money) FILTER (WHERE id % 5 = 1)"
            let fixed = try engine.run("SELECT \(keys) AS g, \(sums) FROM t\(filter) GROUP BY 1 ORDER BY 1")
            let decoded = try engine.run(
                "SELECT \(keys) AS g, \(sums), min(money), min(cents), min(plain) FROM t\(filter) GROUP BY 1 ORDER BY 1")
            XCTAssertGreaterThan(fixed.batch.rowCount, 1)
            XCTAssertEqual(fixed.batch.rowCount, decoded.batch.rowCount, keys)
            for column in 1..<fixed.batch.columns.count {
                let ours = fixed.batch.columns[column]
                let theirs = decoded.batch.columns[column]
                XCTAssertEqual(ours.doubleValues.values.map(\.bitPattern), theirs.doubleValues.values.map(\.bitPattern), "\(keys) column \(column)")
                XCTAssertEqual((0..<ours.count).map(ours.isNull), (0..<theirs.count).map(theirs.isNull), "\(keys) column \(column)")
            }
        }
    }

    /// Over a join, the probe side's money columns are read as millionths too (the join's keys and the build
    /// side's columns as usual): the same sums as through the doubles — with the hash table on either side, and
    /// with a summed column that is also the join's key.
    func testSumsOverAJoinEqualTheDecodedDoublesBitForBit() throws {
        let engine = try engine()
        XCTAssertTrue(try engine.explain("SELECT sum(t.money) FROM k JOIN t ON k.k = t.id % 7").contains("hash table on the left side"))
        let sums = "sum(t.money), avg(t.money), sum(t.cents), sum(t.plain)"
        for (join, keys) in [
            ("FROM t JOIN (SELECT id % 7 AS k, min(id) AS first FROM t GROUP BY 1) f ON t.id % 7 = f.k", "f.first"),
            ("FROM t JOIN (SELECT id % 7 AS k, min(id) AS first FROM t GROUP BY 1) f ON t.id % 7 = f.k", "t.id / 5000"),
            ("FROM k JOIN t ON k.k = t.id % 7", "k.k"),
            ("FROM k JOIN t ON k.v = t.cents", "k.k"),
        ] {
            let fixed = try engine.run("SELECT \(keys) AS g, \(sums) \(join) GROUP BY 1 ORDER BY 1")
            let decoded = try engine.run("SELECT \(keys) AS g, \(sums), min(t.money), min(t.cents), min(t.plain) \(join) GROUP BY 1 ORDER BY 1")
            XCTAssertGreaterThan(fixed.batch.rowCount, 1)
            XCTAssertEqual(fixed.batch.rowCount, decoded.batch.rowCount, keys)
            for column in 1..<fixed.batch.columns.count {
                XCTAssertEqual(
                    fixed.batch.columns[column].doubleValues.values.map(\.bitPattern),
                    decoded.batch.columns[column].doubleValues.values.map(\.bitPattern), "\(keys) column \(column)")
            }
        }
    }
}
