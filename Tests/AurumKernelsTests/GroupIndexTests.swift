import XCTest

@testable import AurumKernels

final class GroupIndexTests: XCTestCase {
    func testDenseIDsInFirstSeenOrder() {
        var index = GroupIndex()
        XCTAssertEqual(index.count, 0)
        XCTAssertEqual(index.id(of: 42), 0)
        XCTAssertEqual(index.id(of: 0), 1)
        XCTAssertEqual(index.id(of: 42), 0)
        XCTAssertEqual(index.id(of: .max), 2)
        XCTAssertEqual(index.id(of: 0), 1)
        XCTAssertEqual(index.count, 3)
        XCTAssertEqual(index.groupKeys, [42, 0, .max])
        XCTAssertEqual(index.existingID(of: .max), 2)
        XCTAssertEqual(index.existingID(of: 0), 1)
        XCTAssertNil(index.existingID(of: 1))
        XCTAssertNil(GroupIndex().existingID(of: 0), "key 0 is not 'present' in an empty table")
    }

    /// From the smallest table (16 slots) to 2^18 slots: 14 doublings, every id checked after all of them.
    func testGrowthAcrossManyResizes() {
        var index = GroupIndex(capacity: 1)
        let keys = (0..<100_000).map { UInt64($0) &* 0x1_0000_0001 }  // sequential-ish keys with structure
        for (position, key) in keys.enumerated() {
            XCTAssertEqual(index.id(of: key), UInt32(position))
        }
        XCTAssertEqual(index.count, keys.count)
        XCTAssertEqual(index.groupKeys, keys)
        var failures = 0
        for (position, key) in keys.enumerated() where index.existingID(of: key) != UInt32(position) || index.id(of: key) != UInt32(position) {
            failures += 1
        }
        XCTAssertEqual(failures, 0)
        XCTAssertEqual(index.count, keys.count, "looking keys up again adds nothing")
        XCTAssertGreaterThanOrEqual(index.slots.count, 2 * index.count, "load stays at or below 50%")
    }

    /// Keys that all hash to the last slot of a 16-slot table force probing to wrap around to slot 0, then a
    /// resize while the cluster is wrapped.
    func testProbingWrapsAround() {
        let shift: UInt64 = 60  // 16 slots
        var colliding: [UInt64] = []
        var candidate: UInt64 = 0
        while colliding.count < 12 {
            if GroupIndex.slot(of: candidate, shift: shift) == 15 { colliding.append(candidate) }
            candidate &+= 1
        }
        var index = GroupIndex(capacity: 1)
        XCTAssertEqual(index.slots.count, 16)
        for (position, key) in colliding.enumerated() {
            XCTAssertEqual(index.id(of: key), UInt32(position))
            for (earlier, earlierKey) in colliding[...position].enumerated() {
                XCTAssertEqual(index.existingID(of: earlierKey), UInt32(earlier))
            }
        }
        XCTAssertEqual(index.groupKeys, colliding)
    }

    func testAgainstDictionaryOnRandomKeys() {
        var generator = SeededGenerator(seed: 31)
        for distinct in [1, 2, 15, 16, 17, 1000, 50_000] {
            // A pool of keys including the edge values, drawn with repeats.
            var pool: [UInt64] = [0, .max, 1, .max - 1, 1 << 63]
            while pool.count < distinct { pool.append(generator.next()) }
            pool = Array(pool.prefix(distinct))
            var index = GroupIndex(capacity: 16)
            var reference: [UInt64: UInt32] = [:]
            var order: [UInt64] = []
            let input = (0..<(distinct * 3)).map { _ in pool.randomElement(using: &generator)! }
            for key in input {
                let expected = reference[key] ?? {
                    let id = UInt32(order.count)
                    reference[key] = id
                    order.append(key)
                    return id
                }()
                XCTAssertEqual(index.id(of: key), expected)
            }
            XCTAssertEqual(index.groupKeys, order)
            for key in pool { XCTAssertEqual(index.existingID(of: key), reference[key]) }
            for _ in 0..<100 {
                let key = generator.next()
                XCTAssertEqual(index.existingID(of: key), reference[key])
            }
        }
    }

    func testBatchIDs() {
        let input: [UInt64] = [7, 0, 7, .max, 0, 3]
        var output = [UInt32](repeating: 99, count: 8)
        var index = GroupIndex()
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { index.ids(of: input, into: $0) }
        }
        XCTAssertEqual(output, [0, 1, 0, 2, 1, 3, 99, 99])
        XCTAssertEqual(index.groupKeys, [7, 0, .max, 3])
    }

    /// Read-only lookups, in pieces on every core and on one: the id of each key seen, `UInt32.max` for the
    /// others, nothing added — over tables small and large enough to prefetch, keys repeated in runs.
    func testExistingIDsAddNothing() {
        var generator = SeededGenerator(seed: 47)
        for known in [0, 10, 40_000, 600_000] {
            var index = GroupIndex(capacity: 16)
            var keys: [UInt64] = [0, .max, 1 << 63]
            while keys.count < known { keys.append(generator.next()) }
            var ids = [UInt32](repeating: 0, count: keys.count)
            keys.withUnsafeBufferPointer { keys in ids.withUnsafeMutableBufferPointer { index.ids(of: keys, into: $0) } }
            var probes: [UInt64] = []
            while probes.count < 100_000 {
                let key = Bool.random(using: &generator) || keys.isEmpty ? generator.next() : keys.randomElement(using: &generator)!
                probes.append(contentsOf: repeatElement(key, count: Int.random(in: 1...3, using: &generator)))
            }
            let expected = probes.map { index.existingID(of: $0) ?? UInt32.max }
            var (onEveryCore, onOne) = ([UInt32](repeating: 7, count: probes.count), [UInt32](repeating: 7, count: probes.count))
            probes.withUnsafeBufferPointer { probes in
                onEveryCore.withUnsafeMutableBufferPointer { index.existingIDsOnEveryCore(of: probes, into: $0) }
                onOne.withUnsafeMutableBufferPointer { index.existingIDs(of: probes, into: $0) }
            }
            XCTAssertEqual(onEveryCore, expected, "\(known) known")
            XCTAssertEqual(onOne, expected, "\(known) known")
            XCTAssertEqual(index.count, keys.count, "\(known) known: nothing added")
        }
    }

    func testCopiesAreIndependent() {
        var original = GroupIndex()
        _ = original.id(of: 1)
        var copy = original
        _ = copy.id(of: 2)
        XCTAssertEqual(original.count, 1)
        XCTAssertNil(original.existingID(of: 2))
        XCTAssertEqual(copy.existingID(of: 2), 1)
    }
}
