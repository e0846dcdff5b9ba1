import AurumCore
import XCTest

final class CSVLineSlabsTests: XCTestCase {
    /// Stretches asked for in ascending order — short and long, some rows skipped, some crossing slabs — give the
    /// bytes ``CSVWriter`` writes for those rows, for text that needs quoting or the formula guard, doubles and
    /// NULLs.
    func testStretchesMatchTheWriter() {
        var generator = SeededGenerator(seed: 9)
        let words = ["plain", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1)", "", "ação ✨"]
        let count = CSVLineSlabs.slabRows * 2 + 1_234
        let text: [String?] = (0..<count).map { _ in Int.random(in: 0..<9, using: &generator) == 0 ? nil : words.randomElement(using: &generator) }
        let doubles = (0..<count).map { _ in Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 1_000 }
        let validity = (0..<count).map { _ in UInt8(Int.random(in: 0..<7, using: &generator) == 0 ? 0 : 1) }
        let days = (0..<count).map { _ in Int32.random(in: 19_000...19_500, using: &generator) }
        let batch = Batch(
            schema: Schema([Field("t", .string, nullable: true), Field("x", .double, nullable: true), Field("d", .date)]),
            columns: [.string(StringColumn(text)), .double(PrimitiveColumn(values: doubles, validity: validity)), .date(PrimitiveColumn(values: days))])
        for writer in [CSVWriter(), CSVWriter(formulaGuard: .none)] {
            var slabs = CSVLineSlabs(batch, writer: writer)
            var written: [UInt8] = []
            var asked: [Int] = []
            var next = 0
            while next < count {
                let length = [1, 3, 60, 5_000, 40_000].randomElement(using: &generator)!
                let rows = next..<min(count, next + length)
                slabs.write(rows, into: &written)
                asked += rows
                next = rows.upperBound + (Bool.random(using: &generator) ? 0 : Int.random(in: 1...100, using: &generator))
            }
            var expected: [UInt8] = []
            writer.rows(batch, order: asked, into: &expected)
            XCTAssertTrue(written == expected, "\(writer.formulaGuard): \(written.count) bytes against \(expected.count)")
        }
    }
}
