import AurumCore
import AurumKernels
import AurumStorage
import Foundation
import XCTest

@testable import AurumQuery

/// `sum`/`avg` of money over a whole stored table come from the blocks' stored integers (``StoredDecimalSums``)
/// and must equal, bit for bit, what ``DecimalSums`` gives over the decoded live rows — the path a query with a
/// WHERE clause still takes — across segments, row groups, NULLs, deleted rows, negative values and scales.
final class StoredDecimalSumsTests: XCTestCase {
    private let schema = Schema([
        Field("money", .double, nullable: true), Field("cents", .double), Field("plain", .double), Field("id", .int64),
    ])

    /// A store of `t`: 300,000 rows in segments of 140,000 (row groups of 131,072), some rows deleted, `money`
    /// NULL on every 11th row; `plain` of the last segment holds a non-decimal.
    private func store() throws -> Store {
        let directory = NSTemporaryDirectory() + "aurum-stored-sums-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let rows = 300_000
        let writer = try Store(directory: directory, mode: .write)
        let transaction = writer.begin()
        transaction.segmentRows = 140_000
        try transaction.ensureTable("t", schema: schema)
        let money: [Double] = (0..<rows).map { Double(($0 &* 7_919) % 2_000_003 - 1_000_000) / 10_000 }
        try transaction.append(Batch(schema: schema, columns: [
            .double(PrimitiveColumn(values: (0..<rows).map { $0 % 11 == 0 ? 0 : money[$0] }, validity: (0..<rows).map { $0 % 11 == 0 ? 0 : 1 })),
            .double(PrimitiveColumn(values: (0..<rows).map { Double($0 % 1_000 + 7) / 100 })),
            .double(PrimitiveColumn(values: (0..<rows).map { $0 == rows - 1 ? 1.0 / 3.0 : Double($0 % 7) / 10 })),
            .int64(PrimitiveColumn(values: (0..<rows).map(Int64.init))),
        ]), to: "t")
        try transaction.commit()
        let deleting = writer.begin()
        try deleting.delete(rows: [0, 5, 131_071, 131_072, 139_999], segment: 0, of: "t")
        try deleting.delete(rows: Array(stride(from: 3, to: 140_000, by: 97)), segment: 1, of: "t")
        try deleting.commit()
        return try Store(directory: directory, mode: .read)
    }

    private func engine(_ store: Store) throws -> QueryEngine {
        let table = try StoreTable(store: store, name: "t", decimalColumns: ["money", "cents", "plain"])
        return QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
    }

    /// The slow path by hand: the live rows decoded, then ``DecimalSums`` as ``DecimalSumAggregate`` feeds it.
    private func decodedSum(_ store: Store, _ column: String) throws -> (sum: Double, count: Int) {
        var sums = DecimalSums()
        sums.grow(to: 1)
        var count = 0
        try store.scan("t", columns: [column]) { batch in
            guard case .double(let values) = batch.columns[0] else { return XCTFail("DOUBLE") }
            let live = (0..<values.count).filter { !values.isNull($0) }.map { values.values[$0] }
            live.withUnsafeBufferPointer { live in
                [UInt32](repeating: 0, count: live.count).withUnsafeBufferPointer { sums.add(live, groups: $0) }
            }
            count += live.count
        }
        return (sums.value(0), count)
    }

    func testWholeTableSumsEqualTheDecodedRowsBitForBit() throws {
        let store = try store()
        var ignored = ScanStats()
        var monitor = ExecutionMonitor(plan: try engine(store).prepare("SELECT 1"), cancellation: nil, progress: nil)
        let query = "SELECT sum(money), avg(money), sum(cents), avg(cents) FROM t"
        XCTAssertNotNil(try StoredDecimalSums.aggregate(
            try engine(store).prepare(query), stats: &ignored, monitor: &monitor), "the stored integers are summed")
        let result = try engine(store).run(query)
        XCTAssertEqual(result.stats.rowsScanned, try store.table("t").liveRowCount)
        let values = result.batch.columns.map { $0.doubleValues.values[0] }
        let money = try decodedSum(store, "money")
        let cents = try decodedSum(store, "cents")
        XCTAssertEqual(values[0].bitPattern, money.sum.bitPattern)
        XCTAssertEqual(values[1].bitPattern, (money.sum / Double(money.count)).bitPattern)
        XCTAssertEqual(values[2].bitPattern, cents.sum.bitPattern)
        XCTAssertEqual(values[3].bitPattern, (cents.sum / Double(cents.count)).bitPattern)
        // The same query through the scan (a WHERE keeps every row): the same bits.
        let scanned = try engine(store).run(
            "SELECT sum(money), avg(money), sum(cents), avg(cents) FROM t WHERE id >= 0")
        XCTAssertEqual(scanned.batch.columns.map { $0.doubleValues.values[0].bitPattern }, values.map(\.bitPattern))
        // Asked again, the sums come from the cache: the same bits.
        let again = try engine(store).run(query)
        XCTAssertEqual(again.batch.columns.map { $0.doubleValues.values[0].bitPattern }, values.map(\.bitPattern))
    }

    func testOnlyWholeTableMoneySumsTakeTheStoredIntegers() throws {
        let store = try store()
        let engine = try engine(store)
        var stats = ScanStats()
        var monitor = ExecutionMonitor(plan: try engine.prepare("SELECT 1"), cancellation: nil, progress: nil)
        for (query, fused) in [
            ("SELECT sum(money), avg(cents) FROM t", true),
            ("SELECT sum(money) FROM t WHERE id > 5", false),
            ("SELECT id % 2, sum(money) FROM t GROUP BY 1", false),
            ("SELECT sum(money), count(*) FROM t", false),
            ("SELECT sum(DISTINCT money) FROM t", false),
            ("SELECT sum(money) FILTER (WHERE id > 5) FROM t", false),
            ("SELECT sum(money * 2) FROM t", false),
            ("SELECT sum(plain) FROM t", false),
        ] {
            let plan = try engine.prepare(query)
            XCTAssertEqual(try StoredDecimalSums.aggregate(plan, stats: &stats, monitor: &monitor) != nil, fused, query)
        }
    }

    func testAnEmptyTableSumsToNull() throws {
        let directory = NSTemporaryDirectory() + "aurum-stored-sums-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try Store(directory: directory, mode: .write)
        let transaction = writer.begin()
        try transaction.ensureTable("t", schema: schema)
        try transaction.append(Batch(schema: schema, columns: [
            .double(PrimitiveColumn(values: [1.25])), .double(PrimitiveColumn(values: [2.5])),
            .double(PrimitiveColumn(values: [0.5])), .int64(PrimitiveColumn(values: [1])),
        ]), to: "t")
        try transaction.commit()
        let deleting = writer.begin()
        try deleting.delete(rows: [0], segment: 0, of: "t")
        try deleting.commit()
        let result = try engine(try Store(directory: directory, mode: .read)).run("SELECT sum(money), avg(cents) FROM t")
        XCTAssertEqual(result.batch.columns.map { $0.isNull(0) }, [true, true])
    }
}
