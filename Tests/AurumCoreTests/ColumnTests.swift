import AurumCore
import XCTest

final class ColumnTests: XCTestCase {
    // MARK: Builders

    func testPrimitiveBuilderWithoutNulls() {
        var builder = PrimitiveColumnBuilder<Int64>(zero: 0)
        builder.reserveCapacity(3)
        for value: Int64 in [5, -1, .max] { builder.append(value) }
        XCTAssertEqual(builder.count, 3)
        let column = builder.finish()
        XCTAssertEqual(column.values, [5, -1, .max])
        XCTAssertNil(column.validity, "no NULL, no mask")
        XCTAssertEqual(column.nullCount, 0)
        XCTAssertFalse(column.isNull(2))
    }

    func testPrimitiveBuilderWithNulls() {
        var builder = PrimitiveColumnBuilder<Double>(zero: 0)
        builder.append(1.5)
        builder.append(nil)
        builder.append(-0.0)
        builder.append(nil)
        let column = builder.finish()
        XCTAssertEqual(column.count, 4)
        XCTAssertEqual(column.values.map(\.bitPattern), [1.5, 0, -0.0, 0].map(\.bitPattern), "NULL slots hold zero")
        XCTAssertEqual(column.validity, [1, 0, 1, 0])
        XCTAssertEqual(column.nullCount, 2)
        XCTAssertEqual((0..<4).map(column.isNull), [false, true, false, true])
    }

    func testStringBuilderInternsInFirstSeenOrder() {
        var builder = StringColumnBuilder()
        XCTAssertEqual(builder.append("b"), 0)
        XCTAssertEqual(builder.append("a"), 1)
        XCTAssertEqual(builder.append("b"), 0)
        XCTAssertEqual(builder.append(nil), 0, "NULL rows get code 0")
        XCTAssertEqual(builder.append(""), 2, "empty text is a value, not NULL")
        XCTAssertEqual(builder.intern("c"), 3, "interned without a row")
        XCTAssertEqual(builder.intern("a"), 1)
        XCTAssertEqual(builder.count, 5)
        XCTAssertEqual(builder.existingCode(of: "c"), 3)
        XCTAssertNil(builder.existingCode(of: "d"))
        XCTAssertEqual(builder.entry(1), "a")
        let column = builder.finish()
        XCTAssertEqual(column.dictionary, ["b", "a", "", "c"])
        XCTAssertEqual(column.codes, [0, 1, 0, 0, 2])
        XCTAssertEqual(column.validity, [1, 1, 1, 0, 1])
        XCTAssertEqual(column.nullCount, 1)
        XCTAssertEqual((0..<5).map { column[$0] }, ["b", "a", "b", nil, ""])
    }

    /// Appending rows together gives what appending them one at a time gives: the same codes, dictionary and
    /// mask, whether the rows repeat the row before (also across calls), are NULL, or are equivalent text.
    func testStringBuilderAppendsRowsTogetherAsOneAtATime() {
        var generator = SeededGenerator(seed: 11)
        let values: [String?] = [nil, "", "caf\u{E9}", "cafe\u{301}"] + (0..<300).map { "ad-\($0)" }
        var together = StringColumnBuilder()
        var single = StringColumnBuilder()
        for _ in 0..<200 {
            var rows: [String?] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                // Runs of one value, as an ad's rows come, and NULLs between them.
                let value = values[Int.random(in: 0..<values.count, using: &generator)]
                rows.append(contentsOf: repeatElement(value, count: Int.random(in: 1...3, using: &generator)))
            }
            if Bool.random(using: &generator) {
                XCTAssertEqual(together.append(contentsOf: rows), rows.map { single.append($0) })
            } else {
                for row in rows { XCTAssertEqual(together.append(row), single.append(row)) }
            }
        }
        let (a, b) = (together.finish(), single.finish())
        XCTAssertEqual(a.dictionary.map { Array($0.utf8) }, b.dictionary.map { Array($0.utf8) })
        XCTAssertEqual(a.codes, b.codes)
        XCTAssertEqual(a.validity, b.validity)
        XCTAssertGreaterThan(a.nullCount, 0)
        XCTAssertEqual(together.append(contentsOf: []), [])
    }

    func testStringBuilderWithoutNullsHasNoMask() {
        let column = StringColumn(["x", "y", "x"])
        XCTAssertNil(column.validity)
        XCTAssertEqual(column.nullCount, 0)
        XCTAssertEqual(column.dictionary, ["x", "y"])
        XCTAssertEqual(column.codes, [0, 1, 0])
    }

    /// Swift's `String ==` and hashing treat canonically equivalent text as equal ("é" == "e\u{301}"). Ids compare
    /// as strings, byte for byte (data contract rule 7, and DuckDB): they must stay distinct, and every row must
    /// read back its own bytes.
    func testStringBuilderKeepsCanonicallyEquivalentTextApart() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        XCTAssertEqual(composed, decomposed, "precondition of this test: Swift calls them equal")
        var builder = StringColumnBuilder()
        XCTAssertEqual(builder.append(composed), 0)
        XCTAssertEqual(builder.append(decomposed), 1)
        XCTAssertEqual(builder.existingCode(of: decomposed), 1)
        XCTAssertEqual(builder.existingCode(of: composed), 0)
        let column = builder.finish()
        XCTAssertEqual(column.dictionary.count, 2)
        XCTAssertEqual(column[0].map { Array($0.utf8) }, Array(composed.utf8))
        XCTAssertEqual(column[1].map { Array($0.utf8) }, Array(decomposed.utf8))
        // Other equivalences: Å (U+00C5) vs A + ring (U+030A) vs Angstrom sign (U+212B).
        let angstroms = StringColumn(["\u{C5}", "A\u{30A}", "\u{212B}", "\u{C5}"])
        XCTAssertEqual(angstroms.codes, [0, 1, 2, 0])
    }

    // MARK: PrimitiveColumn / StringColumn

    func testGather() {
        let numbers = PrimitiveColumn<Int64>(values: [10, 0, 30], validity: [1, 0, 1])
        let gathered = numbers.gather([2, 1, 2, 0])
        XCTAssertEqual(gathered.values, [30, 0, 30, 10])
        XCTAssertEqual(gathered.validity, [1, 0, 1, 1])
        XCTAssertEqual(numbers.gather([]).count, 0)
        XCTAssertNil(PrimitiveColumn<Int32>(values: [1, 2]).gather([1, 1]).validity)

        let text = StringColumn(["a", nil, "b"])
        let textGathered = text.gather([1, 2, 0, 2])
        XCTAssertEqual(textGathered.dictionary, text.dictionary, "gather shares the dictionary")
        XCTAssertEqual((0..<4).map { textGathered[$0] }, [nil, "b", "a", "b"])
        XCTAssertEqual(textGathered.nullCount, 1)
    }

    func testNullCount() {
        XCTAssertEqual(PrimitiveColumn<UInt8>(values: [1, 0, 1], validity: [0, 0, 0]).nullCount, 3)
        XCTAssertEqual(PrimitiveColumn<UInt8>(values: [], validity: []).nullCount, 0)
        var generator = SeededGenerator(seed: 7)
        let validity = (0..<10_000).map { _ in UInt8.random(in: 0...1, using: &generator) }
        let expected = validity.filter { $0 == 0 }.count
        XCTAssertEqual(PrimitiveColumn<Int64>(values: [Int64](repeating: 0, count: 10_000), validity: validity).nullCount, expected)
        XCTAssertEqual(Column.int64(PrimitiveColumn(values: [Int64](repeating: 0, count: 10_000), validity: validity)).nullCount, expected)
        let strings = StringColumn(dictionary: ["a"], codes: [UInt32](repeating: 0, count: 10_000), validity: validity)
        XCTAssertEqual(strings.nullCount, expected)
        XCTAssertEqual(Column.string(strings).nullCount, expected)
    }

    // MARK: Column

    func testTypeCountAndValueAt() {
        let columns: [(Column, DataType, [Value])] = [
            (.int64(PrimitiveColumn(values: [1, .min, 0], validity: [1, 1, 0])), .int64, [.int64(1), .int64(.min), .null]),
            (.double(PrimitiveColumn(values: [0.1, -0.0, 0], validity: [1, 1, 0])), .double, [.double(0.1), .double(-0.0), .null]),
            (.date(PrimitiveColumn(values: [19782, -1, 0], validity: [1, 1, 0])), .date,
             [.date(Date32(iso: "2024-02-29")!), .date(Date32(iso: "1969-12-31")!), .null]),
            (.bool(PrimitiveColumn(values: [1, 0, 1], validity: [1, 1, 0])), .bool, [.bool(true), .bool(false), .null]),
            (.string(StringColumn(["x", "", nil])), .string, [.string("x"), .string(""), .null]),
        ]
        for (column, type, values) in columns {
            XCTAssertEqual(column.type, type)
            XCTAssertEqual(column.count, 3)
            XCTAssertEqual(column.nullCount, 1)
            XCTAssertEqual((0..<3).map(column.value(at:)), values, "\(type)")
            XCTAssertEqual((0..<3).map(column.isNull), [false, false, true])
            XCTAssertEqual(column.gather([2, 0]).type, type)
            XCTAssertEqual((0..<2).map(column.gather([2, 0]).value(at:)), [values[2], values[0]])
            let empty = Column.empty(type)
            XCTAssertEqual(empty.type, type)
            XCTAssertEqual(empty.count, 0)
            XCTAssertEqual(empty.nullCount, 0)
        }
        // Value keeps -0.0 apart from 0.0 only by bits; the column must hand back the stored bits.
        if case .double(let negativeZero) = columns[1].0.value(at: 1) {
            XCTAssertEqual(negativeZero.bitPattern, (-0.0).bitPattern)
        } else {
            XCTFail("expected a double")
        }
    }

    // MARK: Column.concatenate

    func testConcatenatePrimitivesWithAndWithoutMasks() {
        let parts: [Column] = [
            .int64(PrimitiveColumn(values: [1, 2])),
            .int64(PrimitiveColumn(values: [3, 0], validity: [1, 0])),
            .int64(PrimitiveColumn(values: [])),
            .int64(PrimitiveColumn(values: [5])),
        ]
        let joined = Column.concatenate(parts, type: .int64)
        XCTAssertEqual((0..<joined.count).map(joined.value(at:)), [.int64(1), .int64(2), .int64(3), .null, .int64(5)])
        guard case .int64(let primitive) = joined else { return XCTFail("type") }
        XCTAssertEqual(primitive.validity, [1, 1, 1, 0, 1])

        let unmasked = Column.concatenate([.double(PrimitiveColumn(values: [1])), .double(PrimitiveColumn(values: [2]))], type: .double)
        guard case .double(let doubles) = unmasked else { return XCTFail("type") }
        XCTAssertNil(doubles.validity, "no NULL anywhere, no mask")
        XCTAssertEqual(doubles.values, [1, 2])

        XCTAssertEqual(Column.concatenate([], type: .date).count, 0)
        XCTAssertEqual(Column.concatenate([], type: .string).count, 0)
    }

    func testConcatenatePiecesOfOneColumnKeepsItsDictionary() {
        // Pieces gathered from one column hold its very dictionary: their codes are joined, no entry looked up again.
        let whole = Column.string(StringColumn(dictionary: ["x", "y", "z"], codes: [2, 0, 1, 7, 0], validity: [1, 1, 1, 0, 1]))
        let pieces = [whole.gather([4, 3]), whole.gather([]), whole.gather([0, 1, 2])]
        let joined = Column.concatenate(pieces, type: .string)
        XCTAssertEqual((0..<joined.count).map(joined.value(at:)), [4, 3, 0, 1, 2].map(whole.value(at:)))
        guard case .string(let text) = joined, case .string(let original) = whole else { return XCTFail("type") }
        XCTAssertEqual(text.dictionary, original.dictionary)
        XCTAssertEqual(text.codes, [0, 0, 2, 0, 1], "a NULL row's code is 0")
        XCTAssertEqual(text.validity, [1, 0, 1, 1, 1])
        // Pieces of two different columns still merge by bytes.
        let other = Column.string(StringColumn(dictionary: ["z", "x"], codes: [0, 1]))
        let mixed = Column.concatenate([whole.gather([1]), other], type: .string)
        XCTAssertEqual((0..<mixed.count).map(mixed.value(at:)), [.string("x"), .string("z"), .string("x")])
        guard case .string(let merged) = mixed else { return XCTFail("type") }
        XCTAssertEqual(merged.dictionary, ["x", "z"], "only the entries rows hold")
    }

    func testConcatenateStringsMergesDictionaries() {
        let first = StringColumn(["b", nil, "a", "b"])
        // A dictionary with an entry no row uses, one shared with `first`, and a different code order.
        let second = StringColumn(dictionary: ["unused", "a", "c"], codes: [2, 1, 0, 2], validity: [1, 1, 0, 1])
        let third = StringColumn(dictionary: [], codes: [])
        let fourth = StringColumn([nil, nil])
        let joined = Column.concatenate([.string(first), .string(second), .string(third), .string(fourth)], type: .string)
        let expected: [String?] = ["b", nil, "a", "b", "c", "a", nil, "c", nil, nil]
        XCTAssertEqual(joined.count, expected.count)
        XCTAssertEqual((0..<joined.count).map(joined.value(at:)), expected.map { $0.map(Value.string) ?? .null })
        guard case .string(let strings) = joined else { return XCTFail("type") }
        XCTAssertEqual(Set(strings.dictionary).count, strings.dictionary.count, "each distinct text once")
        XCTAssertEqual(Set(strings.dictionary), ["a", "b", "c"], "no entry that no row holds")
        XCTAssertEqual(strings.nullCount, 4)
        for row in 0..<strings.count where strings.isNull(row) {
            XCTAssertEqual(strings.codes[row], 0, "NULL rows get code 0")
        }

        let noNulls = Column.concatenate([.string(StringColumn(["x"])), .string(StringColumn(["y", "x"]))], type: .string)
        guard case .string(let plain) = noNulls else { return XCTFail("type") }
        XCTAssertNil(plain.validity)
        XCTAssertEqual(plain.dictionary, ["x", "y"])
        XCTAssertEqual(plain.codes, [0, 1, 0])
    }

    func testConcatenateKeepsCanonicallyEquivalentTextApart() {
        let joined = Column.concatenate(
            [.string(StringColumn(["caf\u{E9}"])), .string(StringColumn(["cafe\u{301}", "caf\u{E9}"]))], type: .string)
        guard case .string(let strings) = joined else { return XCTFail("type") }
        XCTAssertEqual(strings.dictionary.count, 2)
        XCTAssertEqual((0..<3).map { strings[$0].map { Array($0.utf8) } ?? [] },
                       [Array("caf\u{E9}".utf8), Array("cafe\u{301}".utf8), Array("caf\u{E9}".utf8)])
    }

    func testConcatenateRandomAgainstRowByRow() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = ["a", "b", "", "é", "e\u{301}", "zz", "🙂"]
        for _ in 0..<50 {
            let partCount = Int.random(in: 0...5, using: &generator)
            var parts: [Column] = []
            var expected: [String?] = []
            for _ in 0..<partCount {
                let rows = (0..<Int.random(in: 0...20, using: &generator)).map { _ -> String? in
                    Int.random(in: 0..<5, using: &generator) == 0 ? nil : alphabet.randomElement(using: &generator)!
                }
                parts.append(.string(StringColumn(rows)))
                expected += rows
            }
            let joined = Column.concatenate(parts, type: .string)
            guard case .string(let strings) = joined else { return XCTFail("type") }
            XCTAssertEqual((0..<strings.count).map { strings[$0].map { Array($0.utf8) } }, expected.map { $0.map { Array($0.utf8) } })
        }
    }
}
