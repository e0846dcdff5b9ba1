import AurumKernels
import XCTest

final class SafeDivideTests: XCTestCase {
    struct Result {
        var quotients: [Double]
        var validity: [UInt8]
    }

    static func divide(_ numerators: [Double], _ denominators: [Double], scale: Double?, extra: Int = 0) -> Result {
        var quotients = [Double](repeating: 7, count: numerators.count + extra)
        var validity = [UInt8](repeating: 7, count: numerators.count + extra)
        numerators.withUnsafeBufferPointer { numerators in
            denominators.withUnsafeBufferPointer { denominators in
                quotients.withUnsafeMutableBufferPointer { quotients in
                    validity.withUnsafeMutableBufferPointer { validity in
                        if let scale {
                            SafeDivide.divide(numerators, denominators, scale: scale, quotients: quotients, validity: validity)
                        } else {
                            SafeDivide.divide(numerators, denominators, quotients: quotients, validity: validity)
                        }
                    }
                }
            }
        }
        return Result(quotients: quotients, validity: validity)
    }

    func testNullExactlyWhereDenominatorIsZero() {
        let result = Self.divide([1, 1, 0, -3, 5, 0], [0, -0.0, 0, 2, .leastNonzeroMagnitude, 4], scale: nil)
        XCTAssertEqual(result.validity, [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(result.quotients.map(\.bitPattern), [0, 0, 0, -1.5, .infinity, 0].map(\.bitPattern),
                       "NULL slots hold +0.0; a subnormal denominator is not zero")
    }

    /// For every length 0 … 49 and random data with zeros (+0.0 and -0.0) mixed in: validity is 0 exactly
    /// where the denominator is zero, and every other quotient has the bits of `(scale * n) / d`.
    func testRandomBitExact() {
        var generator = SeededGenerator(seed: 41)
        func randomValue() -> Double {
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: 0
            case 1: -0.0
            case 2: Double(Int.random(in: 0...1_000_000, using: &generator))
            case 3: Double(bitPattern: generator.next() & 0x000F_FFFF_FFFF_FFFF)  // subnormal
            default: Double.random(in: -1e6...1e6, using: &generator)
            }
        }
        var orderMatters = false
        for scale: Double? in [nil, 1, 1000, 100, 0.1, -2.5] {
            for length in Array(0...49) + [1000] {
                let numerators = (0..<length).map { _ in randomValue() }
                let denominators = (0..<length).map { _ in randomValue() }
                let result = Self.divide(numerators, denominators, scale: scale, extra: 3)
                for row in 0..<length {
                    if denominators[row] == 0 {
                        XCTAssertEqual(result.validity[row], 0, "row \(row): \(denominators[row])")
                        XCTAssertEqual(result.quotients[row].bitPattern, (0.0).bitPattern)
                    } else {
                        let expected = ((scale ?? 1) * numerators[row]) / denominators[row]
                        XCTAssertEqual(result.validity[row], 1)
                        XCTAssertEqual(result.quotients[row].bitPattern, expected.bitPattern,
                                       "scale \(String(describing: scale)) × \(numerators[row]) / \(denominators[row])")
                        if let scale, (numerators[row] / denominators[row]) * scale != expected { orderMatters = true }
                    }
                }
                XCTAssertEqual(Array(result.validity.suffix(3)), [7, 7, 7], "rows past the input are untouched")
                XCTAssertEqual(Array(result.quotients.suffix(3)), [7, 7, 7])
            }
        }
        XCTAssertTrue(orderMatters, "the data tells scale × n / d apart from n / d × scale")
    }

    func testGoldKPIShapes() {
        // cpm = 1000 * spend / impressions; ctr = clicks / impressions.
        let cpm = Self.divide([12.34, 0, 5], [1000, 0, 3], scale: 1000)
        XCTAssertEqual(cpm.validity, [1, 0, 1])
        XCTAssertEqual(cpm.quotients[0].bitPattern, ((1000 * 12.34) / 1000).bitPattern)
        XCTAssertEqual(cpm.quotients[2].bitPattern, (5000.0 / 3).bitPattern)
        let ctr = Self.divide([3], [7], scale: nil)
        XCTAssertEqual(ctr.quotients[0].bitPattern, (3.0 / 7).bitPattern)
        XCTAssertTrue(Self.divide([], [], scale: 1000).validity.isEmpty)
    }
}
