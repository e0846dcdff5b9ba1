import AurumCore
import XCTest

@testable import AurumQuery

/// The aggregate registry: which function binds a call and to what type, and each state's update, combine (of a
/// subset of another state's groups, as the partitioned merge does) and finish.
final class AggregateFunctionsTests: XCTestCase {
    private func call(_ kind: AggregateKind, _ type: DataType?, decimal: Bool = false, null: Bool = false) -> AggregateCall {
        AggregateCall(kind: kind, argumentType: type, argumentIsNull: null, argumentIsDecimalColumn: decimal, distinct: false, argumentOffset: 3)
    }

    func testBindingPicksTheFunctionAndResultType() throws {
        let cases: [(AggregateCall, any AggregateFunction.Type, DataType)] = [
            (call(.count, nil), CountAggregate.self, .int64), (call(.count, .string), CountAggregate.self, .int64),
            (call(.sum, .int64), SumAggregate.self, .int64), (call(.sum, .double), SumAggregate.self, .double),
            (call(.sum, .double, decimal: true), DecimalSumAggregate.self, .double),
            (call(.avg, .double, decimal: true), DecimalSumAggregate.self, .double),
            (call(.avg, .int64), AverageAggregate.self, .double), (call(.sum, .string, null: true), SumAggregate.self, .double),
            (call(.min, .date), ExtremeAggregate.self, .date), (call(.max, .string), ExtremeAggregate.self, .string),
            (call(.max, .double, decimal: true), ExtremeAggregate.self, .double),
        ]
        for (call, expected, type) in cases {
            let function = try XCTUnwrap(AggregateFunctions.function(for: call))
            XCTAssertEqual(ObjectIdentifier(function), ObjectIdentifier(expected), "\(call.kind) \(String(describing: call.argumentType)): \(function)")
            XCTAssertEqual(try function.resultType(of: call), type)
        }
        for kind in [AggregateKind.sum, .avg] {
            XCTAssertThrowsError(try SumAggregate.resultType(of: call(kind, .string))) { error in
                guard case .typeMismatch(_, let offset) = error as? QueryError else { return XCTFail("\(error)") }
                XCTAssertEqual(offset, 3)
            }
        }
        XCTAssertThrowsError(try AverageAggregate.resultType(of: call(.avg, .date)))
        XCTAssertEqual(Set(AggregateFunctions.all.flatMap { $0.names }), Set(AggregateKind.allCases), "every name has a function")
    }

    private func spec(_ kind: AggregateKind, _ type: DataType, result: DataType, decimal: Bool = false) -> AggregateSpec {
        AggregateSpec(kind: kind, argument: .column(0, type), distinct: false, type: result, decimal: decimal, text: "\(kind.rawValue)(x)")
    }

    /// Rows 0…5 into groups [0, 1, 0, 2, 1, 0] (group 2's value NULL) in one state, then groups 1 and 2 of a
    /// second state (which saw 7 and NULL into its groups 0 and 1) folded into groups 0 and 2.
    private func run(_ spec: AggregateSpec, _ values: Column, _ more: Column) throws -> [String] {
        let function = AggregateFunctions.function(for: spec)
        let state = function.makeState(for: spec)
        state.grow(to: 3)
        try state.update(AggregateInput(argument: values, groups: [0, 1, 0, 2, 1, 0], distinctRows: nil, single: false, offset: 0))
        let other = function.makeState(for: spec)
        other.grow(to: 2)
        try other.update(AggregateInput(argument: more, groups: [0, 1], distinctRows: nil, single: false, offset: 0))
        try state.combine(other, sources: [1, 0], targets: [2, 0])
        let column = state.finish()
        return (0..<column.count).map { "\(column.value(at: $0))" }
    }

    func testEachStateUpdatesCombinesAGroupSubsetAndFinishes() throws {
        let ints = Column.int64(PrimitiveColumn(values: [1, 2, 3, 99, 4, 5], validity: [1, 1, 1, 0, 1, 1]))
        let moreInts = Column.int64(PrimitiveColumn(values: [7, 0], validity: [1, 0]))
        let doubles = Column.double(PrimitiveColumn(values: [0.1, 0.2, 0.7, 9, 0.3, 0.2], validity: [1, 1, 1, 0, 1, 1]))
        let moreDoubles = Column.double(PrimitiveColumn(values: [0.4, 0], validity: [1, 0]))
        XCTAssertEqual(try run(spec(.count, .int64, result: .int64), ints, moreInts), ["4", "2", "0"])
        XCTAssertEqual(try run(spec(.sum, .int64, result: .int64), ints, moreInts), ["16", "6", "NULL"])
        XCTAssertEqual(try run(spec(.min, .int64, result: .int64), ints, moreInts), ["1", "2", "NULL"])
        XCTAssertEqual(try run(spec(.max, .int64, result: .int64), ints, moreInts), ["7", "4", "NULL"])
        XCTAssertEqual(try run(spec(.avg, .int64, result: .double), ints, moreInts), ["4.0", "3.0", "NULL"])
        // Exact: 0.1 + 0.7 + 0.2 + 0.4 is 1.4 as decimals; as doubles in this order it is 1.4000000000000001.
        XCTAssertEqual(try run(spec(.sum, .double, result: .double, decimal: true), doubles, moreDoubles), ["1.4", "0.5", "NULL"])
        XCTAssertEqual(try run(spec(.sum, .double, result: .double), doubles, moreDoubles), ["\(0.1 + 0.7 + 0.2 + 0.4)", "0.5", "NULL"])
        XCTAssertEqual(try run(spec(.avg, .double, result: .double, decimal: true), doubles, moreDoubles), ["\(1.4 / 4)", "0.25", "NULL"])
        let text = Column.string(StringColumn(dictionary: ["b", "a", "c"], codes: [0, 1, 2, 2, 0, 0], validity: [1, 1, 1, 0, 1, 1]))
        let moreText = Column.string(StringColumn(dictionary: ["aa", "z"], codes: [0, 1], validity: [1, 0]))
        XCTAssertEqual(try run(spec(.min, .string, result: .string), text, moreText), ["aa", "a", "NULL"])
        XCTAssertEqual(try run(spec(.max, .string, result: .string), text, moreText), ["c", "b", "NULL"])
    }

    func testIntegerSumOverflowIsAnErrorInUpdateAndCombine() throws {
        let spec = spec(.sum, .int64, result: .int64)
        let state = SumAggregate.makeState(for: spec)
        state.grow(to: 1)
        let big = Column.int64(PrimitiveColumn(values: [Int64.max]))
        try state.update(AggregateInput(argument: big, groups: [0], distinctRows: nil, single: true, offset: 9))
        XCTAssertThrowsError(try state.update(AggregateInput(argument: big, groups: [0], distinctRows: nil, single: true, offset: 9)))
        let other = SumAggregate.makeState(for: spec)
        other.grow(to: 1)
        try other.update(AggregateInput(argument: big, groups: [0], distinctRows: nil, single: true, offset: 9))
        let fresh = SumAggregate.makeState(for: spec)
        fresh.grow(to: 1)
        try fresh.update(AggregateInput(argument: .int64(PrimitiveColumn(values: [1])), groups: [0], distinctRows: nil, single: true, offset: 0))
        XCTAssertThrowsError(try fresh.combine(other, sources: nil, targets: [0]))
    }
}
