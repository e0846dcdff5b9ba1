import AurumCore
import XCTest

final class KeyRowTests: XCTestCase {
    /// Rows compared across two batches (text, dates, integers, doubles with NULLs, booleans) (each with its own dictionary) order as BatchSort orders their union.
    func testAcrossBatchesMatchesBatchSort() {
        var generator = SystemRandomNumberGenerator()
        let words = ["a", "B", "b", "ab", "é", "e\u{301}", "", "zz", "a\u{0}"]
        func batch(_ count: Int) -> Batch {
            let text: [String?] = (0..<count).map { _ in Int.random(in: 0..<10, using: &generator) == 0 ? nil : words.randomElement(using: &generator) }
            let dates = (0..<count).map { _ in Int32.random(in: -3...3, using: &generator) }
            let numbers = (0..<count).map { _ in Int64.random(in: -2...2, using: &generator) }
            let doubles = (0..<count).map { _ in [-1.5, 0, 2.25].randomElement(using: &generator)! }
            let flags = (0..<count).map { _ in UInt8.random(in: 0...1, using: &generator) }
            let validity = (0..<count).map { _ in UInt8(Int.random(in: 0..<8, using: &generator) == 0 ? 0 : 1) }
            return Batch(
                schema: Schema([Field("t", .string, nullable: true), Field("d", .date), Field("n", .int64),
                                Field("x", .double, nullable: true), Field("b", .bool)]),
                columns: [.string(StringColumn(text)), .date(PrimitiveColumn(values: dates)), .int64(PrimitiveColumn(values: numbers)),
                          .double(PrimitiveColumn(values: doubles, validity: validity)), .bool(PrimitiveColumn(values: flags))])
        }
        let (left, right) = (batch(60), batch(70))
        let both = Batch.concatenate([left, right], schema: left.schema)
        let order = BatchSort.order(both, keys: [0, 1, 2, 3, 4].map { BatchSort.Key(column: $0) })
        var rank = [Int](repeating: 0, count: both.rowCount)
        for (position, row) in order.enumerated() { rank[row] = position }
        let (leftKeys, rightKeys) = (KeyRow(left, columns: [0, 1, 2, 3, 4]), KeyRow(right, columns: [0, 1, 2, 3, 4]))
        for a in 0..<left.rowCount {
            for b in 0..<right.rowCount {
                let compared = leftKeys.compare(a, with: rightKeys, b)
                // BatchSort is stable: equal keys keep the left batch first.
                XCTAssertEqual(compared <= 0, rank[a] < rank[left.rowCount + b], "left \(a) against right \(b)")
            }
            for b in 0..<left.rowCount {
                XCTAssertEqual(leftKeys.compare(a, b) < 0, rank[a] < rank[b] && leftKeys.compare(a, b) != 0)
            }
        }
    }
}
