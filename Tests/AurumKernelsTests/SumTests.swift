import AurumKernels
import Foundation
import XCTest

/// `Sum.simd` against its scalar twin.
///
/// Tolerance for doubles: both results are sums of the same n numbers in some order, and any order of n − 1
/// rounded additions is within (n − 1)·u·Σ|xᵢ| of the exact sum (u = ε/2, Higham, "Accuracy and Stability of
/// Numerical Algorithms", §4.2). So |simd − scalar| ≤ (n − 1)·ε·Σ|xᵢ|, which is what we assert. Where every
/// partial sum is exact (small integers) the two must agree bit for bit.
final class SumTests: XCTestCase {
    /// Elements per SIMD loop iteration: four SIMD4<Double>, or two SIMD8<Int64>.
    static let lanes = 16
    static let lengths = Array(0...(3 * lanes + 1)) + [100, 1000, 4099, 65_537]

    static func simd(_ values: [Double]) -> Double { values.withUnsafeBufferPointer { Sum.simd($0) } }
    static func scalar(_ values: [Double]) -> Double { values.withUnsafeBufferPointer { Sum.scalar($0) } }
    static func simd(_ values: [Int64]) -> Int64 { values.withUnsafeBufferPointer { Sum.simd($0) } }
    static func scalar(_ values: [Int64]) -> Int64 { values.withUnsafeBufferPointer { Sum.scalar($0) } }

    func assertWithinTolerance(_ values: [Double], file: StaticString = #filePath, line: UInt = #line) {
        let simd = Self.simd(values)
        let scalar = Self.scalar(values)
        let magnitude = values.reduce(0) { $0 + abs($1) }
        let bound = Double(max(values.count - 1, 0)) * Double.ulpOfOne * magnitude
        XCTAssertLessThanOrEqual(abs(simd - scalar), bound, "n = \(values.count): simd \(simd), scalar \(scalar)", file: file, line: line)
    }

    func testDoubleWithinToleranceForEveryLength() {
        var generator = SeededGenerator(seed: 11)
        for length in Self.lengths {
            let uniform = (0..<length).map { _ in Double.random(in: -1...1, using: &generator) }
            assertWithinTolerance(uniform)
            // Mixed magnitudes and signs: cancellation makes the reordering visible.
            let mixed = (0..<length).map { _ in
                Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -12...12, using: &generator)))
            }
            assertWithinTolerance(mixed)
            let money = (0..<length).map { _ in Double(Int.random(in: 0...1_000_000, using: &generator)) / 100 }
            assertWithinTolerance(money)
        }
    }

    /// With small integers every partial sum is exact, so any order gives the same bits — and a dropped lane, a
    /// doubled lane or a lost tail element shows up as a wrong integer, not a rounding difference.
    func testDoubleExactWhenPartialSumsAreExact() {
        var generator = SeededGenerator(seed: 12)
        for length in Self.lengths {
            let values = (0..<length).map { _ in Double(Int.random(in: -1000...1000, using: &generator)) }
            let expected = Double(values.reduce(0) { $0 + Int($1) })
            XCTAssertEqual(Self.simd(values), expected, "n = \(length)")
            XCTAssertEqual(Self.scalar(values), expected, "n = \(length)")
        }
    }

    /// One non-zero element at each position in turn: every lane and every tail slot is read exactly once.
    func testEveryPositionCountsOnce() {
        for length in 1...(3 * Self.lanes + 1) {
            for position in 0..<length {
                var doubles = [Double](repeating: 0, count: length)
                doubles[position] = Double(position + 1)
                XCTAssertEqual(Self.simd(doubles), Double(position + 1), "n = \(length), position \(position)")
                var integers = [Int64](repeating: 0, count: length)
                integers[position] = Int64(position + 1) << 40
                XCTAssertEqual(Self.simd(integers), Int64(position + 1) << 40, "n = \(length), position \(position)")
            }
        }
    }

    /// The SIMD loads are unaligned: buffers starting at any element offset give the same answers.
    func testUnalignedStarts() {
        var generator = SeededGenerator(seed: 13)
        let doubles = (0..<200).map { _ in Double(Int.random(in: -50...50, using: &generator)) }
        let integers = (0..<200).map { _ in Int64.random(in: .min ... .max, using: &generator) }
        for offset in 0..<8 {
            for length in [0, 1, 15, 16, 17, 33, 49, 150] {
                doubles.withUnsafeBufferPointer { all in
                    let slice = UnsafeBufferPointer(rebasing: all[offset..<(offset + length)])
                    XCTAssertEqual(Sum.simd(slice), Sum.scalar(slice), "offset \(offset), n = \(length)")
                }
                integers.withUnsafeBufferPointer { all in
                    let slice = UnsafeBufferPointer(rebasing: all[offset..<(offset + length)])
                    XCTAssertEqual(Sum.simd(slice), Sum.scalar(slice), "offset \(offset), n = \(length)")
                }
            }
        }
    }

    func testEmptyBuffers() {
        XCTAssertEqual(Sum.simd(UnsafeBufferPointer<Double>(start: nil, count: 0)).bitPattern, (0.0).bitPattern)
        XCTAssertEqual(Sum.scalar(UnsafeBufferPointer<Double>(start: nil, count: 0)).bitPattern, (0.0).bitPattern)
        XCTAssertEqual(Sum.simd(UnsafeBufferPointer<Int64>(start: nil, count: 0)), 0)
        XCTAssertEqual(Sum.scalar(UnsafeBufferPointer<Int64>(start: nil, count: 0)), 0)
        XCTAssertEqual(Self.simd([Double]()), 0)
        XCTAssertEqual(Self.simd([Int64]()), 0)
    }

    func testInt64ExactForEveryLengthIncludingWrapping() {
        var generator = SeededGenerator(seed: 14)
        for length in Self.lengths {
            let full = (0..<length).map { _ in Int64.random(in: .min ... .max, using: &generator) }
            let expected = full.reduce(0, &+)
            XCTAssertEqual(Self.simd(full), expected, "n = \(length)")
            XCTAssertEqual(Self.scalar(full), expected, "n = \(length)")
            let large = [Int64](repeating: .max, count: length)
            XCTAssertEqual(Self.simd(large), Int64(truncatingIfNeeded: Int64.max.multipliedFullWidth(by: Int64(length)).low))
            XCTAssertEqual(Self.simd(large), Self.scalar(large))
        }
        XCTAssertEqual(Self.simd([.max, 1]), .min, "wraps instead of trapping")
        XCTAssertEqual(Self.simd([Int64](repeating: .min, count: 33)), .min)
        XCTAssertEqual(Self.simd([Int64](repeating: .min, count: 32)), 0)
    }
}
