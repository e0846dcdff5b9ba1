import AurumKernels
import XCTest

/// `GroupedSum` against a dictionary that adds each group's values in row order. The kernel promises the same
/// order, so doubles must agree bit for bit, not within a tolerance.
final class GroupedSumTests: XCTestCase {
    static let groupCounts = [1, 2, 3, 7, 16, 17, 64, 100, 255, 256, 999, 1000]

    struct Sample {
        var groups: [UInt32]
        var doubles: [Double]
        var integers: [Int64]
    }

    static func randomData(rows: Int, groupCount: Int, using generator: inout SeededGenerator) -> Sample {
        Sample(
            groups: (0..<rows).map { _ in UInt32.random(in: 0..<UInt32(groupCount), using: &generator) },
            doubles: (0..<rows).map { _ in Double.random(in: -1000...1000, using: &generator) },
            integers: (0..<rows).map { _ in Int64.random(in: .min ... .max, using: &generator) })
    }

    func testAgainstDictionaryReference() {
        var generator = SeededGenerator(seed: 21)
        for groupCount in Self.groupCounts {
            for rows in [0, 1, 49, 5000] {
                let data = Self.randomData(rows: rows, groupCount: groupCount, using: &generator)
                // Accumulators start non-zero: the kernel adds into them.
                let startDoubles = (0..<groupCount).map { Double($0) * 0.25 }
                let startIntegers = (0..<groupCount).map { Int64($0) - 5 }
                var referenceDoubles: [UInt32: Double] = [:]
                var referenceIntegers: [UInt32: Int64] = [:]
                var referenceCounts: [UInt32: Int64] = [:]
                for (row, group) in data.groups.enumerated() {
                    referenceDoubles[group, default: startDoubles[Int(group)]] += data.doubles[row]
                    referenceIntegers[group, default: startIntegers[Int(group)]] &+= data.integers[row]
                    referenceCounts[group, default: 0] += 1
                }

                var doubles = startDoubles
                var integers = startIntegers
                var counts = [Int64](repeating: 0, count: groupCount)
                data.groups.withUnsafeBufferPointer { groups in
                    data.doubles.withUnsafeBufferPointer { values in
                        doubles.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
                    }
                    data.integers.withUnsafeBufferPointer { values in
                        integers.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
                    }
                    counts.withUnsafeMutableBufferPointer { GroupedSum.count(groups: groups, into: $0) }
                }
                for group in 0..<groupCount {
                    let key = UInt32(group)
                    XCTAssertEqual(doubles[group].bitPattern, (referenceDoubles[key] ?? startDoubles[group]).bitPattern,
                                   "groups \(groupCount), rows \(rows), group \(group)")
                    XCTAssertEqual(integers[group], referenceIntegers[key] ?? startIntegers[group])
                    XCTAssertEqual(counts[group], referenceCounts[key] ?? 0)
                }
                XCTAssertEqual(counts.reduce(0, +), Int64(rows))
            }
        }
    }

    /// Row order inside a group matters for doubles: 1e16 + 1 + 1 ≠ 1 + 1 + 1e16. The kernel must follow row order.
    func testDoublesAddInRowOrder() {
        let values: [Double] = [1e16, 1, 1, 1, 1, 1e16]
        let groups: [UInt32] = [0, 0, 0, 1, 1, 1]
        var sums: [Double] = [0, 0]
        values.withUnsafeBufferPointer { values in
            groups.withUnsafeBufferPointer { groups in
                sums.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
            }
        }
        XCTAssertEqual(sums, [((1e16 + 1) + 1), ((1 + 1) + 1e16)])
        XCTAssertEqual(sums[0], 1e16, "each 1 is lost against 1e16 (ties to even)")
        XCTAssertEqual(sums[1], 1e16 + 2)
    }

    func testInt64Wraps() {
        let values: [Int64] = [.max, 1, .min, -1]
        let groups: [UInt32] = [0, 0, 1, 1]
        var sums: [Int64] = [0, 0]
        values.withUnsafeBufferPointer { values in
            groups.withUnsafeBufferPointer { groups in
                sums.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
            }
        }
        XCTAssertEqual(sums, [.min, .max])
    }

    func testSkewedSingleGroupOfMany() {
        let groups = [UInt32](repeating: 999, count: 10_000)
        let values = [Int64](repeating: 3, count: 10_000)
        var sums = [Int64](repeating: 0, count: 1000)
        var counts = [Int64](repeating: 0, count: 1000)
        values.withUnsafeBufferPointer { values in
            groups.withUnsafeBufferPointer { groups in
                sums.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
                counts.withUnsafeMutableBufferPointer { GroupedSum.count(groups: groups, into: $0) }
            }
        }
        XCTAssertEqual(sums[999], 30_000)
        XCTAssertEqual(counts[999], 10_000)
        XCTAssertEqual(sums[0..<999].allSatisfy { $0 == 0 }, true)
    }

    /// Issue 19 item 2: Gold's integer sums wrapped silently; the checked kernel flags the group instead.
    func testAddReportingOverflowFlagsOnlyTheGroupsThatLeaveInt64() {
        let values: [Int64] = [.max, 1, .min, -1, 5, .max, .max]
        let groups: [UInt32] = [0, 0, 1, 1, 2, 3, 3]
        var sums = [Int64](repeating: 0, count: 4)
        var flags = [UInt8](repeating: 0, count: 4)
        values.withUnsafeBufferPointer { values in
            groups.withUnsafeBufferPointer { groups in
                sums.withUnsafeMutableBufferPointer { sums in
                    flags.withUnsafeMutableBufferPointer { flags in
                        GroupedSum.addReportingOverflow(values, groups: groups, into: sums, overflowed: flags, flag: 2)
                    }
                }
            }
        }
        XCTAssertEqual(flags, [2, 2, 0, 2])
        XCTAssertEqual(sums[2], 5)
    }
}
