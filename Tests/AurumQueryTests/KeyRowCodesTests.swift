import AurumCore
import XCTest

@testable import AurumQuery

/// ``KeyEncoder/rowCodes(_:)`` (codes read through a table, for packed group keys) must code every row as
/// ``KeyEncoder/codes(_:)`` does: equal values one code, NULL its own, across batches whose values and
/// dictionaries differ — whatever order the codes were handed out in.
final class KeyRowCodesTests: XCTestCase {
    /// Feeds the same batches to two encoders, one through `rowCodes` (each key packed alone, first and not
    /// first) and one through `codes`, and checks that each row's code stands for the same value in both.
    private func check(_ batches: [Column], file: StaticString = #filePath, line: UInt = #line) {
        var tabled = KeyEncoder(type: batches[0].type)
        var plain = KeyEncoder(type: batches[0].type)
        for (number, batch) in batches.enumerated() {
            let rowCodes = tabled.rowCodes(batch)
            let codes = rowCodes.codes()
            let expected = plain.codes(batch)
            // Packing alone at a shift, ORed into other bits, gives the same codes in that field.
            var packed = [UInt64](repeating: 0b101, count: batch.count)
            packed.withUnsafeMutableBufferPointer { rowCodes.pack(into: $0, shift: 3, base: nil) }
            XCTAssertEqual(packed.map { UInt32($0 >> 3) }, codes, "batch \(number): packing", file: file, line: line)
            XCTAssertTrue(packed.allSatisfy { $0 & 0b111 == 0b101 }, "batch \(number): other bits kept", file: file, line: line)
            // Written over whatever was there, with a base ORed in: the same.
            var written = [UInt64](repeating: .max, count: batch.count)
            written.withUnsafeMutableBufferPointer { rowCodes.pack(into: $0, shift: 3, base: 0b101) }
            XCTAssertEqual(written, packed, "batch \(number): packing with a base", file: file, line: line)
            if let code = rowCodes.constantCode {
                XCTAssertTrue(codes.allSatisfy { $0 == code }, "batch \(number): one code", file: file, line: line)
            }
            let (mine, theirs) = (tabled.column(codes), plain.column(expected))
            for row in 0..<batch.count {
                XCTAssertEqual(mine.value(at: row), batch.value(at: row), "batch \(number), row \(row)", file: file, line: line)
                XCTAssertEqual(mine.value(at: row), theirs.value(at: row), "batch \(number), row \(row)", file: file, line: line)
            }
            // Dense alike: codes only for values (and NULL) that some row held.
            XCTAssertEqual(tabled.count, plain.count, "batch \(number)", file: file, line: line)
        }
    }

    func testTextByDictionaryEntryWithNullsAndChangingDictionaries() {
        check([
            .string(StringColumn(dictionary: ["b", "a", "unused"], codes: [0, 1, 0, 2, 1], validity: [1, 1, 1, 0, 1])),
            .string(StringColumn(dictionary: ["c", "a"], codes: [1, 0, 0, 1], validity: nil)),
            .string(StringColumn(dictionary: ["z"], codes: [0, 0], validity: [0, 0])),
            .string(StringColumn(dictionary: [], codes: [], validity: nil)),
            // One entry and no NULL: every row one code (``KeyRowCodes/Rows/constant(count:)``), new and known.
            .string(StringColumn(dictionary: ["d"], codes: [0, 0, 0], validity: nil)),
            .string(StringColumn(dictionary: ["a"], codes: [0], validity: nil)),
        ])
    }

    /// Several text keys, each in some batches of one entry (constant: ORed in once, not packed row by row) and
    /// in others of several, in every combination — all constant included: each row's group is its keys' values.
    func testGroupsOfKeysConstantInSomeBatches() throws {
        let aggregator = Aggregator(
            keyTypes: [.string, .string, .string],
            specs: [AggregateSpec(kind: .count, argument: nil, distinct: false, type: .int64, text: "count(*)")])
        var expected: [[String]: Int64] = [:]
        var generator = SeededGenerator(seed: 18)
        for pattern in 0..<16 {
            // Bit k of the pattern: key k is constant in this batch (pattern 7 and 15: all three are).
            let rows = 5 + pattern
            let values: [[String]] = (0..<3).map { key in
                let constant = pattern >> key & 1 == 1
                let fixed = "k\(key)-\(Int.random(in: 0..<3, using: &generator))"
                return (0..<rows).map { _ in constant ? fixed : "k\(key)-\(Int.random(in: 0..<3, using: &generator))" }
            }
            let keys = values.map { Column.string(StringColumn($0)) }
            for row in 0..<rows { expected[values.map { $0[row] }, default: 0] += 1 }
            try aggregator.add(keys: keys, arguments: [nil], filters: [nil], rowCount: rows, offset: 0)
        }
        let fields = ["a", "b", "c"].map { Field($0, .string, nullable: true) }
        let result = aggregator.finish(keyFields: fields, aggregateFields: [Field("count(*)", .int64, nullable: true)])
        var counted: [[String]: Int64] = [:]
        for row in 0..<result.rowCount {
            let key = (0..<3).map { column -> String in
                guard case .string(let text) = result.columns[column].value(at: row) else { return "?" }
                return text
            }
            XCTAssertNil(counted[key], "one group per key: \(key)")
            guard case .int64(let count) = result.columns[3].value(at: row) else { return XCTFail("a count") }
            counted[key] = count
        }
        XCTAssertEqual(counted.count, expected.count)
        XCTAssertEqual(counted, expected)
    }

    /// Small ranges go through a table by value; a NULL row's value (arbitrary, here far outside the range) is
    /// never looked up; a batch spanning 2^16 or more is coded row by row instead.
    func testIntegersAndDatesSmallRangeWideRangeAndNulls() {
        check([
            .int64(PrimitiveColumn(values: [5, 7, 5, -1, Int64.min], validity: [1, 1, 1, 1, 0])),
            .int64(PrimitiveColumn(values: [7, 1_000_000, 9], validity: nil)),
            .int64(PrimitiveColumn(values: [Int64.max, 9, Int64.min], validity: [0, 1, 0])),
        ])
        check([
            .date(PrimitiveColumn(values: [19_000, 19_003, 19_000, Int32.min], validity: [1, 1, 1, 0])),
            .date(PrimitiveColumn(values: [-40_000, 19_003, 60_000], validity: nil)),
            .date(PrimitiveColumn(values: [19_001, 19_001], validity: [0, 1])),
        ])
    }

    func testDoublesAndBooleansAreCodedRowByRow() {
        check([
            .double(PrimitiveColumn(values: [1.5, -0.0, 0.0, 2.5], validity: [1, 1, 1, 0])),
            .double(PrimitiveColumn(values: [2.5, 1.5], validity: nil)),
        ])
        check([.bool(PrimitiveColumn(values: [1, 0, 1], validity: [1, 1, 0])), .bool(PrimitiveColumn(values: [0], validity: nil))])
    }
}
