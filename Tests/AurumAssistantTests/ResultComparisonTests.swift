import AurumCore
import XCTest

@testable import AurumAssistant

/// How the evaluation judges two results: multisets of rows, order only when it decides the rows, numbers
/// within a tolerance, column names and order ignored.
final class ResultComparisonTests: XCTestCase {
    private func batch(_ rows: [(String?, Double?)]) -> Batch {
        var doubles = PrimitiveColumnBuilder<Double>(zero: 0)
        for row in rows { doubles.append(row.1) }
        return Batch(
            schema: Schema([Field("name", .string, nullable: true), Field("value", .double, nullable: true)]),
            columns: [.string(StringColumn(rows.map(\.0))), .double(doubles.finish())])
    }

    func testRowsCompareAsMultisetsUnlessOrdered() {
        let expected = batch([("a", 1), ("b", 2), ("b", 2)])
        let shuffled = batch([("b", 2), ("a", 1), ("b", 2)])
        XCTAssertNil(ResultComparison.difference(expected: expected, produced: shuffled, ordered: false))
        XCTAssertNotNil(ResultComparison.difference(expected: expected, produced: shuffled, ordered: true))
        XCTAssertNotNil(ResultComparison.difference(expected: expected, produced: batch([("a", 1), ("b", 2), ("a", 1)]), ordered: false))
    }

    func testNumbersWithinRelativeTolerance() {
        let expected = batch([("a", 1e6), (nil, nil)])
        XCTAssertNil(ResultComparison.difference(expected: expected, produced: batch([("a", 1e6 * (1 + 1e-12)), (nil, nil)]), ordered: true))
        XCTAssertNotNil(ResultComparison.difference(expected: expected, produced: batch([("a", 1e6 * (1 + 1e-6)), (nil, nil)]), ordered: true))
        XCTAssertNotNil(ResultComparison.difference(expected: expected, produced: batch([("a", 1e6), (nil, 0)]), ordered: true))
        // BIGINT and DOUBLE are both numbers.
        XCTAssertTrue(ResultComparison.same(.int64(3), .double(3.0)))
        XCTAssertFalse(ResultComparison.same(.string("3"), .int64(3)))
    }

    func testShapeMismatchesAreNamed() {
        let expected = batch([("a", 1)])
        XCTAssertEqual(ResultComparison.difference(expected: expected, produced: batch([]), ordered: false), "expected 1 row, produced 0")
        let oneColumn = Batch(schema: Schema([Field("value", .double)]), columns: [.double(PrimitiveColumn(values: [1]))])
        XCTAssertEqual(ResultComparison.difference(expected: expected, produced: oneColumn, ordered: false), "expected 2 columns, produced 1")
    }

    func testColumnOrderIsIgnored() {
        let expected = batch([("a", 1), ("b", 2)])
        let swapped = Batch(
            schema: Schema([Field("value", .double), Field("name", .string)]),
            columns: [.double(PrimitiveColumn(values: [1, 2])), .string(StringColumn(["a", "b"]))])
        XCTAssertNil(ResultComparison.difference(expected: expected, produced: swapped, ordered: true))
        // Same column values, but paired differently: not the same answer.
        let mispaired = Batch(
            schema: Schema([Field("value", .double), Field("name", .string)]),
            columns: [.double(PrimitiveColumn(values: [1, 2])), .string(StringColumn(["b", "a"]))])
        XCTAssertNotNil(ResultComparison.difference(expected: expected, produced: mispaired, ordered: false))
    }
}
