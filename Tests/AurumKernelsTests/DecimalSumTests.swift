import XCTest

@testable import AurumKernels

final class DecimalSumTests: XCTestCase {
    private func sums(_ values: [Double], _ groups: [UInt32], groupCount: Int) -> DecimalSums {
        var sums = DecimalSums()
        sums.grow(to: groupCount)
        values.withUnsafeBufferPointer { v in groups.withUnsafeBufferPointer { sums.add(v, groups: $0) } }
        return sums
    }

    func testDecimalSumsAreExactAndIndependentOfOrder() {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<5000).map { _ in Double(Int.random(in: 0..<10_000_000, using: &generator)) / 100 }  // cents
        let groups = (0..<5000).map { UInt32($0 % 7) }
        let forward = sums(values, groups, groupCount: 7)
        let order = (0..<5000).shuffled()
        let shuffled = sums(order.map { values[$0] }, order.map { groups[$0] }, groupCount: 7)
        for group in 0..<7 {
            XCTAssertEqual(forward.value(group).bitPattern, shuffled.value(group).bitPattern)
            let exactCents = zip(values, groups).filter { $0.1 == UInt32(group) }.reduce(Int64(0)) { $0 + Int64(($1.0 * 100).rounded()) }
            XCTAssertEqual(forward.value(group), Double(exactCents) / 100)
            XCTAssertFalse(forward.cells[group].inexact)
        }
        XCTAssertEqual(sums([0.1, 0.2], [0, 0], groupCount: 1).value(0), 0.3)  // not 0.30000000000000004
    }

    func testValuesWithMorePlacesFallBackToTheDoubleSum() {
        let sums = sums([1.0 / 3.0, 2.5, 1e-7], [0, 1, 1], groupCount: 2)
        XCTAssertEqual(sums.cells.map(\.inexact), [true, true])
        XCTAssertEqual(sums.value(0), 1.0 / 3.0)
        XCTAssertEqual(sums.value(1), 2.5 + 1e-7)
    }

    /// A group that turns inexact starts its double sum from its exact sum so far: 0.1 and 0.2 then 1e-7 is
    /// 0.3 + 1e-7 (0.3000001), not the row-order double sum (0.30000010000000005), in any order of the exact rows.
    func testAnInexactGroupStartsFromItsExactSum() {
        for order in [[0.1, 0.2, 1e-7], [0.2, 0.1, 1e-7]] {
            let cell = sums(order, [0, 0, 0], groupCount: 1).cells[0]
            XCTAssertTrue(cell.inexact)
            XCTAssertEqual(cell.fallback, 0.3000001)
            XCTAssertEqual(cell.count, 3)
        }
        XCTAssertEqual(sums([0.1, 0.2, 1e-7, 0.5], [0, 0, 0, 0], groupCount: 1).value(0), 0.3000001 + 0.5, "later values in row order")
        // Merging: an exact side joins as its exact sum.
        var exact = sums([0.1, 0.2], [0, 0], groupCount: 1)
        exact.merge(sums([1e-7], [0], groupCount: 1), group: 0, into: 0)
        XCTAssertEqual(exact.value(0), 0.3000001)
    }

    func testMergingKeepsExactness() {
        var daily = sums([1.25, 2.5, 0.1, 0.2], [0, 1, 2, 3], groupCount: 4)
        daily.grow(to: 4)
        var weekly = DecimalSums()
        weekly.grow(to: 1)
        for group in 0..<4 { weekly.merge(daily, group: group, into: 0) }
        XCTAssertEqual(weekly.value(0), 4.05)
        let inexactDay = sums([1.0 / 3.0], [0], groupCount: 1)
        weekly.merge(inexactDay, group: 0, into: 0)
        XCTAssertTrue(weekly.cells[0].inexact)
        XCTAssertEqual(weekly.cells[0].count, 5)
    }

    /// The batch merge over buffers gives what merging group by group gives: exact, inexact and overflowing
    /// groups, sources picked or taken in order, and source groups with no value skipped.
    func testMergingInBatchEqualsMergingGroupByGroup() {
        // Group 4 counts no value: skipped.
        let other = sums([1.25, 1.0 / 3.0, 0.1, 4.0, 4.0], [0, 1, 2, 3, 3], groupCount: 5)
        var start = sums([2.5, 0.2, 9.0], [0, 1, 2], groupCount: 3)
        start.cells[2].millionths = Int64.max - 10  // the next exact add overflows
        let targets: [UInt32] = [2, 0, 1, 2, 0]
        for sources in [nil, [0, 1, 2, 3, 4] as [UInt32]] {
            var byGroup = start, inBatch = start
            for index in targets.indices where other.cells[index].count > 0 {
                byGroup.merge(other, group: Int(sources?[index] ?? UInt32(index)), into: Int(targets[index]))
            }
            targets.withUnsafeBufferPointer { targets in
                if let sources {
                    sources.withUnsafeBufferPointer { inBatch.merge(other, groups: $0, into: targets) }
                } else {
                    inBatch.merge(other, groups: nil, into: targets)
                }
            }
            XCTAssertEqual(inBatch.cells.map(\.millionths), byGroup.cells.map(\.millionths))
            XCTAssertEqual(inBatch.cells.map(\.inexact), byGroup.cells.map(\.inexact))
            XCTAssertEqual(inBatch.cells.map(\.fallback), byGroup.cells.map(\.fallback))
            XCTAssertEqual(inBatch.cells.map(\.count), byGroup.cells.map(\.count))
            XCTAssertEqual(inBatch.cells.map(\.inexact), [true, false, true])  // 1/3; exact; overflowed
            XCTAssertEqual(inBatch.cells.map(\.count), [2, 2, 4])
        }
    }
}
