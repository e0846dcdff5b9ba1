import AurumCore
import XCTest

final class BatchSortTests: XCTestCase {
    static func strings(_ batch: Batch, _ name: String) -> [String?] {
        guard case .string(let column) = batch.column(named: name) else { return [] }
        return (0..<column.count).map { column[$0] }
    }

    func testMultiKeyWithNullsLast() {
        let schema = Schema([Field("k", .string, nullable: true), Field("n", .int64, nullable: true), Field("row", .int64)])
        let batch = Batch(schema: schema, columns: [
            .string(StringColumn(["b", nil, "a", "b", "a", nil, "b"])),
            .int64(PrimitiveColumn(values: [2, 1, 0, 1, 5, 0, 0], validity: [1, 1, 0, 1, 1, 0, 0])),
            .int64(PrimitiveColumn(values: [0, 1, 2, 3, 4, 5, 6])),
        ])
        // a: 5, NULL(row 2) → b: 1, 2, NULL → NULL: 1, NULL
        XCTAssertEqual(BatchSort.order(batch, by: ["k", "n"]), [4, 2, 3, 0, 6, 1, 5])
        XCTAssertEqual(BatchSort.order(batch, by: ["n"]), [1, 3, 0, 4, 2, 5, 6], "ties (1, 1) and NULLs keep input order")
        XCTAssertEqual(BatchSort.order(batch, by: []), Array(0..<7))
        let sorted = BatchSort.sorted(batch, by: ["K", "N"])
        XCTAssertEqual(Self.strings(sorted, "k"), ["a", "a", "b", "b", "b", nil, nil])
        XCTAssertEqual((0..<7).map { sorted.column(named: "row")!.value(at: $0) }, [4, 2, 3, 0, 6, 1, 5].map(Value.int64))
    }

    func testStableOnEqualKeys() {
        let batch = Batch(schema: Schema([Field("d", .double), Field("b", .bool)]), columns: [
            .double(PrimitiveColumn(values: [1, 0.0, -0.0, 1, -2, 0.0])),
            .bool(PrimitiveColumn(values: [1, 0, 1, 0, 1, 0])),
        ])
        XCTAssertEqual(BatchSort.order(batch, by: ["d"]), [4, 1, 2, 5, 0, 3], "0.0 and -0.0 tie")
        XCTAssertEqual(BatchSort.order(batch, by: ["b"]), [1, 3, 5, 0, 2, 4], "false before true")
    }

    /// Strings compare by UTF-8 bytes, which Swift's `String <` does not do: it compares canonically
    /// normalised text, so "e\u{301}" (é decomposed) sorts after "f", and "A\u{30A}" equals "Å".
    func testStringsByUTF8Bytes() {
        XCTAssertTrue("f" < "e\u{301}", "precondition of this test: Swift's order differs from byte order")
        let texts = ["f", "e\u{301}", "\u{C5}", "A\u{30A}", "\u{212B}", "Z", "a", "", "🙂", "\u{FF61}", "\u{10000}", "é", "ab", "a\u{0}"]
        let batch = Batch(schema: Schema([Field("s", .string)]), columns: [.string(StringColumn(texts))])
        let sorted = BatchSort.order(batch, by: ["s"]).map { Array(texts[$0].utf8) }
        let expected = texts.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        XCTAssertEqual(sorted, expected)
        // Spot checks of the byte order: "" < "A\u{30A}" (41 CC 8A) < "Z" < "a" < "a\0" < "ab" < "e\u{301}" < "f"
        // < "\u{C5}" (C3 85) < "é" (C3 A9) < "\u{212B}" (E2 84 AB) < "\u{FF61}" < "\u{10000}" < "🙂".
        XCTAssertEqual(
            BatchSort.order(batch, by: ["s"]).map { texts[$0] }.map { Array($0.utf8) },
            ["", "A\u{30A}", "Z", "a", "a\u{0}", "ab", "e\u{301}", "f", "\u{C5}", "é", "\u{212B}", "\u{FF61}", "\u{10000}", "🙂"]
                .map { Array($0.utf8) })
    }

    /// Random batches of every type against a reference comparator written from the contract. Narrow keys sort
    /// packed in one word per row; doubles and the full-range integers `w` take the wider path.
    func testRandomAgainstReference() {
        var generator = SeededGenerator(seed: 2024)
        let words = ["", "a", "B", "b", "é", "e\u{301}", "f", "ab", "🙂", "\u{C5}", "A\u{30A}", "zz",
                     // Past the 16 bytes ranks compare as integers: equal there, apart after.
                     "0123456789abcdef", "0123456789abcdefX", "0123456789abcdefY", "0123456789abcdef\u{0}", "0123456789abcde"]
        let schema = Schema([
            Field("i", .int64, nullable: true), Field("d", .double, nullable: true), Field("s", .string, nullable: true),
            Field("t", .date, nullable: true), Field("b", .bool, nullable: true), Field("w", .int64, nullable: true),
        ])
        let keySets = [["i"], ["s"], ["d"], ["t", "s"], ["b", "i", "d"], ["s", "t", "b", "i", "d"], ["w"], ["s", "w", "i"]]
        for trial in 0..<80 {
            let count = Int.random(in: 0...200, using: &generator)
            func maybe<T>(_ make: () -> T) -> T? { Int.random(in: 0..<6, using: &generator) == 0 ? nil : make() }
            var ints = PrimitiveColumnBuilder<Int64>(zero: 0)
            var doubles = PrimitiveColumnBuilder<Double>(zero: 0)
            var texts = StringColumnBuilder()
            var dates = PrimitiveColumnBuilder<Int32>(zero: 0)
            var bools = PrimitiveColumnBuilder<UInt8>(zero: 0)
            var wide = PrimitiveColumnBuilder<Int64>(zero: 0)
            for _ in 0..<count {
                ints.append(maybe { Int64.random(in: -3...3, using: &generator) })
                doubles.append(maybe {
                    [-1.5, -0.0, 0.0, 2.25, 1e300, -1e-300, .infinity, -.infinity, .nan, -.nan].randomElement(using: &generator)!
                })
                texts.append(maybe { words.randomElement(using: &generator)! })
                dates.append(maybe { Int32.random(in: -2...2, using: &generator) })
                bools.append(maybe { UInt8.random(in: 0...1, using: &generator) })
                wide.append(maybe { [Int64.min, -1, 0, 1, Int64.max].randomElement(using: &generator)! })
            }
            let batch = Batch(schema: schema, columns: [
                .int64(ints.finish()), .double(doubles.finish()), .string(texts.finish()), .date(dates.finish()), .bool(bools.finish()),
                .int64(wide.finish()),
            ])
            let keys = keySets[trial % keySets.count].map { name in
                BatchSort.Key(column: schema.index(of: name)!, descending: Bool.random(using: &generator),
                              nullsFirst: Bool.random(using: &generator))
            }
            let order = BatchSort.order(batch, keys: keys)
            XCTAssertEqual(order.sorted(), Array(0..<count), "a permutation")
            let expected = Array(0..<count).sorted { left, right in
                for key in keys {
                    let column = batch.columns[key.column]
                    switch (column.isNull(left), column.isNull(right)) {
                    case (true, true): continue
                    case (true, false): return key.nullsFirst
                    case (false, true): return !key.nullsFirst
                    case (false, false): break
                    }
                    let comparison = Self.referenceCompare(column, left, right)
                    if comparison != 0 { return key.descending ? comparison > 0 : comparison < 0 }
                }
                return left < right
            }
            XCTAssertEqual(order, expected, "keys \(keys)")
            // The same rows with their text as shared entries whose Strings are not made (a decoded block's), which
            // the heaps below compare by their bytes.
            let shared = SharedDictionary()
            guard case .string(let made) = batch.columns[2] else { return XCTFail("text") }
            let lazy = StringColumn(
                sharedEntries: SharedCodes(in: shared, codes: shared.codes(of: made.dictionary)), codes: made.codes, validity: made.validity)
            var columns = batch.columns
            columns[2] = .string(lazy)
            let sharedBatch = Batch(schema: schema, columns: columns)
            for tried in [batch, sharedBatch] {
                // LIMIT: the first rows of the same order, however they are found (a heap when they are few).
                for limit in [0, 1, 5, count] {
                    XCTAssertEqual(BatchSort.order(tried, keys: keys, limit: limit), Array(expected.prefix(limit)), "limit \(limit), keys \(keys)")
                }
                // A table's two ends: the first and the last rows of the same order (heaps when they are few), or
                // every row in order when they overlap.
                for (first, last) in [(0, 0), (1, 0), (0, 1), (3, 2), (20, 20), (count / 2, count - count / 2)] {
                    let ends = first + last < count ? Array(expected.prefix(first) + expected.suffix(last)) : expected
                    XCTAssertEqual(BatchSort.ends(tried, keys: keys, first: first, last: last), ends, "ends \(first), \(last), keys \(keys)")
                }
            }
        }
    }

    static func referenceCompare(_ column: Column, _ left: Int, _ right: Int) -> Int {
        switch (column.value(at: left), column.value(at: right)) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.int64(let a), .int64(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .double(let b)):
            // DuckDB's order: NaN (any sign) above +infinity, equal to itself; -0.0 equal to 0.0.
            if a.isNaN || b.isNaN { return a.isNaN == b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.date(let a), .date(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.string(let a), .string(let b)):
            let (x, y) = (Array(a.utf8), Array(b.utf8))
            return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        default: preconditionFailure("mixed types")
        }
    }
}
