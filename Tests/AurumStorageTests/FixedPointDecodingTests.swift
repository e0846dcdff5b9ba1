import AurumCore
import XCTest

@testable import AurumStorage

/// ``ColumnBlockCodec/decodeFixedPoint(_:rowCount:as:file:location:)``: a decimal block's values as integers at a
/// fixed number of places equal the decoded doubles' own (each decodes back to its double, bit for bit), over
/// every scale, frame widths, the delta scheme, NULLs and negative values; a block it cannot give so (plain
/// doubles, more places, a magnitude at or past the limit) is refused, never approximated.
final class FixedPointDecodingTests: XCTestCase {
    private var generator = SeededGenerator(seed: 0xF1ED)
    private let millionths = FixedPoint(places: 6, magnitudeLimit: 1 << 50)

    private func payload(_ values: [Double?]) -> [UInt8] {
        ColumnBlockCodec.encode(.double(PrimitiveColumn(
            values: values.map { $0 ?? 0 }, validity: values.contains(nil) ? values.map { $0 == nil ? 0 : 1 } : nil)))
    }

    private func fixedPoint(_ values: [Double?], as form: FixedPoint) throws -> Column? {
        try payload(values).withUnsafeBytes {
            try ColumnBlockCodec.decodeFixedPoint($0, rowCount: values.count, as: form, file: "f", location: "l")
        }
    }

    /// Checks an accepted block: BIGINT, NULLs where the values have them (zero there), and every other integer
    /// the value times 10^places exactly — it divides back to the very double.
    private func checkAccepted(_ values: [Double?], as form: FixedPoint, file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .int64(let column) = try fixedPoint(values, as: form) else {
            return XCTFail("a decimal block within the limit gives integers", file: file, line: line)
        }
        let power = (0..<form.places).reduce(1.0) { value, _ in value * 10 }
        XCTAssertEqual(column.count, values.count, file: file, line: line)
        for (row, value) in values.enumerated() {
            guard let value else {
                XCTAssertTrue(column.isNull(row), file: file, line: line)
                XCTAssertEqual(column.values[row], 0, file: file, line: line)
                continue
            }
            XCTAssertFalse(column.isNull(row), file: file, line: line)
            XCTAssertEqual((Double(column.values[row]) / power).bitPattern, value.bitPattern, "row \(row)", file: file, line: line)
            XCTAssertLessThan(column.values[row].magnitude, form.magnitudeLimit, file: file, line: line)
        }
    }

    func testDecimalBlocksOfEveryScaleAndWidthGiveTheirMillionths() throws {
        for scale in 0...6 {
            let power = (0..<scale).reduce(1.0) { value, _ in value * 10 }
            for reach in [1, 9, 1_000, 123_456, 1 << 30, 1 << 40] {
                let values: [Double?] = (0..<1_000).map { row in
                    row % 13 == 5 ? nil : Double(Int64.random(in: -Int64(reach)...Int64(reach), using: &generator)) / power
                }
                // Millionths below 2^50 at every scale: 2^40 at scale 0 is 2^40 × 10^6, too many.
                guard values.allSatisfy({ ($0 ?? 0).magnitude * 1_000_000 < Double(1 << 50) }) else { continue }
                try checkAccepted(values, as: millionths)
            }
        }
        // Sorted values take the delta scheme; a constant block width 0.
        try checkAccepted((0..<500).map { Double($0 * 3) / 100 }, as: millionths)
        try checkAccepted([Double?](repeating: 12.5, count: 300), as: millionths)
        try checkAccepted([nil, nil, 7.25], as: millionths)
        try checkAccepted([], as: millionths)
    }

    func testBlocksThatCannotBeGivenSoAreRefused() throws {
        XCTAssertNil(try fixedPoint([1.0 / 3.0, 2], as: millionths), "plain doubles")
        XCTAssertNil(try fixedPoint([0.0000001, 1], as: millionths), "seven places")
        XCTAssertNil(try fixedPoint([0.125], as: FixedPoint(places: 2, magnitudeLimit: 1 << 50)), "more places than asked")
        // At the limit: 2^50 millionths is refused, one less accepted — through a frame and through delta.
        let edge = Double((1 << 50) - 1) / 1_000_000
        try checkAccepted([edge, -edge, 0], as: millionths)
        try checkAccepted((0..<100).map { Double((1 << 50) - 100 + $0) / 1_000_000 }, as: millionths)
        XCTAssertNil(try fixedPoint([Double(1 << 50) / 1_000_000, 0], as: millionths))
        XCTAssertNil(try fixedPoint([0, -Double(1 << 50) / 1_000_000], as: millionths))
        XCTAssertNil(try fixedPoint((0..<100).map { Double((1 << 50) - 50 + $0) / 1_000_000 }, as: millionths))
    }

    func testAFrameWiderThanTheLimitIsCheckedValueByValue() throws {
        // 0 and 5 pack in 3 bits (a frame reaching 7); a limit of 6 admits both values but not the frame.
        let form = FixedPoint(places: 0, magnitudeLimit: 6)
        try checkAccepted([0, 5, 5, 0, 1, 2, 3, 4, 5, 0, 5, 3], as: form)
        XCTAssertNil(try fixedPoint([0, 5, 6, 0, 1, 2, 3, 4, 5, 0, 5, 3], as: form))
        XCTAssertNil(try fixedPoint([0, -6, 5, 0, 1, 2, 3, 4, 5, 0, 5, 3], as: form))
    }

    func testCorruptBlocksStillThrow() throws {
        var bytes = payload([1.5, 2.25, 3])
        bytes[1] = 9  // the double scheme
        XCTAssertThrowsError(try bytes.withUnsafeBytes {
            try ColumnBlockCodec.decodeFixedPoint($0, rowCount: 3, as: millionths, file: "f", location: "l")
        })
        let truncated = Array(payload([1.5, 2.25, 3]).dropLast())
        XCTAssertThrowsError(try truncated.withUnsafeBytes {
            try ColumnBlockCodec.decodeFixedPoint($0, rowCount: 3, as: millionths, file: "f", location: "l")
        })
    }
}
