import AurumCore
import XCTest

@testable import AurumQuery

/// arg_max / arg_min (max_by / min_by): NULL keys and values skipped, ties broken by the value whatever order the
/// rows come in and however they are split between states, keys of each type, and the calls refused at binding.
final class ArgExtremeAggregateTests: XCTestCase {
    private func spec(_ kind: AggregateKind, value: DataType, key: DataType) -> AggregateSpec {
        AggregateSpec(kind: kind, argument: .column(0, value), key: .column(1, key), distinct: false, type: value, text: "\(kind.rawValue)(v, k)")
    }

    /// The values per group after `batches` (value column, key column, groups) went into one state each and the
    /// states were combined into the first, in order.
    private func run(_ spec: AggregateSpec, groups: Int, _ batches: [(Column, Column, [UInt32])]) throws -> [Value] {
        let function = AggregateFunctions.function(for: spec)
        let states = batches.map { _ in function.makeState(for: spec) }
        for (state, (values, keys, rowGroups)) in zip(states, batches) {
            state.grow(to: groups)
            try state.update(AggregateInput(argument: values, key: keys, groups: rowGroups, distinctRows: nil, single: false, offset: 0))
        }
        for other in states.dropFirst() { try states[0].combine(other, sources: nil, targets: (0..<groups).map(UInt32.init)) }
        let column = states[0].finish()
        return (0..<column.count).map { column.value(at: $0) }
    }

    private func ints(_ values: [Int64?]) -> Column {
        .int64(PrimitiveColumn(values: values.map { $0 ?? 0 }, validity: values.map { $0 == nil ? 0 : 1 }))
    }

    private func texts(_ values: [String?]) -> Column { .string(StringColumn(values)) }

    func testNullKeysAndValuesAreSkipped() throws {
        // Group 0: the largest key's value is NULL, so the next row wins (as DuckDB's arg_max); group 1: no key.
        let result = try run(spec(.argMax, value: .int64, key: .int64), groups: 2, [
            (ints([10, nil, 30, 40]), ints([1, 9, 5, nil]), [0, 0, 0, 1]),
        ])
        XCTAssertEqual(result, [.int64(30), .null])
        let smallest = try run(spec(.minBy, value: .int64, key: .int64), groups: 1, [(ints([10, nil, 30]), ints([3, 1, 2]), [0, 0, 0])])
        XCTAssertEqual(smallest, [.int64(30)])
    }

    func testTiesGoToTheValueWhateverTheOrder() throws {
        let values = texts(["b", "c", "a"])
        let keys = ints([7, 7, 7])
        for kind in [AggregateKind.argMax, .maxBy] {
            let together = try run(spec(kind, value: .string, key: .int64), groups: 1, [(values, keys, [0, 0, 0])])
            let reversed = try run(spec(kind, value: .string, key: .int64), groups: 1, [(texts(["a", "c", "b"]), keys, [0, 0, 0])])
            let split = try run(spec(kind, value: .string, key: .int64), groups: 1, [
                (texts(["a"]), ints([7]), [0]), (texts(["c", "b"]), ints([7, 7]), [0, 0]),
            ])
            XCTAssertEqual([together, reversed, split], Array(repeating: [Value.string("c")], count: 3), "\(kind)")
        }
        let smallest = try run(spec(.argMin, value: .string, key: .int64), groups: 1, [(texts(["c"]), ints([7]), [0]), (values, keys, [0, 0, 0])])
        XCTAssertEqual(smallest, [.string("a")])
    }

    func testKeysOfEachType() throws {
        let dates = Column.date(PrimitiveColumn(values: [19_000, 19_010, 18_990]))
        XCTAssertEqual(try run(spec(.argMax, value: .int64, key: .date), groups: 1, [(ints([1, 2, 3]), dates, [0, 0, 0])]), [.int64(2)])
        // Text by bytes: "Zeta" < "alpha".
        XCTAssertEqual(try run(spec(.argMin, value: .int64, key: .string), groups: 1, [(ints([1, 2]), texts(["alpha", "Zeta"]), [0, 0])]), [.int64(2)])
        let doubles = Column.double(PrimitiveColumn(values: [1.5, .nan, -3]))
        XCTAssertEqual(try run(spec(.argMax, value: .int64, key: .double), groups: 1, [(ints([1, 2, 3]), doubles, [0, 0, 0])]), [.int64(2)], "NaN above every number")
        XCTAssertEqual(try run(spec(.argMin, value: .int64, key: .double), groups: 1, [(ints([1, 2, 3]), doubles, [0, 0, 0])]), [.int64(3)])
    }

    func testBindingRefusals() throws {
        let batch = FunctionProbe.batch(dates: ["2024-01-31"], numbers: [5], doubles: [2.5], texts: ["beta"])
        for (text, expected) in [("arg_max(n)", "takes two arguments"), ("max_by(n, d, x)", "takes two arguments"),
                                 ("arg_min(DISTINCT n, d)", "DISTINCT"), ("sum(n, d)", "exactly one argument")] {
            var binder = ExpressionBinder(schema: batch.schema, tableName: "t", today: Date32(days: 19_858), synonyms: [:], clause: "the select list")
            binder.aggregates = AggregateContext()
            let statement = try Parser.parse("SELECT \(text) FROM t")
            let item = try XCTUnwrap(statement.items.first?.expression)
            XCTAssertThrowsError(try binder.bind(item), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }
}
