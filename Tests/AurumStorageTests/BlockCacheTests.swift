import AurumCore
import XCTest

@testable import AurumStorage

final class BlockCacheTests: XCTestCase {
    private func column(_ rows: Int, _ value: Double) -> Column {
        .double(PrimitiveColumn(values: [Double](repeating: value, count: rows)))
    }

    func testHitsReturnTheDecodedColumn() {
        let cache = BlockCache(capacity: 1 << 20)
        let key = BlockCache.Key(file: "tables/t/00000001-0001.seg", rowGroup: 2, column: 3)
        XCTAssertNil(cache.column(key))
        cache.insert(column(100, 1.5), for: key)
        guard case .double(let values)? = cache.column(key) else { return XCTFail("a hit") }
        XCTAssertEqual(values.values, [Double](repeating: 1.5, count: 100))
        XCTAssertNil(cache.column(BlockCache.Key(file: key.file, rowGroup: 2, column: 4)), "another column")
        XCTAssertEqual(cache.bytesHeld, 800)
    }

    /// Past its capacity the cache drops the least recently used blocks first, and never holds more than it may.
    func testEvictsLeastRecentlyUsedWithinCapacity() {
        let cache = BlockCache(capacity: 80_000)  // ten blocks of 8,000 bytes
        func key(_ index: Int) -> BlockCache.Key { BlockCache.Key(file: "f\(index)", rowGroup: 0, column: 0) }
        for index in 0..<10 { cache.insert(column(1_000, Double(index)), for: key(index)) }
        _ = cache.column(key(0))  // recently used again
        cache.insert(column(1_000, 10), for: key(10))
        XCTAssertLessThanOrEqual(cache.bytesHeld, 80_000)
        XCTAssertNotNil(cache.column(key(0)), "recently used")
        XCTAssertNotNil(cache.column(key(10)), "just inserted")
        XCTAssertNil(cache.column(key(1)), "least recently used")
    }

    func testBlocksLargerThanAnEighthAreNotKept() {
        let cache = BlockCache(capacity: 8_000)
        cache.insert(column(1_000, 1), for: BlockCache.Key(file: "big", rowGroup: 0, column: 0))
        XCTAssertEqual(cache.bytesHeld, 0)
    }
}
