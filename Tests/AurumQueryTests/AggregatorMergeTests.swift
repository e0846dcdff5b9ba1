import AurumCore
import XCTest

@testable import AurumQuery

/// Aggregated queries run on every core: each worker aggregates some row groups and the workers' aggregators are
/// merged. Merging must give what one aggregator fed every batch gives — groups matched by key value (NULL and
/// -1 included), counts and sums added, extremes compared, and DISTINCT values counted once across workers.
final class AggregatorMergeTests: XCTestCase {
    private let keyTypes: [DataType] = [.string, .int64]
    private let specs: [AggregateSpec] = [
        AggregateSpec(kind: .count, argument: nil, distinct: false, type: .int64, text: "count(*)"),
        AggregateSpec(kind: .count, argument: .column(3, .double), distinct: false, type: .int64, text: "count(x)"),
        AggregateSpec(kind: .sum, argument: .column(2, .int64), distinct: false, type: .int64, text: "sum(n)"),
        AggregateSpec(kind: .sum, argument: .column(3, .double), distinct: false, type: .double, text: "sum(x)"),
        AggregateSpec(kind: .avg, argument: .column(3, .double), distinct: false, type: .double, text: "avg(x)"),
        AggregateSpec(kind: .min, argument: .column(2, .int64), distinct: false, type: .int64, text: "min(n)"),
        AggregateSpec(kind: .max, argument: .column(3, .double), distinct: false, type: .double, text: "max(x)"),
        AggregateSpec(kind: .max, argument: .column(4, .string), distinct: false, type: .string, text: "max(t)"),
        AggregateSpec(kind: .count, argument: .column(4, .string), distinct: true, type: .int64, text: "count(DISTINCT t)"),
        AggregateSpec(kind: .sum, argument: .column(2, .int64), distinct: true, type: .int64, text: "sum(DISTINCT n)"),
    ]

    /// Batches of (k1 text, k2 int, n int, x double, t text), with NULLs in every column.
    private func batches(seed: UInt64, count: Int) -> [Batch] {
        var generator = SeededGenerator(seed: seed)
        let schema = Schema([
            Field("k1", .string, nullable: true), Field("k2", .int64, nullable: true), Field("n", .int64, nullable: true),
            Field("x", .double, nullable: true), Field("t", .string, nullable: true),
        ])
        return (0..<count).map { _ in
            let rows = Int.random(in: 0...300, using: &generator)
            var k1 = StringColumnBuilder()
            var t = StringColumnBuilder()
            var k2: [Int64] = []
            var k2Valid: [UInt8] = []
            var n: [Int64] = []
            var nValid: [UInt8] = []
            var x: [Double] = []
            var xValid: [UInt8] = []
            for _ in 0..<rows {
                k1.append(Int.random(in: 0..<10, using: &generator) == 0 ? nil : ["a", "b", "c", "é"][Int.random(in: 0..<4, using: &generator)])
                t.append(Int.random(in: 0..<8, using: &generator) == 0 ? nil : "v\(Int.random(in: 0..<20, using: &generator))")
                k2.append([-1, 0, 1, 7][Int.random(in: 0..<4, using: &generator)])
                k2Valid.append(Int.random(in: 0..<6, using: &generator) == 0 ? 0 : 1)
                n.append(Int64.random(in: -5...5, using: &generator))
                nValid.append(Int.random(in: 0..<7, using: &generator) == 0 ? 0 : 1)
                x.append(Double(Int.random(in: -100...100, using: &generator)) / 4)
                xValid.append(Int.random(in: 0..<9, using: &generator) == 0 ? 0 : 1)
            }
            return Batch(schema: schema, columns: [
                .string(k1.finish()), .int64(PrimitiveColumn(values: k2, validity: k2Valid)),
                .int64(PrimitiveColumn(values: n, validity: nValid)), .double(PrimitiveColumn(values: x, validity: xValid)),
                .string(t.finish()),
            ])
        }
    }

    private func feed(_ aggregator: Aggregator, _ batch: Batch) throws {
        guard batch.rowCount > 0 else { return }
        let arguments = specs.map { spec in spec.argument.map { expression -> Column in
            guard case .column(let index, _) = expression else { preconditionFailure() }
            return batch.columns[index]
        } }
        try aggregator.add(keys: [batch.columns[0], batch.columns[1]], arguments: arguments, filters: arguments.map { _ in nil }, rowCount: batch.rowCount, offset: 0)
    }

    /// The result's rows as text, sorted (group order depends on who saw a group first).
    private func rows(_ aggregator: Aggregator) -> [String] {
        let keyFields = [Field("k1", .string, nullable: true), Field("k2", .int64, nullable: true)]
        let batch = aggregator.finish(keyFields: keyFields, aggregateFields: specs.map { Field($0.text, $0.type, nullable: true) })
        return (0..<batch.rowCount).map { row in
            batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|")
        }.sorted()
    }

    /// How the text columns of a test's batches are tied to shared dictionaries.
    private enum Sharing: CaseIterable {
        /// Not at all: text is matched by its bytes.
        case none
        /// One shared dictionary per column, as a stored column's blocks are.
        case one
        /// Every other batch: encoders go over from shared codes to bytes part way.
        case some
        /// Two dictionaries per column, batch by batch in turn.
        case two
    }

    /// `input` with its text columns tied to shared dictionaries as `sharing` says.
    private func shared(_ input: [Batch], _ sharing: Sharing) -> [Batch] {
        let dictionaries = (0..<2).map { _ in (0..<5).map { _ in SharedDictionary() } }
        return input.enumerated().map { position, batch in
            let dictionary: [SharedDictionary]?
            switch sharing {
            case .none: dictionary = nil
            case .one: dictionary = dictionaries[0]
            case .some: dictionary = position % 2 == 0 ? dictionaries[0] : nil
            case .two: dictionary = dictionaries[position % 2]
            }
            guard let dictionary else { return batch }
            return Batch(schema: batch.schema, columns: batch.columns.indices.map { index in
                guard case .string(let text) = batch.columns[index] else { return batch.columns[index] }
                return .string(StringColumn(dictionary: text.dictionary, codes: text.codes, validity: text.validity, shared: SharedCodes(in: dictionary[index])))
            })
        }
    }

    func testMergedWorkersEqualOneAggregator() throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let plain = batches(seed: seed, count: 9)
            let single = Aggregator(keyTypes: keyTypes, specs: specs)
            for batch in plain { try feed(single, batch) }
            for sharing in Sharing.allCases {
                let input = shared(plain, sharing)
                for workers in [1, 2, 3] {
                    // `last` on the last merge only (as the executor does), and on none: DISTINCT counts either
                    // record the pairs they add or just count them.
                    for lastMerge in [true, false] {
                        let parts = (0..<workers).map { _ in Aggregator(keyTypes: keyTypes, specs: specs) }
                        for (position, batch) in input.enumerated() { try feed(parts[position % workers], batch) }
                        for (position, other) in parts.enumerated().dropFirst() {
                            try parts[0].merge(other, last: lastMerge && position == workers - 1)
                        }
                        XCTAssertEqual(
                            rows(parts[0]), rows(single), "seed \(seed), \(sharing), \(workers) workers, last merge \(lastMerge)")
                    }
                }
            }
        }
    }

    func testMergingAnEmptyAggregatorChangesNothing() throws {
        let input = batches(seed: 99, count: 3)
        let filled = Aggregator(keyTypes: keyTypes, specs: specs)
        let reference = Aggregator(keyTypes: keyTypes, specs: specs)
        for batch in input {
            try feed(filled, batch)
            try feed(reference, batch)
        }
        try filled.merge(Aggregator(keyTypes: keyTypes, specs: specs), last: true)
        XCTAssertEqual(rows(filled), rows(reference))
    }

    /// A DISTINCT count over text with far more values than one merge piece looks up: the values and pairs
    /// another worker saw are checked against this one's in several pieces, on every core.
    func testDistinctTextOverManyValuesMerges() throws {
        var generator = SeededGenerator(seed: 5)
        let schema = Schema([Field("g", .int64, nullable: false), Field("t", .string, nullable: true)])
        let input = (0..<12).map { _ -> Batch in
            var t = StringColumnBuilder()
            var g: [Int64] = []
            for _ in 0..<20_000 {
                g.append(Int64.random(in: 0..<40, using: &generator))
                t.append(Int.random(in: 0..<50, using: &generator) == 0 ? nil : "ad-\(Int.random(in: 0..<60_000, using: &generator))")
            }
            return Batch(schema: schema, columns: [.int64(PrimitiveColumn(values: g)), .string(t.finish())])
        }
        let spec = AggregateSpec(kind: .count, argument: .column(1, .string), distinct: true, type: .int64, text: "count(DISTINCT t)")
        func run(workers: Int) throws -> [String] {
            let parts = (0..<workers).map { _ in Aggregator(keyTypes: [.int64], specs: [spec]) }
            for (position, batch) in input.enumerated() {
                try parts[position % workers].add(keys: [batch.columns[0]], arguments: [batch.columns[1]], filters: [nil], rowCount: batch.rowCount, offset: 0)
            }
            for (position, other) in parts.enumerated().dropFirst() { try parts[0].merge(other, last: position == workers - 1) }
            let batch = parts[0].finish(keyFields: [Field("g", .int64, nullable: false)], aggregateFields: [Field("n", .int64, nullable: true)])
            return (0..<batch.rowCount).map { row in batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|") }.sorted()
        }
        let single = try run(workers: 1)
        XCTAssertEqual(single.count, 40)
        XCTAssertEqual(try run(workers: 2), single)
        XCTAssertEqual(try run(workers: 3), single)
    }
}

/// The partitioned (radix) merge: every worker splits its groups by a hash of their keys, and each partition is
/// merged on its own. It must give what one aggregator fed every batch gives, for any number of workers, for
/// every aggregate kind (the exact decimal sum included), DISTINCT and FILTER; and the same order on every run.
final class PartitionedMergeTests: XCTestCase {
    private let keyTypes: [DataType] = [.string, .int64]
    private let keyFields = [Field("k1", .string, nullable: true), Field("k2", .int64, nullable: true)]
    /// Over (k1 text, k2 int, n int, x double, t text, d date); the ones marked filter see only rows with n > 0.
    private let specs: [(spec: AggregateSpec, filtered: Bool)] = [
        (AggregateSpec(kind: .count, argument: nil, distinct: false, type: .int64, text: "count(*)"), false),
        (AggregateSpec(kind: .count, argument: nil, distinct: false, type: .int64, text: "count(*) FILTER"), true),
        (AggregateSpec(kind: .count, argument: .column(3, .double), distinct: false, type: .int64, text: "count(x)"), false),
        (AggregateSpec(kind: .sum, argument: .column(2, .int64), distinct: false, type: .int64, text: "sum(n)"), false),
        (AggregateSpec(kind: .sum, argument: .column(3, .double), distinct: false, type: .double, text: "sum(x)"), true),
        (AggregateSpec(kind: .sum, argument: .column(3, .double), distinct: false, type: .double, decimal: true, text: "exact sum(x)"), false),
        (AggregateSpec(kind: .avg, argument: .column(3, .double), distinct: false, type: .double, decimal: true, text: "exact avg(x)"), true),
        (AggregateSpec(kind: .avg, argument: .column(2, .int64), distinct: false, type: .double, text: "avg(n)"), false),
        (AggregateSpec(kind: .min, argument: .column(2, .int64), distinct: false, type: .int64, text: "min(n)"), true),
        (AggregateSpec(kind: .max, argument: .column(3, .double), distinct: false, type: .double, text: "max(x)"), false),
        (AggregateSpec(kind: .min, argument: .column(4, .string), distinct: false, type: .string, text: "min(t)"), false),
        (AggregateSpec(kind: .max, argument: .column(5, .date), distinct: false, type: .date, text: "max(d)"), true),
        (AggregateSpec(kind: .count, argument: .column(4, .string), distinct: true, type: .int64, text: "count(DISTINCT t)"), false),
        (AggregateSpec(kind: .count, argument: .column(4, .string), distinct: true, type: .int64, text: "count(DISTINCT t) FILTER"), true),
        (AggregateSpec(kind: .sum, argument: .column(2, .int64), distinct: true, type: .int64, text: "sum(DISTINCT n)"), false),
        (AggregateSpec(kind: .avg, argument: .column(3, .double), distinct: true, type: .double, text: "avg(DISTINCT x)"), true),
    ]

    /// 12 batches of 3,000 rows over about 2,000 × 9 key pairs (NULLs in every column): tens of thousands of groups.
    private func batches() -> [Batch] {
        var generator = SeededGenerator(seed: 42)
        let schema = Schema([
            Field("k1", .string, nullable: true), Field("k2", .int64, nullable: true), Field("n", .int64, nullable: true),
            Field("x", .double, nullable: true), Field("t", .string, nullable: true), Field("d", .date, nullable: true),
        ])
        func valid(_ oneIn: Int) -> UInt8 { Int.random(in: 0..<oneIn, using: &generator) == 0 ? 0 : 1 }
        return (0..<12).map { _ in
            var k1 = StringColumnBuilder()
            var t = StringColumnBuilder()
            var k2: [Int64] = [], n: [Int64] = [], x: [Double] = [], d: [Int32] = []
            var k2Valid: [UInt8] = [], nValid: [UInt8] = [], xValid: [UInt8] = [], dValid: [UInt8] = []
            for _ in 0..<3_000 {
                k1.append(valid(50) == 0 ? nil : "c\(Int.random(in: 0..<2_000, using: &generator))")
                t.append(valid(8) == 0 ? nil : "v\(Int.random(in: 0..<30, using: &generator))")
                k2.append(Int64.random(in: -3...4, using: &generator))
                k2Valid.append(valid(20))
                n.append(Int64.random(in: -5...5, using: &generator))
                nValid.append(valid(7))
                // Quarters: double sums are exact too, so any order of addition gives the same result.
                x.append(Double(Int.random(in: -10_000...10_000, using: &generator)) / 4)
                xValid.append(valid(9))
                d.append(Int32.random(in: 19_000...19_400, using: &generator))
                dValid.append(valid(11))
            }
            return Batch(schema: schema, columns: [
                .string(k1.finish()), .int64(PrimitiveColumn(values: k2, validity: k2Valid)),
                .int64(PrimitiveColumn(values: n, validity: nValid)), .double(PrimitiveColumn(values: x, validity: xValid)),
                .string(t.finish()), .date(PrimitiveColumn(values: d, validity: dValid)),
            ])
        }
    }

    private func feed(_ aggregator: Aggregator, _ batch: Batch) throws {
        let positive = (0..<batch.rowCount).filter { row in
            guard case .int64(let n) = batch.columns[2], n.validity?[row] != 0 else { return false }
            return n.values[row] > 0
        }
        let arguments = specs.map { entry in entry.spec.argument.map { expression -> Column in
            guard case .column(let index, _) = expression else { preconditionFailure() }
            return batch.columns[index]
        } }
        try aggregator.add(
            keys: [batch.columns[0], batch.columns[1]], arguments: arguments, filters: specs.map { $0.filtered ? positive : nil },
            rowCount: batch.rowCount, offset: 0)
    }

    /// The grouped rows of `workers` aggregators fed batch `i` on worker `i % workers`, as text, in result order.
    /// With `shown`, only the rows a table of those would show, and the result's row count must be every group's.
    private func run(workers: Int, partitionedFrom minimum: Int, input: [Batch], shown: ShownRows? = nil) throws -> [String] {
        let partitions = PartitionedMerge.partitionCount(workers: workers)
        let parts = (0..<workers).map { _ in Aggregator(keyTypes: keyTypes, specs: specs.map(\.spec), partitions: partitions) }
        for (position, batch) in input.enumerated() { try feed(parts[position % workers], batch) }
        let (batch, rowCount) = try PartitionedMerge.finish(
            parts, keyFields: keyFields, aggregateFields: specs.map { Field($0.spec.text, $0.spec.type, nullable: true) },
            shown: shown, partitionedFrom: minimum)
        XCTAssertEqual(batch.rowCount, shown.map { min($0.count, rowCount) } ?? rowCount)
        return (0..<batch.rowCount).map { row in batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|") }
    }

    func testPartitionedMergeEqualsOneAggregatorForAnyWorkerCount() throws {
        let input = batches()
        let single = try run(workers: 1, partitionedFrom: 0, input: input)
        XCTAssertGreaterThan(single.count, 10_000, "many groups")
        func assertSame(_ actual: [String], _ expected: [String], _ what: String) {
            XCTAssertEqual(actual.count, expected.count, what)
            let difference = zip(actual, expected).first { $0 != $1 }
            XCTAssertNil(difference, what)
        }
        let expected = single.sorted()
        // Text tied to shared dictionaries (as a store's blocks are): keys and DISTINCT values move between
        // aggregators by shared code.
        let dictionaries = (0..<6).map { _ in SharedDictionary() }
        let shared = input.map { batch in
            Batch(schema: batch.schema, columns: batch.columns.indices.map { index in
                guard case .string(let text) = batch.columns[index] else { return batch.columns[index] }
                return .string(StringColumn(dictionary: text.dictionary, codes: text.codes, validity: text.validity, shared: SharedCodes(in: dictionaries[index])))
            })
        }
        assertSame(try run(workers: 3, partitionedFrom: 0, input: shared).sorted(), expected, "3 workers, shared dictionaries")
        for workers in [2, 3, 8] {
            let partitioned = try run(workers: workers, partitionedFrom: 0, input: input)
            assertSame(partitioned.sorted(), expected, "\(workers) workers, partitioned")
            assertSame(try run(workers: workers, partitionedFrom: Int.max, input: input).sorted(), expected, "\(workers) workers, serial")
            assertSame(try run(workers: workers, partitionedFrom: 0, input: input), partitioned, "the same order on every run")
            // Only the rows a table shows, partitioned or not: the ends of the same result, the rest never finished.
            for minimum in [0, Int.max] {
                let whole = minimum == 0 ? partitioned : try run(workers: workers, partitionedFrom: minimum, input: input)
                let shown = ShownRows(atMost: 7)
                assertSame(try run(workers: workers, partitionedFrom: minimum, input: input, shown: shown),
                           shown.rows(of: whole.count).map { whole[$0] }, "\(workers) workers, from \(minimum), shown ends")
            }
        }
    }

    func testPartitionsArePowersOfTwoCoveringTheWorkers() {
        for workers in [1, 2, 3, 8, 16, 100] {
            let count = PartitionedMerge.partitionCount(workers: workers)
            XCTAssertEqual(count & (count - 1), 0)
            // One worker has nothing to merge, two fold serially (cheaper on two cores, as measured); more have
            // at least 16 partitions, and at most 64.
            XCTAssertEqual(count == 1, workers <= PartitionedMerge.serialFoldUpTo)
            XCTAssertTrue(workers <= PartitionedMerge.serialFoldUpTo || (16...64).contains(count))
        }
    }

    /// Equal keys seen by different workers (whose codes differ) hash alike: one group, not one per worker.
    func testAGroupSeenByEveryWorkerLandsInOnePartition() throws {
        let input = batches()
        let merged = try run(workers: 8, partitionedFrom: 0, input: input)
        let keys = merged.map { $0.split(separator: "|").prefix(2).joined(separator: "|") }
        XCTAssertEqual(Set(keys).count, keys.count)
    }
}

/// SplitMix64: reproducible test data (also for the join tests).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Two workers' many hashed groups, merged by lookup and concatenation (``Aggregator/mergedRows(with:keyFields:aggregateFields:)``):
/// row for row — order included — what merging then finishing gives, over groups both workers saw and groups
/// only one did, NULL keys, text with and without shared dictionaries, every kind of aggregate but DISTINCT; the
/// same error when a combined sum overflows; and no shortcut where it does not apply.
final class AggregatorMergedRowsTests: XCTestCase {
    private let keyTypes: [DataType] = [.string, .int64, .date]
    private let keyFields = [Field("k1", .string, nullable: true), Field("k2", .int64, nullable: true), Field("k3", .date, nullable: true)]
    /// Over (k1 text, k2 int, k3 date, n int, x double, t text).
    private let specs: [AggregateSpec] = [
        AggregateSpec(kind: .count, argument: nil, distinct: false, type: .int64, text: "count(*)"),
        AggregateSpec(kind: .count, argument: .column(4, .double), distinct: false, type: .int64, text: "count(x)"),
        AggregateSpec(kind: .sum, argument: .column(3, .int64), distinct: false, type: .int64, text: "sum(n)"),
        AggregateSpec(kind: .sum, argument: .column(4, .double), distinct: false, type: .double, text: "sum(x)"),
        AggregateSpec(kind: .sum, argument: .column(4, .double), distinct: false, type: .double, decimal: true, text: "exact sum(x)"),
        AggregateSpec(kind: .avg, argument: .column(3, .int64), distinct: false, type: .double, text: "avg(n)"),
        AggregateSpec(kind: .min, argument: .column(3, .int64), distinct: false, type: .int64, text: "min(n)"),
        AggregateSpec(kind: .max, argument: .column(4, .double), distinct: false, type: .double, text: "max(x)"),
        AggregateSpec(kind: .min, argument: .column(5, .string), distinct: false, type: .string, text: "min(t)"),
    ]

    /// Batches over groups `first..<first + span` of a key space of ~2^24 packed (so hashed), or with `narrow`
    /// of 2^17 (looked up directly), some NULL keys.
    private func batches(seed: UInt64, first: Int, span: Int, shared: SharedDictionary?, big: Int64 = 0, narrow: Bool = false) -> [Batch] {
        var generator = SeededGenerator(seed: seed)
        let schema = Schema(keyFields + [
            Field("n", .int64, nullable: true), Field("x", .double, nullable: true), Field("t", .string, nullable: true),
        ])
        var bigPlaced = big == 0
        return (0..<6).map { _ in
            var (k1, t) = (StringColumnBuilder(), StringColumnBuilder())
            var (k2, k3, n, x) = ([Int64](), [Int32](), [Int64](), [Double]())
            var (k2Valid, xValid) = ([UInt8](), [UInt8]())
            for _ in 0..<8_000 {
                // (With `big`: one row of group `first` holds it, the first row.)
                let group = bigPlaced ? first + Int.random(in: 0..<span, using: &generator) : first
                let (first, second) = narrow ? (group % 64, group / 64 % 600) : (group % 131, group / 131 % 1_000)
                k1.append(group % 97 == 0 ? nil : "c-\(first)")
                k2.append(Int64(second))
                k2Valid.append(group % 89 == 0 ? 0 : 1)
                k3.append(Int32(19_000 + (narrow ? 0 : group % 37)))
                n.append(bigPlaced ? Int64.random(in: -50...50, using: &generator) : big)
                bigPlaced = true
                x.append(Double(Int.random(in: -4_000...4_000, using: &generator)) / 100)
                xValid.append(Int.random(in: 0..<11, using: &generator) == 0 ? 0 : 1)
                t.append("t\(Int.random(in: 0..<30, using: &generator))")
            }
            func text(_ builder: StringColumnBuilder) -> Column {
                let column = builder.finish()
                return .string(StringColumn(dictionary: column.dictionary, codes: column.codes, validity: column.validity,
                                            shared: shared.map { SharedCodes(in: $0) }))
            }
            return Batch(schema: schema, columns: [
                text(k1), .int64(PrimitiveColumn(values: k2, validity: k2Valid)), .date(PrimitiveColumn(values: k3)),
                .int64(PrimitiveColumn(values: n)), .double(PrimitiveColumn(values: x, validity: xValid)), text(t),
            ])
        }
    }

    private func feed(_ aggregator: Aggregator, _ input: [Batch]) throws {
        for batch in input {
            let arguments = aggregator.specs.map { spec in spec.argument.map { expression -> Column in
                guard case .column(let index, _) = expression else { preconditionFailure() }
                return batch.columns[index]
            } }
            try aggregator.add(keys: Array(batch.columns[0..<3]), arguments: arguments, filters: arguments.map { _ in nil },
                               rowCount: batch.rowCount, offset: 0)
        }
    }

    private func rows(_ batch: Batch) -> [String] {
        (0..<batch.rowCount).map { row in batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|") }
    }

    private var aggregateFields: [Field] { specs.map { Field($0.text, $0.type, nullable: true) } }

    private func workers(_ first: [Batch], _ second: [Batch], specs: [AggregateSpec]? = nil) throws -> (Aggregator, Aggregator) {
        let pair = (Aggregator(keyTypes: keyTypes, specs: specs ?? self.specs), Aggregator(keyTypes: keyTypes, specs: specs ?? self.specs))
        try feed(pair.0, first)
        try feed(pair.1, second)
        return pair
    }

    func testConcatenatedRowsAreTheMergedRows() throws {
        for (shared, narrow) in [(nil, false), (SharedDictionary(), false), (SharedDictionary(), true)] {
            // Overlapping by a fifth, by all, and not at all.
            for (start, span) in [(30_000, 40_000), (0, 40_000), (40_000, 40_000)] {
                let first = batches(seed: 1, first: 0, span: 40_000, shared: shared, narrow: narrow)
                let second = batches(seed: 2, first: start, span: span, shared: shared, narrow: narrow)
                let (merged, other) = try workers(first, second)
                try merged.merge(other, last: true)
                let expected = rows(merged.finish(keyFields: keyFields, aggregateFields: aggregateFields))
                let (own, theirs) = try workers(first, second)
                let concatenated = try XCTUnwrap(own.mergedRows(with: theirs, keyFields: keyFields, aggregateFields: aggregateFields))
                XCTAssertEqual(rows(concatenated.batch), expected, "shared \(shared != nil), narrow \(narrow), second from \(start)")
                XCTAssertEqual(concatenated.rowCount, expected.count)
                // Only the rows a table of 9 shows: the ends of the same rows (this worker's first, the other's last).
                let (mine, others) = try workers(first, second)
                let shown = try XCTUnwrap(mine.mergedRows(with: others, keyFields: keyFields, aggregateFields: aggregateFields, shown: ShownRows(atMost: 9)))
                XCTAssertEqual(rows(shown.batch), ShownRows(atMost: 9).rows(of: expected.count).map { expected[$0] })
                XCTAssertEqual(shown.rowCount, expected.count)
            }
        }
    }

    func testAnOverflowingCombinedSumFailsAlike() throws {
        let first = batches(seed: 3, first: 0, span: 30_000, shared: nil, big: Int64.max - 10)
        let second = batches(seed: 4, first: 0, span: 30_000, shared: nil, big: Int64.max - 10)
        let (merged, other) = try workers(first, second)
        var expected: QueryError?
        XCTAssertThrowsError(try merged.merge(other, last: true)) { expected = $0 as? QueryError }
        let (own, theirs) = try workers(first, second)
        XCTAssertThrowsError(try own.mergedRows(with: theirs, keyFields: keyFields, aggregateFields: aggregateFields)) { error in
            XCTAssertEqual(error as? QueryError, expected)
        }
    }

    func testNoShortcutForDistinctOrFewGroups() throws {
        let distinct = specs + [AggregateSpec(kind: .count, argument: .column(5, .string), distinct: true, type: .int64, text: "count(DISTINCT t)")]
        let (own, theirs) = try workers(batches(seed: 5, first: 0, span: 40_000, shared: nil), batches(seed: 6, first: 0, span: 40_000, shared: nil), specs: distinct)
        XCTAssertNil(try own.mergedRows(with: theirs, keyFields: keyFields, aggregateFields: distinct.map { Field($0.text, $0.type, nullable: true) }))
        let (few, others) = try workers(batches(seed: 7, first: 0, span: 500, shared: nil), batches(seed: 8, first: 0, span: 500, shared: nil))
        XCTAssertNil(try few.mergedRows(with: others, keyFields: keyFields, aggregateFields: aggregateFields))
    }
}
