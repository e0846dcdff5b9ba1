import AurumCore
import XCTest

@testable import AurumQuery

/// The window operator over enough rows that its partitions are computed in slices on several cores
/// (``WindowPartitions/sliceRows``): every value equals one computed partition by partition here.
final class WindowOperatorTests: XCTestCase {
    func testSlicedPartitionsGiveEachRowItsPartitionsValues() throws {
        let rowCount = 4 * WindowPartitions.sliceRows + 123
        var generator = SystemRandomNumberGenerator()
        var groups = PrimitiveColumnBuilder<Int64>(zero: 0)
        var values = PrimitiveColumnBuilder<Int64>(zero: 0)
        var amounts = PrimitiveColumnBuilder<Double>(zero: 0)
        var rows: [(group: Int64?, key: Int64, value: Int64?, amount: Double?)] = []
        for key in (0..<Int64(rowCount)).shuffled() {
            // Partitions of very different sizes (one holds half the rows), and a NULL partition.
            let roll = Int.random(in: 0..<100, using: &generator)
            let group: Int64? = roll < 50 ? 0 : roll < 52 ? nil : Int64(roll)
            let value: Int64? = Int.random(in: 0..<10, using: &generator) == 0 ? nil : Int64.random(in: -1000...1000, using: &generator)
            let amount: Double? = Int.random(in: 0..<10, using: &generator) == 0 ? nil : Double(Int.random(in: 0...100_000, using: &generator)) / 100
            groups.append(group)
            values.append(value)
            amounts.append(amount)
            rows.append((group, key, value, amount))
        }
        let batch = Batch(
            schema: Schema([Field("g", .int64, nullable: true), Field("k", .int64), Field("v", .int64, nullable: true), Field("a", .double, nullable: true)]),
            columns: [.int64(groups.finish()), .int64(PrimitiveColumn(values: rows.map(\.key))), .int64(values.finish()), .double(amounts.finish())])
        let engine = QueryEngine(catalog: DictionaryCatalog(["big": MaterializedTable(batch)]), today: Date32(days: 0))
        let result = try engine.run("""
            SELECT k, row_number() OVER (PARTITION BY g ORDER BY k) AS rn,
                   sum(v) OVER (PARTITION BY g ORDER BY k ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3,
                   lag(v, 1, -1) OVER (PARTITION BY g ORDER BY k) AS previous,
                   max(a) OVER (PARTITION BY g ORDER BY k) AS highest,
                   count(*) OVER (PARTITION BY g) AS size
            FROM big
            """).batch

        var expected: [Int64: (rn: Int64, s3: Int64?, previous: Int64?, highest: Double?, size: Int64)] = [:]
        for group in Set(rows.map(\.group)) {
            let members = rows.filter { $0.group == group }.sorted { $0.key < $1.key }
            var highest: Double?
            for (index, row) in members.enumerated() {
                let window = members[max(0, index - 2)...index].compactMap(\.value)
                if let amount = row.amount { highest = max(highest ?? amount, amount) }
                expected[row.key] = (Int64(index + 1), window.isEmpty ? nil : window.reduce(0, +),
                                     index == 0 ? -1 : members[index - 1].value, highest, Int64(members.count))
            }
        }
        XCTAssertEqual(result.rowCount, rowCount)
        for row in 0..<result.rowCount {
            guard case .int64(let key) = result.columns[0].value(at: row), let want = expected[key] else { return XCTFail("row \(row)") }
            XCTAssertEqual(result.columns[1].value(at: row), .int64(want.rn))
            XCTAssertEqual(result.columns[2].value(at: row), want.s3.map(Value.int64) ?? .null)
            XCTAssertEqual(result.columns[3].value(at: row), want.previous.map(Value.int64) ?? .null)
            XCTAssertEqual(result.columns[4].value(at: row), want.highest.map(Value.double) ?? .null)
            XCTAssertEqual(result.columns[5].value(at: row), .int64(want.size))
        }
    }
}
