import AurumCore
import AurumKernels
import XCTest

@testable import AurumQuery

/// `sum` and `avg` of a column declared ``Field/decimal`` add exactly as decimals (``DecimalSums``, as Gold
/// does), whatever the row order and the number of workers; the same values in an undeclared column add as
/// doubles, and there the total differs in the last digits.
final class DecimalSumTests: XCTestCase {
    /// 200,000 rows (several pieces, so several workers): 0.1, 0.2, 0.7 and 1234.56 in turn, in two groups.
    private func engine() -> QueryEngine {
        let rows = 200_000
        let pattern = [0.1, 0.2, 0.7, 1234.56]
        let schema = Schema([Field("g", .int64), Field("money", .double, decimal: true), Field("plain", .double), Field("cents", .int64)])
        let values = (0..<rows).map { pattern[$0 % pattern.count] }
        let table = LazyTable(schema: schema) {
            Batch(schema: schema, columns: [
                .int64(PrimitiveColumn(values: (0..<rows).map { Int64($0 % 2) })),
                .double(PrimitiveColumn(values: values)), .double(PrimitiveColumn(values: values)),
                .int64(PrimitiveColumn(values: values.map { Int64(($0 * 100).rounded()) })),
            ])
        }
        return QueryEngine(catalog: DictionaryCatalog(["t": table]), today: Date32(days: 0))
    }

    private func doubles(_ result: QueryEngine.Result, column: Int) -> [Double] {
        result.batch.columns[column].doubleValues.values
    }

    func testDeclaredColumnSumsExactlyWhereDoublesDoNot() throws {
        let engine = engine()
        let result = try engine.run("SELECT sum(money), sum(plain), sum(cents), avg(money), count(*) FROM t")
        let exactCents = result.batch.columns[2].int64Values.values[0]
        XCTAssertEqual(exactCents, 50_000 * (10 + 20 + 70 + 123_456))
        // The double nearest the exact decimal total: what Gold writes.
        let exact = Double(exactCents * 10_000) / DecimalSums.scale
        XCTAssertEqual(doubles(result, column: 0)[0], exact)
        XCTAssertNotEqual(doubles(result, column: 1)[0], exact, "adding the doubles in row order drifts in the last digits")
        XCTAssertEqual(doubles(result, column: 3)[0], exact / 200_000)
    }

    func testGroupedAndFilteredDecimalSumsAreExact() throws {
        let result = try engine().run(
            "SELECT g, sum(money), sum(cents), sum(money) FILTER (WHERE money < 1), sum(cents) FILTER (WHERE money < 1) FROM t GROUP BY g ORDER BY g")
        XCTAssertEqual(result.batch.rowCount, 2)
        for row in 0..<2 {
            let cents = result.batch.columns[2].int64Values.values[row]
            XCTAssertEqual(doubles(result, column: 1)[row], Double(cents * 10_000) / DecimalSums.scale)
            let filteredCents = result.batch.columns[4].int64Values.values[row]
            XCTAssertEqual(doubles(result, column: 3)[row], Double(filteredCents * 10_000) / DecimalSums.scale)
        }
    }

    func testOnlyTheColumnItselfIsSummedAsDecimals() throws {
        let plan = try engine().prepare("SELECT sum(money), avg(money), sum(money * 2), sum(plain), min(money), sum(DISTINCT money) FROM t")
        let exact = plan.aggregation?.aggregates.map { AggregateFunctions.function(for: $0) == DecimalSumAggregate.self }
        XCTAssertEqual(exact, [true, true, false, false, false, true])
    }

    func testTheFlagIsAHintNotPartOfTheFieldsIdentity() {
        XCTAssertEqual(Field("spend", .double, decimal: true), Field("spend", .double))
        XCTAssertEqual(Set([Field("spend", .double, decimal: true), Field("spend", .double)]).count, 1)
    }
}
