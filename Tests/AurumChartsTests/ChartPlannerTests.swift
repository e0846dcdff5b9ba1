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
                "a line chart needs one DATE column and 1 to 4 numeric columns, or one DATE, one text and one numeric column; this result has 2 columns: campaign_name VARCHAR, spend DOUBLE")
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
                "no line chart: date 2024-03-01 appears in more than one row (rows 1 and 3) of spend; group by date to get one value per date")
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
        guard case .bar(let ranking)? = try ChartPlanner.chart(for: ctr, request: .bar, rules: .init(isPercent: { $0.name == "ctr" })) else { return XCTFail("no bar") }
        XCTAssertTrue(ranking.measure.isPercent)
        XCTAssertEqual(ranking.measure.texts, ["1.23%"])
    }

    private static let currencyRules = ChartPlanner.ColumnRules(separatesScales: { $0.name == "currency" })

    /// date, currency, spend: the assistant's usual time series of money.
    private func byCurrency(_ dates: [Int32], _ currencies: [String], _ spend: [Double]) -> Batch {
        batch(
            [Field("date", .date), Field("currency", .string), Field("spend", .double)],
            [.date(PrimitiveColumn(values: dates)), .string(StringColumn(currencies)), .double(PrimitiveColumn(values: spend))])
    }

    func testALineSplitByATextColumnDrawsOneLinePerValue() throws {
        let result = byCurrency([2, 1, 1, 3], ["USD", "USD", "BRL", "BRL"], [20, 10, 50, 70])
        guard case .line(let series)? = try ChartPlanner.chart(for: result, request: .auto, rules: Self.currencyRules) else { return XCTFail("no line") }
        XCTAssertEqual(series.dates.map(\.days), [1, 2, 3])
        XCTAssertEqual(series.series.map(\.name), ["spend (BRL)", "spend (USD)"])
        // A date a currency has no row for is a gap, not a zero.
        XCTAssertEqual(series.series[0].values, [50, nil, 70])
        XCTAssertEqual(series.series[1].values, [10, 20, nil])
        XCTAssertTrue(series.separateAxes, "currencies never share an axis")
        let byCampaign = batch(
            [Field("date", .date), Field("campaign", .string), Field("spend", .double)],
            [.date(PrimitiveColumn(values: [1, 1])), .string(StringColumn(["a", "b"])), .double(PrimitiveColumn(values: [1, 2]))])
        guard case .line(let shared)? = try ChartPlanner.chart(for: byCampaign, request: .auto, rules: Self.currencyRules) else { return XCTFail("no line") }
        XCTAssertFalse(shared.separateAxes)
    }

    func testASplitLineRefusesTooManyLinesAndRepeatedDates() {
        let five = byCurrency([1, 1, 1, 1, 1], ["A", "B", "C", "D", "E"], [1, 2, 3, 4, 5])
        XCTAssertThrowsError(try ChartPlanner.chart(for: five, request: .auto)) { error in
            XCTAssertEqual(
                (error as? ChartRefusal)?.reason, "no line chart: currency has 5 values and a line chart draws at most 4 lines; keep fewer with WHERE")
        }
        let repeated = byCurrency([1, 1], ["BRL", "BRL"], [1, 2])
        XCTAssertThrowsError(try ChartPlanner.chart(for: repeated, request: .line)) { error in
            XCTAssertTrue((error as? ChartRefusal)?.reason.contains("appears in more than one row (rows 1 and 2) of spend (BRL)") == true)
        }
    }

    func testBarsGroupedByCurrencyOnlyWhenTheCallerSaysSo() throws {
        let ranking = batch(
            [Field("campaign_name", .string), Field("currency", .string), Field("spend", .double)],
            [.string(StringColumn(["a", "b", "c"])), .string(StringColumn(["BRL", "USD", "BRL"])), .double(PrimitiveColumn(values: [9, 8, 7]))])
        guard case .bar(let bars)? = try ChartPlanner.chart(for: ranking, request: .auto, rules: Self.currencyRules) else { return XCTFail("no bar") }
        XCTAssertEqual(bars.sections.map(\.group), ["BRL", "USD"])
        XCTAssertEqual(bars.sections.map(\.rows), [[0, 2], [1]])
        XCTAssertNil(try ChartPlanner.chart(for: ranking, request: .auto), "two text columns, neither a currency: no chart")
    }

    func testValuesTooLargeToDrawAreRefused() throws {
        let huge = batch([Field("name", .string), Field("x", .double)], [.string(StringColumn(["a", "b"])), .double(PrimitiveColumn(values: [-1e308, 1e308]))])
        XCTAssertThrowsError(try ChartPlanner.chart(for: huge, request: .auto)) { error in
            XCTAssertEqual((error as? ChartRefusal)?.reason, "no chart: x has values too large to draw (beyond 1e300)")
        }
        let tiny = batch([Field("name", .string), Field("x", .double)], [.string(StringColumn(["a", "b"])), .double(PrimitiveColumn(values: [5e-324, 1e-323]))])
        let chart = try XCTUnwrap(try ChartPlanner.chart(for: tiny, request: .auto))
        XCTAssertFalse(TerminalChart(width: 40, glyphs: ChartGlyphs(unicode: true, colour: false)).render(chart).isEmpty)
        XCTAssertFalse(SVGChart().render(chart).isEmpty)
    }
}
