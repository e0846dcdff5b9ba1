import AurumCore
import XCTest

@testable import AurumQuery

/// An aggregation whose every aggregate is DISTINCT reads only the rows that begin a run (``RunHeads``): the
/// heads are the rows a plain comparison of each row with the one before finds, and the groups, their values and
/// their order are those of every row.
final class RunHeadsTests: XCTestCase {
    func testHeadsAreTheRowsUnlikeTheRowBefore() {
        var generator = SeededGenerator(seed: 11)
        for trial in 0..<60 {
            let count = Int.random(in: 0...300, using: &generator)
            // Runs of random length, so that some batches have few heads and some many.
            let runLength = [1, 2, 5, 40][trial % 4]
            var (ints, doubles, texts, dates) = ([Int64?](), [Double?](), [String?](), [Int32]())
            for row in 0..<count {
                if row % runLength != 0, row > 0 {
                    (ints.append(ints[row - 1]), doubles.append(doubles[row - 1]), texts.append(texts[row - 1]), dates.append(dates[row - 1]))
                    continue
                }
                ints.append(Int.random(in: 0..<5, using: &generator) == 0 ? nil : Int64.random(in: 0...2, using: &generator))
                doubles.append([nil, 0.0, -0.0, 1.5, .nan].randomElement(using: &generator)!)
                texts.append([nil, "a", "b", "é"].randomElement(using: &generator)!)
                dates.append(Int32.random(in: 0...1, using: &generator))
            }
            let columns: [Column] = [
                .int64(PrimitiveColumn(values: ints.map { $0 ?? 7 }, validity: ints.map { $0 == nil ? 0 : 1 })),
                .double(PrimitiveColumn(values: doubles.map { $0 ?? 0 }, validity: doubles.map { $0 == nil ? 0 : 1 })),
                .string(StringColumn(texts)), .date(PrimitiveColumn(values: dates)),
            ]
            func startsARun(_ row: Int) -> Bool {
                if row == 0 { return true }
                let sameInt: Bool = ints[row] == ints[row - 1]
                let sameText: Bool = texts[row] == texts[row - 1]
                let sameDate: Bool = dates[row] == dates[row - 1]
                let sameDouble: Bool = doubles[row]?.bitPattern == doubles[row - 1]?.bitPattern
                return !(sameInt && sameText && sameDate && sameDouble)
            }
            let expected = (0..<count).filter(startsARun)
            let heads = RunHeads.heads(of: columns, rowCount: count)
            if count > 1, expected.count * 2 <= count {
                XCTAssertEqual(heads, expected, "trial \(trial)")
            } else {
                XCTAssertNil(heads, "trial \(trial): more than half the rows are heads")
            }
        }
    }

    /// DISTINCT aggregates over runs of repeated rows (NULLs, -0.0 and 0.0, NaN, text) give, group by group and
    /// in the same group order, what one pass over every row gives, with or without a FILTER (which reads every row).
    func testDistinctAggregatesOverRunsEqualEveryRow() throws {
        let rows = 20_000
        let schema = Schema([Field("k", .string), Field("v", .double, nullable: true), Field("t", .string, nullable: true)])
        let values: [Double?] = [nil, 0.0, -0.0, 1.5, 2.25, .nan, 1e300]
        let table = LazyTable(schema: schema) {
            // Runs of 1 to 12 rows repeating (k, v, t).
            var (keys, numbers, texts) = ([String](), [Double?](), [String?]())
            var state: UInt64 = 3
            while keys.count < rows {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let run = Int(state >> 60) % 12 + 1
                let (key, number, text) = ("k\((state >> 20) % 37)", values[Int((state >> 30) % 7)], (state >> 40) % 5 == 0 ? nil : "t\((state >> 44) % 9)")
                for _ in 0..<min(run, rows - keys.count) { (keys.append(key), numbers.append(number), texts.append(text)) }
            }
            return Batch(schema: schema, columns: [
                .string(StringColumn(keys)),
                .double(PrimitiveColumn(values: numbers.map { $0 ?? 0 }, validity: numbers.map { $0 == nil ? 0 : 1 })),
                .string(StringColumn(texts)),
            ])
        }
        let engine = QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
        let aggregates = "count(DISTINCT v) AS c, sum(DISTINCT v) AS s, avg(DISTINCT v) AS a, min(DISTINCT v) AS lo, count(DISTINCT t) AS ct"
        // The same aggregates with a FILTER that keeps every row: no run heads, every row read.
        let everyRow = "count(DISTINCT v) FILTER (WHERE true) AS c, sum(DISTINCT v) FILTER (WHERE true) AS s, "
            + "avg(DISTINCT v) FILTER (WHERE true) AS a, min(DISTINCT v) FILTER (WHERE true) AS lo, count(DISTINCT t) FILTER (WHERE true) AS ct"
        let heads = try engine.run("SELECT k, \(aggregates) FROM t GROUP BY k")
        let all = try engine.run("SELECT k, \(everyRow) FROM t GROUP BY k")
        XCTAssertEqual(heads.batch.rowCount, 37)
        XCTAssertEqual(Self.csv(heads.batch), Self.csv(all.batch))
        let whole = try engine.run("SELECT \(aggregates) FROM t")
        let wholeAll = try engine.run("SELECT \(everyRow) FROM t")
        XCTAssertEqual(Self.csv(whole.batch), Self.csv(wholeAll.batch))
    }

    /// A run of NULLs then a run of the value their rows store (0.0, "") are two runs: the value counts.
    func testAValueAfterNullsOfTheSameStoredBitsCounts() throws {
        let schema = Schema([Field("k", .string), Field("v", .double, nullable: true), Field("t", .string, nullable: true)])
        let (numbers, texts): ([Double?], [String?]) = (
            Array(repeating: nil, count: 10) + Array(repeating: 0.0, count: 20),
            Array(repeating: nil, count: 15) + Array(repeating: "", count: 15))
        let table = LazyTable(schema: schema) {
            // (The NULL rows of `t` store entry 0, "", as its other rows do.)
            Batch(schema: schema, columns: [
                .string(StringColumn(Array(repeating: "a", count: 30))),
                .double(PrimitiveColumn(values: numbers.map { $0 ?? 0 }, validity: numbers.map { $0 == nil ? 0 : 1 })),
                .string(StringColumn(dictionary: [""], codes: Array(repeating: 0, count: 30), validity: texts.map { $0 == nil ? 0 : 1 })),
            ])
        }
        let engine = QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
        let result = try engine.run("SELECT k, count(DISTINCT v) AS c, count(DISTINCT t) AS ct, min(DISTINCT v) AS lo FROM t GROUP BY k")
        XCTAssertEqual(Self.csv(result.batch), "a,1,1,0.0\n")
    }

    private static func csv(_ batch: Batch) -> String {
        var bytes: [UInt8] = []
        CSVWriter().rows(batch, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
