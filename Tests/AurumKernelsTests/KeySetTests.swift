import XCTest

@testable import AurumKernels

final class KeySetTests: XCTestCase {
    private func insert(_ keys: [UInt64], into set: inout KeySet) -> [Bool] {
        var added = [Bool](repeating: false, count: keys.count)
        keys.withUnsafeBufferPointer { keys in added.withUnsafeMutableBufferPointer { set.insert(keys, added: $0) } }
        return added
    }

    private func contains(_ keys: [UInt64], in set: KeySet) -> [Bool] {
        var found = [Bool](repeating: true, count: keys.count)
        keys.withUnsafeBufferPointer { keys in found.withUnsafeMutableBufferPointer { set.contains(keys, into: $0) } }
        return found
    }

    func testFirstSightsAndOrder() {
        var set = KeySet(capacity: 1)
        XCTAssertEqual(insert([7, 0, 7, 3, 0], into: &set), [true, true, false, true, false])
        XCTAssertEqual(insert([3, 9, 9], into: &set), [false, true, false])
        XCTAssertEqual(set.keys, [7, 0, 3, 9])
        XCTAssertEqual(set.count, 4)
        XCTAssertEqual(contains([0, 1, 9, UInt64.max - 1], in: set), [true, false, true, false])
    }

    /// Against a reference set, in batches of every size (runs that cross the table's growth), with few keys and
    /// with enough to pass the size where the slots ahead are prefetched.
    func testAgreesWithAReferenceSetAcrossGrowth() {
        var generator = SeededGenerator(seed: 5)
        for distinct in [10, 5_000, 400_000] {
            let pool = (0..<distinct).map { _ in generator.next() >> 1 }
            var set = KeySet()
            var reference = Set<UInt64>()
            var order: [UInt64] = []
            var remaining = (0..<(distinct * 2)).map { _ in pool.randomElement(using: &generator)! }
            while !remaining.isEmpty {
                let batch = Array(remaining.prefix(Int.random(in: 1...50_000, using: &generator)))
                remaining.removeFirst(batch.count)
                let expected = batch.map { key in
                    guard reference.insert(key).inserted else { return false }
                    order.append(key)
                    return true
                }
                XCTAssertEqual(insert(batch, into: &set), expected, "\(distinct) keys")
            }
            XCTAssertEqual(set.keys, order)
            XCTAssertGreaterThanOrEqual(set.slots.count, distinct < 100_000 ? 0 : GroupIndex.prefetchFromSlots)
            let probes = Array(pool.prefix(1_000)) + (0..<1_000).map { _ in generator.next() >> 1 }
            XCTAssertEqual(contains(probes, in: set), probes.map(reference.contains), "\(distinct) keys")
        }
    }
}
