import AurumKernels
import XCTest

/// `FilteredCount.simd` against its scalar twin and a plain filter-and-count reference.
final class FilteredCountTests: XCTestCase {
    static func count(_ keys: [Int32], _ range: ClosedRange<Int32>, _ validity: [UInt8]?, simd: Bool) -> Int {
        keys.withUnsafeBufferPointer { keys in
            guard let validity else {
                return simd ? FilteredCount.simd(keys: keys, in: range) : FilteredCount.scalar(keys: keys, in: range)
            }
            return validity.withUnsafeBufferPointer {
                simd ? FilteredCount.simd(keys: keys, in: range, keyValidity: $0) : FilteredCount.scalar(keys: keys, in: range, keyValidity: $0)
            }
        }
    }

    func testAgreesForEveryLengthAndRange() {
        var generator = SeededGenerator(seed: 81)
        for length in FilteredSumTests.lengths {
            let keys = (0..<length).map { _ in FilteredSumTests.randomKey(using: &generator) }
            let validity = (0..<length).map { _ in UInt8.random(in: 0...1, using: &generator) }
            for range in FilteredSumTests.ranges {
                for mask in [nil, validity] {
                    let expected = keys.indices.filter { range.contains(keys[$0]) && (mask?[$0] ?? 1) != 0 }.count
                    XCTAssertEqual(Self.count(keys, range, mask, simd: true), expected, "n = \(length), \(range)")
                    XCTAssertEqual(Self.count(keys, range, mask, simd: false), expected)
                }
            }
        }
    }

    /// Past the 2²⁰-row block where the lane counters are emptied, with a tail.
    func testAcrossCounterBlocks() {
        let length = (1 << 20) * 2 + 13
        let keys = (0..<length).map { Int32($0 % 3) }
        XCTAssertEqual(Self.count(keys, 1...2, nil, simd: true), keys.filter { $0 != 0 }.count)
        XCTAssertEqual(Self.count(keys, .min ... .max, nil, simd: true), length)
        XCTAssertEqual(Self.count(keys, 5...9, nil, simd: true), 0)
        let validity = (0..<length).map { UInt8($0 % 2) }
        XCTAssertEqual(Self.count(keys, .min ... .max, validity, simd: true), length / 2)
    }
}
