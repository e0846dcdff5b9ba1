import XCTest

@testable import AurumCore

/// ``RadixSort`` against the standard library's sort: every width of word, digits that all words share (skipped
/// passes), duplicates, and the short arrays it hands to `sort()`.
final class RadixSortTests: XCTestCase {
    func testOrdersAsTheStandardSortDoesForEveryWidth() {
        var generator = SystemRandomNumberGenerator()
        for bits in [1, 5, 11, 12, 22, 23, 33, 45, 63, 64] {
            for count in [0, 1, 2, 63, 64, 65, 1000, 20_000] {
                let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
                var words = (0..<count).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) & mask }
                if count > 10 { words[3] = words[7] }  // a duplicate
                let expected = words.sorted()
                RadixSort.sort(&words, bits: bits)
                XCTAssertEqual(words, expected, "bits \(bits), count \(count)")
            }
        }
    }

    func testSharedDigitsAreSkippedWithoutChangingTheOrder() {
        // High bits all equal (a constant key above the row number), low bits a permutation.
        var words = (0..<5000).shuffled().map { UInt64(0x5A5 << 20) | UInt64($0) }
        let expected = words.sorted()
        RadixSort.sort(&words, bits: 31)
        XCTAssertEqual(words, expected)
        var same = [UInt64](repeating: 42, count: 300)
        RadixSort.sort(&same, bits: 6)
        XCTAssertEqual(same, [UInt64](repeating: 42, count: 300))
    }
}

extension RadixSortTests {
    /// Words built in row order with the row number in their low bits: sorting only the bits above it gives the
    /// full sort, ties on the keys in row order.
    func testBitsAlreadyInOrderBelowAreKept() {
        var generator = SystemRandomNumberGenerator()
        for (keyBits, rowCount) in [(3, 100), (14, 5000), (30, 70_000)] {
            let rowBits = UInt64.bitWidth - UInt64(rowCount - 1).leadingZeroBitCount
            var words = (0..<rowCount).map { row in UInt64.random(in: 0..<(1 << UInt64(keyBits)), using: &generator) << UInt64(rowBits) | UInt64(row) }
            let expected = words.sorted()
            RadixSort.sort(&words, bits: keyBits + rowBits, sortedBits: rowBits)
            XCTAssertEqual(words, expected, "key bits \(keyBits), rows \(rowCount)")
        }
    }

    /// ``RadixSort/stableOrder(keys:rows:)`` against the standard library's sort of (key, row) pairs: few and many
    /// distinct keys, keys that share their high bytes (a narrow range of doubles), rows not in order.
    func testStableOrderKeepsTiesInInputOrder() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 63, 64, 65, 1000, 20_000] {
            for distinct: UInt64 in [1, 7, 1 << 20, .max] {
                for base: UInt64 in [0, 0xBFF0_0000_0000_0000] {
                    let keys = (0..<count).map { _ in base | UInt64.random(in: 0...(distinct == .max ? .max : distinct - 1), using: &generator) }
                    let rows = (0..<count).map { $0 * 3 + 1 }.shuffled()
                    // Stable by input position: equal keys keep the order they come in, whatever their row numbers.
                    let expected = zip(keys, rows).enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
                    XCTAssertEqual(RadixSort.stableOrder(keys: keys, rows: rows), expected, "count \(count), distinct \(distinct), base \(base)")
                }
            }
        }
    }
}
