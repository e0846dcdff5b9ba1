import AurumKernels
import XCTest

/// `FilteredSum.simd` against its scalar twin and a plain filter-then-add reference: Int64 exactly (wrapping),
/// Double within the reordering bound of `SumTests`, bit for bit where every partial sum is exact.
final class FilteredSumTests: XCTestCase {
    static let lengths = Array(0...67) + [100, 1000, 4099]
    /// Ranges over keys drawn from -5...40 plus the Int32 extremes: empty, single-day, partial, full, everything.
    static let ranges: [ClosedRange<Int32>] = [
        0...0, 3...17, -5...40, 41...100, -100 ... -6, .min ... .max, .min...0, 7 ... .max, .max ... .max, .min ... .min,
    ]

    static func randomKey(using generator: inout SeededGenerator) -> Int32 {
        switch Int.random(in: 0..<20, using: &generator) {
        case 0: .min
        case 1: .max
        default: Int32.random(in: -5...40, using: &generator)
        }
    }

    static func sum(_ values: [Double], _ keys: [Int32], _ range: ClosedRange<Int32>, _ validity: [UInt8]?, simd: Bool) -> Double {
        values.withUnsafeBufferPointer { values in
            keys.withUnsafeBufferPointer { keys in
                guard let validity else {
                    return simd ? FilteredSum.simd(values, keys: keys, in: range) : FilteredSum.scalar(values, keys: keys, in: range)
                }
                return validity.withUnsafeBufferPointer {
                    simd ? FilteredSum.simd(values, keys: keys, in: range, keyValidity: $0)
                        : FilteredSum.scalar(values, keys: keys, in: range, keyValidity: $0)
                }
            }
        }
    }

    static func sum(_ values: [Int64], _ keys: [Int32], _ range: ClosedRange<Int32>, _ validity: [UInt8]?, simd: Bool) -> Int64 {
        values.withUnsafeBufferPointer { values in
            keys.withUnsafeBufferPointer { keys in
                guard let validity else {
                    return simd ? FilteredSum.simd(values, keys: keys, in: range) : FilteredSum.scalar(values, keys: keys, in: range)
                }
                return validity.withUnsafeBufferPointer {
                    simd ? FilteredSum.simd(values, keys: keys, in: range, keyValidity: $0)
                        : FilteredSum.scalar(values, keys: keys, in: range, keyValidity: $0)
                }
            }
        }
    }

    static func matching<T>(_ values: [T], _ keys: [Int32], _ range: ClosedRange<Int32>, _ validity: [UInt8]?) -> [T] {
        values.indices.filter { range.contains(keys[$0]) && (validity?[$0] ?? 1) != 0 }.map { values[$0] }
    }

    func testDoubleWithinToleranceForEveryLength() {
        var generator = SeededGenerator(seed: 71)
        for length in Self.lengths {
            let keys = (0..<length).map { _ in Self.randomKey(using: &generator) }
            let validity = (0..<length).map { _ in UInt8(Int.random(in: 0..<4, using: &generator) == 0 ? 0 : 1) }
            // NaN and infinities only outside the range tested below or in rows whose key is NULL.
            let values = (0..<length).map { row -> Double in
                (keys[row] > 40 || validity[row] == 0) && Bool.random(using: &generator)
                    ? [.nan, .infinity, -.infinity].randomElement(using: &generator)! : SpecialDoubles.random(specialRate: 0, using: &generator)
            }
            for range in Self.ranges where range.upperBound <= 40 {
                for mask in [nil, validity] {
                    let simd = Self.sum(values, keys, range, mask, simd: true)
                    let scalar = Self.sum(values, keys, range, mask, simd: false)
                    let rows = Self.matching(values, keys, range, mask)
                    if rows.contains(where: { !$0.isFinite }) {
                        // NaN or infinities in a key-NULL row while the check ignores NULL keys.
                        XCTAssertNil(mask)
                        continue
                    }
                    let bound = Double(max(rows.count - 1, 0)) * Double.ulpOfOne * rows.reduce(0) { $0 + abs($1) }
                    XCTAssertTrue(simd.isFinite, "n = \(length), \(range): a masked-out NaN or infinity leaked")
                    XCTAssertLessThanOrEqual(abs(simd - scalar), bound, "n = \(length), \(range)")
                    XCTAssertEqual(scalar.bitPattern, rows.reduce(0.0, +).bitPattern, "the scalar twin adds in row order")
                }
            }
        }
    }

    /// Small integers: every partial sum is exact, so SIMD and scalar agree bit for bit and a dropped, doubled or
    /// misplaced lane shows up.
    func testDoubleExactWhenPartialSumsAreExact() {
        var generator = SeededGenerator(seed: 72)
        for length in Self.lengths {
            let keys = (0..<length).map { _ in Self.randomKey(using: &generator) }
            let values = (0..<length).map { _ in Double(Int.random(in: -1000...1000, using: &generator)) }
            let validity = (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) }
            for range in Self.ranges {
                for mask in [nil, validity] {
                    let expected = Double(Self.matching(values, keys, range, mask).reduce(0) { $0 + Int($1) })
                    XCTAssertEqual(Self.sum(values, keys, range, mask, simd: true).bitPattern, expected.bitPattern, "n = \(length), \(range)")
                    XCTAssertEqual(Self.sum(values, keys, range, mask, simd: false).bitPattern, expected.bitPattern)
                }
            }
        }
    }

    /// NaN and infinities in matching rows reach the sum in both forms; outside the range they never do.
    func testNonFiniteValues() {
        let keys: [Int32] = (0..<20).map { Int32($0) }
        var values = [Double](repeating: 1, count: 20)
        values[18] = .nan
        values[2] = .infinity
        values[17] = -.infinity
        for simd in [true, false] {
            XCTAssertEqual(Self.sum(values, keys, 0...16, nil, simd: simd), .infinity)
            XCTAssertEqual(Self.sum(values, keys, 3...16, nil, simd: simd), 14)
            XCTAssertEqual(Self.sum(values, keys, 3...17, nil, simd: simd), -.infinity)
            XCTAssertTrue(Self.sum(values, keys, 0...17, nil, simd: simd).isNaN, "inf + -inf")
            XCTAssertTrue(Self.sum(values, keys, 18...18, nil, simd: simd).isNaN)
            XCTAssertEqual(Self.sum(values, keys, 3...16, (0..<20).map { $0 == 5 ? 0 : 1 }, simd: simd), 13)
            XCTAssertEqual(Self.sum([-0.0], [0], 0...0, nil, simd: simd).bitPattern, (0.0).bitPattern, "sums start at +0.0")
        }
    }

    func testInt64ExactWithWrapping() {
        var generator = SeededGenerator(seed: 73)
        for length in Self.lengths {
            let keys = (0..<length).map { _ in Self.randomKey(using: &generator) }
            let values = (0..<length).map { _ -> Int64 in
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: .min
                case 1: .max
                default: Int64.random(in: .min ... .max, using: &generator)
                }
            }
            let validity = (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) }
            for range in Self.ranges {
                for mask in [nil, validity] {
                    let expected = Self.matching(values, keys, range, mask).reduce(0, &+)
                    XCTAssertEqual(Self.sum(values, keys, range, mask, simd: true), expected, "n = \(length), \(range)")
                    XCTAssertEqual(Self.sum(values, keys, range, mask, simd: false), expected)
                }
            }
        }
        XCTAssertEqual(Self.sum([.max, 1], [0, 0], 0...0, nil, simd: true), .min, "wraps instead of trapping")
    }

    /// One matching row at each position in turn: every lane and tail slot is masked and added exactly once.
    func testEveryPositionCountsOnce() {
        for length in 1...40 {
            for position in 0..<length {
                var keys = [Int32](repeating: 99, count: length)
                keys[position] = 7
                let doubles = (0..<length).map { Double($0 + 1) }
                let integers = (0..<length).map { Int64($0 + 1) << 40 }
                XCTAssertEqual(Self.sum(doubles, keys, 7...7, nil, simd: true), Double(position + 1))
                XCTAssertEqual(Self.sum(integers, keys, 7...7, nil, simd: true), Int64(position + 1) << 40)
                var validity = [UInt8](repeating: 1, count: length)
                XCTAssertEqual(Self.sum(doubles, keys, 7...7, validity, simd: true), Double(position + 1))
                validity[position] = 0
                XCTAssertEqual(Self.sum(doubles, keys, 7...7, validity, simd: true), 0)
                XCTAssertEqual(Self.sum(integers, keys, 7...7, validity, simd: true), 0)
            }
        }
    }

    func testUnalignedStarts() {
        var generator = SeededGenerator(seed: 74)
        let keys = (0..<200).map { _ in Self.randomKey(using: &generator) }
        let doubles = (0..<200).map { _ in Double(Int.random(in: -50...50, using: &generator)) }
        let integers = (0..<200).map { _ in Int64.random(in: .min ... .max, using: &generator) }
        for offset in 0..<8 {
            for length in [0, 1, 15, 16, 17, 33, 150] {
                let range = offset..<(offset + length)
                keys.withUnsafeBufferPointer { allKeys in
                    let keySlice = UnsafeBufferPointer(rebasing: allKeys[range])
                    doubles.withUnsafeBufferPointer { all in
                        let values = UnsafeBufferPointer(rebasing: all[range])
                        XCTAssertEqual(FilteredSum.simd(values, keys: keySlice, in: 3...17), FilteredSum.scalar(values, keys: keySlice, in: 3...17))
                    }
                    integers.withUnsafeBufferPointer { all in
                        let values = UnsafeBufferPointer(rebasing: all[range])
                        XCTAssertEqual(FilteredSum.simd(values, keys: keySlice, in: 3...17), FilteredSum.scalar(values, keys: keySlice, in: 3...17))
                    }
                }
            }
        }
    }
}
