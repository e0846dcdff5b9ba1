import AurumCore
import XCTest

@testable import AurumQuery

/// The hash join's table must pair rows exactly as a nested loop over both sides does: equal non-NULL keys (text
/// by its bytes, whatever dictionary or shared dictionary it comes through; -0.0 as 0.0), every build row of a
/// key in build order, probe rows in order, LEFT JOIN rows without a match kept once — for one key and several,
/// folded by arithmetic and through a hash index of pairs.
final class JoinHashTableTests: XCTestCase {
    private let schema = Schema([
        Field("t", .string, nullable: true), Field("n", .int64, nullable: true), Field("x", .double, nullable: true),
    ])

    /// Rows of (t text, n int, x double), each with NULLs; `spread` bounds the integers (wide: a key space too
    /// large to fold by arithmetic).
    private func batch(rows: Int, spread: Int64, texts: Int, sharing: SharedDictionary?, using generator: inout SeededGenerator) -> Batch {
        var text = StringColumnBuilder()
        var numbers: [Int64] = []
        var numbersValid: [UInt8] = []
        var doubles: [Double] = []
        var doublesValid: [UInt8] = []
        for _ in 0..<rows {
            text.append(Int.random(in: 0..<12, using: &generator) == 0 ? nil : "k\(Int.random(in: 0..<texts, using: &generator))é")
            numbers.append(Int64.random(in: 0..<spread, using: &generator))
            numbersValid.append(Int.random(in: 0..<10, using: &generator) == 0 ? 0 : 1)
            doubles.append([0.0, -0.0, 1.5, -2.25][Int.random(in: 0..<4, using: &generator)])
            doublesValid.append(Int.random(in: 0..<9, using: &generator) == 0 ? 0 : 1)
        }
        var strings = text.finish()
        if let sharing {
            strings = StringColumn(dictionary: strings.dictionary, codes: strings.codes, validity: strings.validity, shared: SharedCodes(in: sharing))
        }
        return Batch(schema: schema, columns: [
            .string(strings), .int64(PrimitiveColumn(values: numbers, validity: numbersValid)),
            .double(PrimitiveColumn(values: doubles, validity: doublesValid)),
        ])
    }

    /// The pairs a nested loop makes: `(probe row, build row)`, `(probe row, noMatch)` for an unmatched row kept.
    private func nestedLoop(_ probe: Batch, _ build: Batch, keys: [Int], keepUnmatched: Bool) -> [[Int]] {
        func values(_ batch: Batch) -> [[Value]] { (0..<batch.rowCount).map { row in keys.map { batch.columns[$0].value(at: row) } } }
        let (probeValues, buildValues) = (values(probe), values(build))
        var pairs: [[Int]] = []
        for probeRow in probeValues.indices {
            var matched = false
            for buildRow in buildValues.indices {
                let equal = zip(probeValues[probeRow], buildValues[buildRow]).allSatisfy { pair in
                    switch pair {
                    case (.null, _), (_, .null): false
                    case (.double(let a), .double(let b)): a == b  // (-0.0 == 0.0)
                    case (let a, let b): a == b
                    }
                }
                if equal {
                    pairs.append([probeRow, buildRow])
                    matched = true
                }
            }
            if !matched && keepUnmatched { pairs.append([probeRow, JoinHashTable.noMatch]) }
        }
        return pairs
    }

    /// The pairs, made `limit` at a time (the cursor carried from piece to piece) and put back together; each
    /// piece holds at most `limit` pairs.
    private func joined(
        _ table: JoinHashTable, _ probe: Batch, keys: [Int], encoders: inout [KeyEncoder], keepUnmatched: Bool, limit: Int = .max
    ) throws -> [[Int]] {
        let expressions = keys.map { BoundExpression.column($0, schema.fields[$0].type) }
        let firstMatches = try table.firstMatches(of: expressions, in: probe, encoders: &encoders)
        var cursor = JoinHashTable.PairCursor()
        var pairs: [[Int]] = []
        while !cursor.finished {
            let (probeRows, buildRows) = table.pairs(firstMatches, keepUnmatched: keepUnmatched, from: &cursor, limit: limit)
            XCTAssertLessThanOrEqual(buildRows.count, table.hasDuplicateKeys ? limit : probe.rowCount)
            pairs += zip(probeRows ?? Array(0..<probe.rowCount), buildRows).map { [$0, $1] }
        }
        return pairs
    }

    func testPairsEqualANestedLoop() throws {
        let keySets = [[0], [1], [2], [0, 1], [1, 0, 2], [1, 2, 0], [2, 0]]
        var hashedFolds = 0
        for seed in 1...4 as ClosedRange<UInt64> {
            var generator = SeededGenerator(seed: seed)
            // Odd seeds: wide integers (hashed folds); even: a few values (duplicate keys everywhere).
            let spread: Int64 = seed % 2 == 1 ? 100_000 : 6
            let dictionaries = [SharedDictionary(), SharedDictionary()]
            let build = batch(rows: seed == 1 ? 0 : 400, spread: spread, texts: 60, sharing: seed == 4 ? nil : dictionaries[0], using: &generator)
            // Probe batches through the build's shared dictionary, another one and none: encoders go over to bytes.
            let probes = [dictionaries[0], dictionaries[1], nil].map {
                batch(rows: 150, spread: spread, texts: 70, sharing: $0, using: &generator)
            }
            for keys in keySets {
                let table = try JoinHashTable(keys: keys.map { .column($0, schema.fields[$0].type) }, of: build)
                hashedFolds += table.hashedFoldCount
                for keepUnmatched in [false, true] {
                    var encoders = table.encoders
                    for (index, probe) in probes.enumerated() {
                        let expected = nestedLoop(probe, build, keys: keys, keepUnmatched: keepUnmatched)
                        for limit in [Int.max, 1, 7, 64] {
                            XCTAssertEqual(
                                try joined(table, probe, keys: keys, encoders: &encoders, keepUnmatched: keepUnmatched, limit: limit),
                                expected, "seed \(seed), keys \(keys), probe \(index), keep unmatched \(keepUnmatched), limit \(limit)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(hashedFolds, 0, "some key space was large enough to fold through a hash index")
    }

    /// When every probe row matches one build row, the probe side needs no gather: its rows come back as nil.
    func testEveryRowMatchingOnceNeedsNoProbeGather() throws {
        let build = Batch(schema: Schema([Field("k", .string, nullable: false)]), columns: [.string(StringColumn(["a", "b", "c"]))])
        let probe = Batch(schema: build.schema, columns: [.string(StringColumn(["c", "a", "a", "b"]))])
        let keys = [BoundExpression.column(0, .string)]
        let table = try JoinHashTable(keys: keys, of: build)
        var encoders = table.encoders
        let firstMatches = try table.firstMatches(of: keys, in: probe, encoders: &encoders)
        XCTAssertEqual(firstMatches, [2, 0, 0, 1])
        var cursor = JoinHashTable.PairCursor()
        let (probeRows, buildRows) = table.pairs(firstMatches, keepUnmatched: false, from: &cursor, limit: .max)
        XCTAssertNil(probeRows)
        XCTAssertEqual(buildRows, [2, 0, 0, 1])
    }
}
