import AurumCore
import XCTest

@testable import AurumCharts

final class ChartPlannerTests: XCTestCase {
    private func batch(_ fields: [Field], _ columns: [Column]) -> Batch { Batch(schema: Schema(fields), columns: columns) }

    func testTimeSeriesIsALineInDateOrderWithNullsKept() throws {
        guard case .line(let series)? = try ChartPlanner.chart(for: ChartFixtures.daily, request: .auto) else { return XCTFail("not a line") }
        XCTAssertEqual(series.dates.first, Date32(iso: "2024-03-01"))
        XCTAssertEqual(series.dates.last, Date32(iso: "2024-03-14"))
        XCTAssertEqual(series.series.map(\.name), ["spend", "conversions"])
        // The result came newest first; the chart reads oldest first, the NULL (row 10 of the result) kept as a gap.
        XCTAssertEqual(series.series[1].values.first, 31)
        XCTAssertEqual(series.series[1].values.last, 48)
        XCTAssertEqual(series.series[0].values.filter { $0 == nil }.count, 1)
        XCTAssertEqual(series.series[0].texts.filter { $0 == "NULL" }.count, 1)
        XCTAssertEqual(series.series[1].texts.first, "31")
    }

    func testRankingIsABarInResultOrder() throws {
        guard case .bar(let ranking)? = try ChartPlanner.chart(for: ChartFixtures.ranking, request: .auto) else { return XCTFail("not a bar") }
        XCTAssertEqual(ranking.labels.first, "Brand — Search")
        XCTAssertEqual(ranking.labels.last, "NULL")
        XCTAssertEqual(ranking.measure.texts.first, "12,345.67")
    }

    func testAutoDrawsNothingForOtherShapes() throws {
        let threeColumns = batch(
            [Field("a", .string), Field("b", .string), Field("n", .int64)],
            [.string(StringColumn(["x"])), .string(StringColumn(["y"])), .int64(PrimitiveColumn(values: [1]))])
        XCTAssertNil(try ChartPlanner.chart(for: threeColumns, request: .auto))
        XCTAssertNil(try ChartPlanner.chart(for: ChartFixtures.daily, request: .none))
        XCTAssertTrue(ChartPlanner.reason(for: threeColumns.schema).contains("3 columns: a VARCHAR, b VARCHAR, n BIGINT"))
        let fiveMeasures = batch(
            [Field("d", .date)] + (1...5).map { Field("m\($0)", .double) },
            [.date(PrimitiveColumn(values: [1]))] + (1...5).map { _ in .double(PrimitiveColumn(values: [1.0])) })
        XCTAssertNil(try ChartPlanner.chart(for: fiveMeasures, request: .auto))
    }

    func testAKindAskedByNameThatDoesNotFitIsRefusedWithTheReason() {
        XCTAssertThrowsError(try ChartPlanner.chart(for: ChartFixtures.ranking, request: .line)) { error in
            XCTAssertEqual(
                (error as? ChartRefusal)?.reason,
                "a line chart needs one DATE column and 1 to 4 numeric columns, nothing else; this result has 2 columns: campaign_name VARCHAR, spend DOUBLE")
        }
        XCTAssertThrowsError(try ChartPlanner.chart(for: ChartFixtures.daily, request: .bar)) { error in
            XCTAssertTrue((error as? ChartRefusal)?.reason.hasPrefix("a bar chart needs one text column and one numeric column") == true)
        }
    }

    func testARepeatedDateIsRefusedNotJoined() {
        let repeated = batch(
            [Field("date", .date), Field("spend", .double)],
            [.date(PrimitiveColumn(values: [19_783, 19_784, 19_783])), .double(PrimitiveColumn(values: [1, 2, 3]))])
        XCTAssertThrowsError(try ChartPlanner.chart(for: repeated, request: .auto)) { error in
            XCTAssertEqual(
                (error as? ChartRefusal)?.reason,
                "no line chart: date 2024-03-01 appears in more than one row (rows 1 and 3); group by date to get one value per date")
        }
    }

    func testAMissingDateOrNoValuesOrNoRowsIsRefused() {
        let nullDate = batch(
            [Field("day", .date, nullable: true), Field("spend", .double)],
            [.date(PrimitiveColumn(values: [19_783, 0], validity: [1, 0])), .double(PrimitiveColumn(values: [1, 2]))])
        XCTAssertThrowsError(try ChartPlanner.chart(for: nullDate, request: .line)) { error in
            XCTAssertEqual((error as? ChartRefusal)?.reason, "no line chart: row 2 has no day (NULL); every point needs a date")
        }
        let allNull = batch(
            [Field("name", .string), Field("spend", .double, nullable: true)],
            [.string(StringColumn(["a", "b"])), .double(PrimitiveColumn(values: [0, 0], validity: [0, 0]))])
        XCTAssertThrowsError(try ChartPlanner.chart(for: allNull, request: .auto)) { error in
            XCTAssertEqual((error as? ChartRefusal)?.reason, "no bar chart: spend has no values (every row is NULL)")
        }
        let empty = Batch(empty: Schema([Field("name", .string), Field("spend", .double)]))
        XCTAssertThrowsError(try ChartPlanner.chart(for: empty, request: .bar)) { error in
            XCTAssertEqual((error as? ChartRefusal)?.reason, "no chart: the result has no rows")
        }
    }

    func testPercentColumnsFollowTheCallersRule() throws {
        let ctr = batch([Field("name", .string), Field("ctr", .double)], [.string(StringColumn(["a"])), .double(PrimitiveColumn(values: [0.0123]))])
        guard case .bar(let ranking)? = try ChartPlanner.chart(for: ctr, request: .bar, isPercent: { $0.name == "ctr" }) else { return XCTFail("no bar") }
        XCTAssertTrue(ranking.measure.isPercent)
        XCTAssertEqual(ranking.measure.texts, ["1.23%"])
    }
}
