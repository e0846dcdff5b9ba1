import XCTest

@testable import AurumKernels

final class MultiKeyGroupIndexTests: XCTestCase {
    /// The model: ids in first-seen order of the whole tuple of codes.
    private struct Reference {
        var ids: [[UInt32]: UInt32] = [:]

        mutating func id(_ key: [UInt32]) -> UInt32 {
            if let id = ids[key] { return id }
            let id = UInt32(ids.count)
            ids[key] = id
            return id
        }
    }

    /// Batches whose codes grow from batch to batch, as a key encoder's do: each batch may use codes up to a
    /// limit that rises, so the fields widen mid-stream and known groups must keep their ids.
    private func check(keyCount: Int, finalLimits: [UInt32], maxBits: Int = 64, batches: Int = 12, rows: Int = 3000,
                       file: StaticString = #filePath, line: UInt = #line) {
        var generator = SeededGenerator(seed: UInt64(keyCount * 1000 + maxBits))
        var index = MultiKeyGroupIndex(keyCount: keyCount, maxBits: maxBits)
        var reference = Reference()
        for batch in 1...batches {
            let limits = finalLimits.map { max(1, UInt32(UInt64($0) * UInt64(batch) / UInt64(batches))) }
            // Skewed codes: most rows repeat a few keys, as clustered data does.
            let codes = limits.map { limit in
                (0..<rows).map { _ in UInt32(generator.next() % UInt64(generator.next() % 4 == 0 ? limit : min(limit, 8))) }
            }
            var groups = [UInt32](repeating: 0, count: rows)
            index.ids(codes: codes, limits: limits, rowCount: rows, into: &groups)
            let expected = (0..<rows).map { row in reference.id(codes.map { $0[row] }) }
            XCTAssertEqual(groups, expected, "batch \(batch)", file: file, line: line)
            XCTAssertEqual(index.count, reference.ids.count, "batch \(batch)", file: file, line: line)
        }
    }

    func testSmallKeySpaceIsLookedUpDirectly() {
        check(keyCount: 3, finalLimits: [2, 4, 3000])  // 1 + 2 + 12 bits
    }

    func testWideKeySpaceIsHashed() {
        check(keyCount: 4, finalLimits: [2, 4, 3000, 100_000])  // 1 + 2 + 12 + 17 bits
    }

    /// More bits than a packed key holds: the index turns to pairwise combining mid-stream and keeps its ids.
    func testOutgrowingThePackedWidthFallsBackToPairs() {
        check(keyCount: 3, finalLimits: [40, 300, 5000], maxBits: 16)
    }

    /// Keys packed by the caller at ``MultiKeyGroupIndex/fieldShifts(limits:)`` give the ids the index gives
    /// when it packs them, and ``MultiKeyGroupIndex/keyCodes(ofGroups:)`` gives each new group's codes back.
    func testPackedKeysGiveTheSameIdsAndTheirCodesBack() {
        var generator = SeededGenerator(seed: 77)
        var packedIndex = MultiKeyGroupIndex(keyCount: 3)
        var codesIndex = MultiKeyGroupIndex(keyCount: 3)
        var codesOfGroups: [[UInt32]] = [[], [], []]
        for batch in 1...8 {
            let limits: [UInt32] = [3, UInt32(40 * batch), UInt32(9000 * batch)]
            let rows = 2000
            let codes = limits.map { limit in (0..<rows).map { _ in UInt32(generator.next() % UInt64(limit)) } }
            var expected = [UInt32](repeating: 0, count: rows)
            codesIndex.ids(codes: codes, limits: limits, rowCount: rows, into: &expected)
            guard let shifts = packedIndex.fieldShifts(limits: limits) else { return XCTFail("64 bits hold these keys") }
            let packed = (0..<rows).map { row in (0..<3).reduce(UInt64(0)) { $0 | UInt64(codes[$1][row]) << UInt64(shifts[$1]) } }
            let known = packedIndex.count
            var groups = [UInt32](repeating: 0, count: rows)
            packed.withUnsafeBufferPointer { packed in groups.withUnsafeMutableBufferPointer { packedIndex.ids(packed: packed, into: $0) } }
            XCTAssertEqual(groups, expected, "batch \(batch)")
            let fresh = packedIndex.keyCodes(ofGroups: known..<packedIndex.count)
            for key in 0..<3 { codesOfGroups[key] += fresh[key] }
            for row in 0..<rows {
                for key in 0..<3 where codesOfGroups[key][Int(groups[row])] != codes[key][row] {
                    return XCTFail("batch \(batch), row \(row): group \(groups[row]) has another code for key \(key)")
                }
            }
        }
    }

    func testTwoKeysAndSingleValuedKeys() {
        check(keyCount: 2, finalLimits: [1, 1])
        check(keyCount: 2, finalLimits: [1, 70_000])
        check(keyCount: 5, finalLimits: [1, 9, 1, 33, 2])
    }

    /// Fields widen exactly while the keys are looked up directly; once hashed, a field that widens takes three
    /// bits more (so its codes can grow eightfold before the groups are entered again), unless that would pass
    /// the packed width, where it takes what it needs.
    func testWideningLeavesRoomOnceHashed() {
        let widths = MultiKeyGroupIndex.widths
        XCTAssertEqual(widths([1, 6, 5], [0, 0, 0], 20, 64), [1, 6, 5])  // 12 bits: direct
        XCTAssertEqual(widths([1, 10, 12], [1, 6, 5], 20, 64), [1, 13, 15])  // hashed: the two that grow get room
        XCTAssertEqual(widths([1, 13, 16], [1, 13, 15], 20, 64), [1, 13, 19])  // only the one that outgrew its field
        XCTAssertEqual(widths([30, 30], [0, 0], 20, 64), [30, 30])  // no room within 64 bits: what it needs
        XCTAssertEqual(widths([1, 2], [4, 0], 2, 12), [4, 5])
    }
}
