import XCTest

@testable import AurumPipeline

/// The dedup index of a run (contract rule 5): the last row added with a key holds it, against a dictionary
/// model, across many growths of the table and with keys that differ in one field only.
final class DedupIndexTests: XCTestCase {
    func testLastRowOfEachKeyHoldsItAgainstAModel() {
        var generator = SplitMix(seed: 42)
        var index = DedupIndex()
        var model: [[Int64]: Int] = [:]
        func key(_ parts: [Int64]) -> SilverKey {
            SilverKey(source: UInt32(parts[0]), account: UInt32(parts[1]), ad: UInt32(parts[2]), date: Int32(parts[3]))
        }
        for row in 0..<200_000 {
            // Few values per field, so that keys repeat and neighbours differ in one field.
            let parts: [Int64] = [Int64.random(in: 0...1, using: &generator), Int64.random(in: 0...30, using: &generator),
                                  Int64.random(in: 0...900, using: &generator), Int64.random(in: -3...20, using: &generator)]
            XCTAssertEqual(index.add(key(parts)), model[parts], "row \(row)")
            model[parts] = row
        }
        XCTAssertEqual(index.count, model.count)
        for (parts, row) in model { XCTAssertEqual(index.row(of: key(parts)), row) }
        XCTAssertNil(index.row(of: key([2, 0, 0, 0])))
        XCTAssertNil(index.row(of: key([0, 31, 0, 0])))
    }
}

