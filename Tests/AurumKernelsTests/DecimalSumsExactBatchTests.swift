import XCTest

@testable import AurumKernels

/// The whole-batch integer path of ``DecimalSums/add(_:groups:)`` against the row-by-row check it skips: bit for
/// bit the same sums, flags and fallbacks.
final class DecimalSumsExactBatchTests: XCTestCase {
    /// A random decimal of 0 to 6 places, either sign, zero included, up to the largest exact magnitude.
    private func decimal(using generator: inout some RandomNumberGenerator) -> Double {
        let places = Int.random(in: 0...6, using: &generator)
        let power = (0..<places).reduce(1.0) { value, _ in value * 10 }
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: return 0
        case 1: return -0.0
        case 2:  // millionths just under 2^50: the edge of the exact range
            return Double(Int64.random(in: -(1 << 50) + 1...(1 << 50) - 1, using: &generator)) / 1_000_000
        default:
            return Double(Int64.random(in: -100_000_000...100_000_000, using: &generator)) / power
        }
    }

    private func bothWays(_ batches: [([Double], [UInt32])], groupCount: Int) -> (fast: DecimalSums, slow: DecimalSums) {
        var fast = DecimalSums()
        var slow = DecimalSums()
        fast.grow(to: groupCount)
        slow.grow(to: groupCount)
        for (values, groups) in batches {
            values.withUnsafeBufferPointer { values in
                groups.withUnsafeBufferPointer { groups in
                    fast.add(values, groups: groups)
                    slow.addRowByRow(values, groups: groups)
                }
            }
        }
        return (fast, slow)
    }

    private func assertIdentical(_ fast: DecimalSums, _ slow: DecimalSums, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(fast.cells.map(\.millionths), slow.cells.map(\.millionths), file: file, line: line)
        XCTAssertEqual(fast.cells.map(\.inexact), slow.cells.map(\.inexact), file: file, line: line)
        XCTAssertEqual(fast.cells.map(\.fallback.bitPattern), slow.cells.map(\.fallback.bitPattern), file: file, line: line)
        XCTAssertEqual(fast.cells.map(\.count), slow.cells.map(\.count), file: file, line: line)
        for group in 0..<fast.count {
            XCTAssertEqual(fast.value(group).bitPattern, slow.value(group).bitPattern, file: file, line: line)
        }
    }

    func testExactBatchesAgreeWithTheRowByRowCheckBitForBit() {
        var generator = SystemRandomNumberGenerator()
        let groupCount = 1_000
        let batches = (0..<20).map { _ in
            let rows = Int.random(in: 0...3_000, using: &generator)
            let values = (0..<rows).map { _ in decimal(using: &generator) }
            let groups = (0..<rows).map { _ in UInt32.random(in: 0..<UInt32(groupCount), using: &generator) }
            return (values, groups)
        }
        for (values, _) in batches {
            values.withUnsafeBufferPointer { values in
                withUnsafeTemporaryAllocation(of: Int64.self, capacity: values.count) { scaled in
                    XCTAssertTrue(DecimalSums.scaleExactly(values, into: scaled))
                }
            }
        }
        let (fast, slow) = bothWays(batches, groupCount: groupCount)
        assertIdentical(fast, slow)
    }

    func testABatchWithAnyInexactValueTakesTheRowByRowPath() {
        var generator = SystemRandomNumberGenerator()
        for odd in [1.0 / 3.0, 1e-7, 2e9, -2e9, .nan, .infinity, -.infinity] {
            var values = (0..<500).map { _ in decimal(using: &generator) }
            values[Int.random(in: 0..<500, using: &generator)] = odd
            let groups = (0..<500).map { _ in UInt32.random(in: 0..<37, using: &generator) }
            values.withUnsafeBufferPointer { values in
                withUnsafeTemporaryAllocation(of: Int64.self, capacity: values.count) { scaled in
                    XCTAssertFalse(DecimalSums.scaleExactly(values, into: scaled), "\(odd)")
                }
            }
            let (fast, slow) = bothWays([(values, groups)], groupCount: 37)
            XCTAssertGreaterThan(slow.cells.filter(\.inexact).count, 0)
            XCTAssertEqual(fast.cells.map(\.millionths), slow.cells.map(\.millionths))
            XCTAssertEqual(fast.cells.map(\.inexact), slow.cells.map(\.inexact))
            XCTAssertEqual(fast.cells.map(\.fallback.bitPattern), slow.cells.map(\.fallback.bitPattern))
            XCTAssertEqual(fast.cells.map(\.count), slow.cells.map(\.count))
        }
    }

    func testOverflowMarksTheGroupInexactOnEitherPath() {
        let big = Double((1 << 50) - 1) / 1_000_000
        let values = Array(repeating: big, count: 20_000)  // 10,000 per group: past Int64's 2^63 millionths
        let groups = (0..<20_000).map { UInt32($0 % 2) }
        let (fast, slow) = bothWays([(values, groups)], groupCount: 3)
        assertIdentical(fast, slow)
        XCTAssertEqual(fast.cells.map(\.inexact), [true, true, false])
        XCTAssertEqual(fast.cells.map(\.count), [10_000, 10_000, 0])
    }

    /// Groups in runs (rows sorted by their keys), which ``DecimalSums/addRuns(_:groups:into:)`` sums
    /// a run at a time: the same bits as row by row, with cells turned inexact by an earlier batch, runs past
    /// ``DecimalSums/longestRun`` rows, and sums near 2^62 and past 2^63 millionths.
    func testRunsAgreeWithTheRowByRowCheckBitForBit() {
        var generator = SystemRandomNumberGenerator()
        let groupCount = 50
        func runs(rows: Int, longest: Int, among: Int = groupCount, value: () -> Double) -> ([Double], [UInt32]) {
            var groups: [UInt32] = []
            while groups.count < rows {
                let group = UInt32.random(in: 0..<UInt32(among), using: &generator)
                groups += repeatElement(group, count: min(rows - groups.count, Int.random(in: 1...longest, using: &generator)))
            }
            return (groups.map { _ in value() }, groups)
        }
        var batches: [([Double], [UInt32])] = []
        // An inexact value first: its group then takes every later run row by row, as doubles.
        var first = runs(rows: 2_000, longest: 40) { decimal(using: &generator) }
        first.0[17] = 1.0 / 3.0
        batches.append(first)
        for _ in 0..<10 { batches.append(runs(rows: 5_000, longest: 60) { decimal(using: &generator) }) }
        batches.append(runs(rows: 30_000, longest: 10_000) { decimal(using: &generator) })
        // Every value at the edge, in three groups: their sums cross 2^62 and then overflow Int64.
        let big = Double((1 << 50) - 1) / 1_000_000
        let half = Double(1 << 49) / 1_000_000
        for _ in 0..<4 { batches.append(runs(rows: 20_000, longest: 6_000, among: 3) { Bool.random(using: &generator) ? big : -half }) }
        batches.append(runs(rows: 30_000, longest: 6_000, among: 3) { big })
        for (_, groups) in batches {
            groups.withUnsafeBufferPointer { XCTAssertTrue(DecimalSums.runsAreLong($0)) }
        }
        let (fast, slow) = bothWays(batches, groupCount: groupCount)
        assertIdentical(fast, slow)
        XCTAssertGreaterThan(fast.cells.filter(\.inexact).count, 1)
        XCTAssertGreaterThan(fast.cells.filter { !$0.inexact && $0.count > 0 }.count, 0)
    }

    func testShortRunsAreAddedRowByRow() {
        let alternating = (0..<1_000).map { UInt32($0 % 2) }
        let pairs = (0..<1_000).map { UInt32($0 / 2 % 7) }
        let fours = (0..<1_000).map { UInt32($0 / 4 % 7) }
        alternating.withUnsafeBufferPointer { XCTAssertFalse(DecimalSums.runsAreLong($0)) }
        pairs.withUnsafeBufferPointer { XCTAssertFalse(DecimalSums.runsAreLong($0)) }
        fours.withUnsafeBufferPointer { XCTAssertTrue(DecimalSums.runsAreLong($0)) }
    }
}
