import AurumCore
import XCTest

@testable import AurumCharts

final class TerminalChartTests: XCTestCase {
    private let plain = ChartGlyphs(unicode: true, colour: false)
    private let ascii = ChartGlyphs(unicode: false, colour: false)

    private func chart(_ batch: Batch, _ request: ChartRequest = .auto) throws -> Chart {
        try XCTUnwrap(try ChartPlanner.chart(for: batch, request: request))
    }

    private func series(_ dates: [Int32], _ values: [Double?], name: String = "spend") -> Batch {
        Batch(
            schema: Schema([Field("date", .date), Field(name, .double, nullable: true)]),
            columns: [
                .date(PrimitiveColumn(values: dates)),
                .double(PrimitiveColumn(values: values.map { $0 ?? 0 }, validity: values.map { $0 == nil ? 0 : 1 })),
            ])
    }

    private func bars(_ labels: [String], _ values: [Double]) -> Batch {
        Batch(
            schema: Schema([Field("campaign", .string), Field("roas", .double)]),
            columns: [.string(StringColumn(labels)), .double(PrimitiveColumn(values: values))])
    }

    func testGoldenCharts() throws {
        try ChartFixtures.assertGolden(TerminalChart(width: 72, glyphs: plain).render(chart(ChartFixtures.daily)) + "\n", "line-utf8.txt")
        try ChartFixtures.assertGolden(TerminalChart(width: 72, glyphs: ascii).render(chart(ChartFixtures.daily)) + "\n", "line-ascii.txt")
        try ChartFixtures.assertGolden(TerminalChart(width: 72, glyphs: plain).render(chart(ChartFixtures.ranking)) + "\n", "bar-utf8.txt")
        try ChartFixtures.assertGolden(TerminalChart(width: 72, glyphs: ascii).render(chart(ChartFixtures.ranking)) + "\n", "bar-ascii.txt")
    }

    func testEveryLineFitsTheWidth() throws {
        for width in [30, 41, 57, 80, 133] {
            for fixture in [ChartFixtures.daily, ChartFixtures.ranking] {
                for glyphs in [plain, ascii] {
                    let text = TerminalChart(width: width, glyphs: glyphs).render(try chart(fixture))
                    for line in text.split(separator: "\n") {
                        XCTAssertLessThanOrEqual(TableRenderer.displayWidth(String(line)), width, "width \(width): \(line)")
                    }
                }
            }
        }
    }

    func testLongNamesAreCutToTheWidth() throws {
        let long = String(repeating: "very long measure name ", count: 4)
        let series = TimeSeries(
            dateName: "date", dates: [Date32(days: 1), Date32(days: 2)],
            series: (0..<4).map { ChartSeries(name: long + "\($0)", values: [1, 2], texts: ["1", "2"]) })
        let ranking = Ranking(labelName: long, labels: [long], measure: ChartSeries(name: long, values: [1], texts: ["1"]), groups: [long])
        for chart in [Chart.line(series), .bar(ranking)] {
            for glyphs in [plain, ascii, ChartGlyphs(unicode: true, colour: true)] {
                let text = TerminalChart(width: 40, glyphs: glyphs).render(chart)
                let visible = text.replacingOccurrences(of: #"\u{1B}\[[0-9]+m"#, with: "", options: .regularExpression)
                for line in visible.split(separator: "\n") {
                    XCTAssertLessThanOrEqual(TableRenderer.displayWidth(String(line)), 40, String(line))
                }
            }
        }
    }

    func testAsciiChartsAreAscii() throws {
        for fixture in [ChartFixtures.daily, ChartFixtures.ranking] {
            let text = TerminalChart(width: 72, glyphs: ascii).render(try chart(fixture))
            // Labels keep the data's own letters ("Mães"); the drawing itself is ASCII.
            let drawing = text.replacingOccurrences(of: "Mães", with: "").replacingOccurrences(of: "Brand — Search", with: "")
            XCTAssertTrue(drawing.unicodeScalars.allSatisfy(\.isASCII), drawing)
        }
    }

    func testColourOnlyWhenAsked() throws {
        let coloured = TerminalChart(width: 72, glyphs: ChartGlyphs(unicode: true, colour: true)).render(try chart(ChartFixtures.daily))
        XCTAssertTrue(coloured.contains("\u{1B}[36m"))
        XCTAssertTrue(coloured.contains("\u{1B}[0m"))
        XCTAssertFalse(TerminalChart(width: 72, glyphs: plain).render(try chart(ChartFixtures.daily)).contains("\u{1B}"))
    }

    func testASinglePointIsOneDotWithItsDate() throws {
        let text = TerminalChart(width: 40, height: 8, glyphs: plain).render(try chart(series([19_800], [42])))
        let plot = text.split(separator: "\n").dropFirst()  // after the legend
        let dots = plot.flatMap { $0.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) } }
        XCTAssertEqual(dots.count, 1, text)
        XCTAssertEqual(text.components(separatedBy: "2024-03-18").count - 1, 1, text)
    }

    func testAllEqualValuesDrawAFlatLineMidHeight() throws {
        let text = TerminalChart(width: 40, height: 9, glyphs: plain).render(try chart(series([1, 2, 3, 4], [5, 5, 5, 5])))
        let rows = text.split(separator: "\n").map(String.init)
        let drawn = rows.indices.filter { rows[$0].unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } && !rows[$0].hasPrefix("⣿") }
        XCTAssertEqual(drawn, [5], text)  // legend, then plot rows 0…8: the middle one (row 4) is line 5
    }

    func testNegativeValuesAreDrawnBelowZero() throws {
        let text = TerminalChart(width: 50, height: 8, glyphs: plain).render(try chart(series([1, 2, 3], [-100, 50, 200])))
        XCTAssertTrue(text.contains("-100") || text.contains("-150") || text.contains("-200"), text)
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasPrefix("   0 ") || $0.contains(" 0 ┤") }, text)
        let barText = TerminalChart(width: 50, glyphs: plain).render(try chart(bars(["loss", "gain"], [-2, 4])))
        let lines = barText.split(separator: "\n").map(String.init)
        let lossBar = try XCTUnwrap(lines.first { $0.hasPrefix("loss") })
        let gainBar = try XCTUnwrap(lines.first { $0.hasPrefix("gain") })
        // The loss ends where the gain starts: at zero.
        let lossEnd = try XCTUnwrap(lossBar.lastIndex(of: "█"))
        let gainStart = try XCTUnwrap(gainBar.firstIndex(of: "█"))
        XCTAssertEqual(lossBar.distance(from: lossBar.startIndex, to: lossEnd) + 1, gainBar.distance(from: gainBar.startIndex, to: gainStart))
        XCTAssertTrue(lossBar.hasSuffix(" -2.00000") && gainBar.hasSuffix(" 4.00000"), barText)
    }

    func testNullsAreGapsInTheLine() throws {
        let text = TerminalChart(width: 60, height: 4, glyphs: plain).render(try chart(series([0, 10, 20], [1, nil, 1])))
        let plotRows = text.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }
        let drawnRow = try XCTUnwrap(plotRows.first { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })
        let cells = String(drawnRow.split(separator: "┤", maxSplits: 1).last ?? "")
        let clusters = cells.split(separator: " ", omittingEmptySubsequences: true)
        XCTAssertEqual(clusters.count, 2, "two points, no line between them: \(text)")
    }

    func testBarsAreProportionalInEighths() throws {
        let text = TerminalChart(width: 30, glyphs: plain).render(try chart(bars(["a", "b", "c"], [8, 4, 1])))
        let lines = text.split(separator: "\n").map(String.init)
        func eighths(_ line: String) -> Int {
            let partials: [Character: Int] = ["▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7, "█": 8]
            return line.reduce(0) { $0 + (partials[$1] ?? 0) }
        }
        let (a, b, c) = (eighths(lines[1]), eighths(lines[2]), eighths(lines[3]))
        XCTAssertEqual(Double(b) / Double(a), 0.5, accuracy: 0.05, text)
        XCTAssertEqual(Double(c) / Double(a), 0.125, accuracy: 0.05, text)
        XCTAssertTrue(lines[1].hasSuffix(" 8.00000"), text)
    }

    func testLongRankingsAreCutWithACount() throws {
        let labels = (1...50).map { "campaign \($0)" }
        let text = TerminalChart(width: 60, glyphs: plain, barCountMax: 10).render(try chart(bars(labels, (1...50).map(Double.init))))
        XCTAssertEqual(text.split(separator: "\n").count, 12)
        XCTAssertTrue(text.hasSuffix("… 40 more rows not drawn"), text)
    }

    func testLabelsCannotDriveTheTerminal() throws {
        let text = TerminalChart(width: 60, glyphs: plain).render(try chart(bars(["evil\u{1B}[2Jname\nnext"], [1])))
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(text.contains("evil?[2Jname next"))
    }

    func testPanels() {
        let spend = ChartSeries(name: "spend", values: [1000, 2000], texts: ["", ""])
        let cost = ChartSeries(name: "cost", values: [300, 900], texts: ["", ""])
        let conversions = ChartSeries(name: "conversions", values: [10, 20], texts: ["", ""])
        XCTAssertEqual(TerminalChart.panels([spend, cost, conversions], shareable: true), [[0, 1], [2]])
        XCTAssertEqual(TerminalChart.panels([spend, cost], shareable: false), [[0], [1]])
    }

    func testEachCurrencyGetsItsOwnScale() throws {
        let ranking = Ranking(
            labelName: "campaign", labels: ["a", "b", "c"],
            measure: ChartSeries(name: "spend", values: [1000, 10, 5], texts: ["1,000", "10", "5"]), groups: ["BRL", "USD", "USD"])
        let text = TerminalChart(width: 40, glyphs: plain).render(.bar(ranking))
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "BRL:")
        XCTAssertEqual(lines[3], "USD:")
        // The largest bar of each currency fills the width; USD's 10 is not a sliver beside BRL's 1,000.
        XCTAssertEqual(lines[2].filter { $0 == "█" }.count, lines[4].filter { $0 == "█" }.count, text)
        let series = TimeSeries(
            dateName: "date", dates: [Date32(days: 1), Date32(days: 2)],
            series: [ChartSeries(name: "spend (BRL)", values: [1, 2], texts: ["1", "2"]), ChartSeries(name: "spend (USD)", values: [1, 2], texts: ["1", "2"])],
            separateAxes: true)
        let lineText = TerminalChart(width: 40, glyphs: ChartGlyphs(unicode: true, colour: true)).render(.line(series))
        XCTAssertEqual(lineText.components(separatedBy: "└").count - 1, 2, "one panel per currency, even in colour")
    }
}
