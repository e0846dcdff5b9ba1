import AurumCore
import XCTest

final class TableRendererTests: XCTestCase {
    /// `count` rows: id 0…, a long name, spend, clicks and ctr.
    private func kpiBatch(rows count: Int) -> Batch {
        let schema = Schema([
            Field("id", .int64), Field("campaign_name", .string, nullable: true), Field("spend", .double),
            Field("clicks", .int64), Field("ctr", .double, nullable: true),
        ])
        let names: [String?] = (0..<count).map { $0 == 1 ? nil : "Liquidação de Inverno ❄️ | Até 70% OFF | campanha número \($0)" }
        return Batch(schema: schema, columns: [
            .int64(PrimitiveColumn(values: (0..<count).map(Int64.init))),
            .string(StringColumn(names)),
            .double(PrimitiveColumn(values: (0..<count).map { 17_420.75 / Double($0 + 1) })),
            .int64(PrimitiveColumn(values: (0..<count).map { Int64($0) * 12_345 })),
            .double(PrimitiveColumn(values: (0..<count).map { 0.0305 / Double($0 + 1) })),
        ])
    }

    /// `count` integer columns c0, c1, … of one row each.
    private func wideBatch(columns count: Int) -> Batch {
        Batch(
            schema: Schema((0..<count).map { Field("column_\($0)", .int64) }),
            columns: (0..<count).map { .int64(PrimitiveColumn(values: [Int64($0)])) })
    }

    private func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    func testEveryLineFitsTheWidth() {
        for width in [40, 60, 80, 120] {
            let text = TableRenderer(maxWidth: width).table(kpiBatch(rows: 5))
            for line in lines(text) {
                XCTAssertLessThanOrEqual(TableRenderer.displayWidth(line), width, "width \(width): \(line)")
            }
        }
    }

    func testLongTextIsCutButNumbersNeverAre() {
        let text = TableRenderer(maxWidth: 80).table(kpiBatch(rows: 3))
        XCTAssertTrue(text.contains("Liquidação de"), text)
        XCTAssertTrue(text.contains("…"), text)
        XCTAssertFalse(text.contains("campanha número"), text)
        XCTAssertTrue(text.contains("17,420.75"), text)
        XCTAssertTrue(text.contains("24,690"), text)
        XCTAssertTrue(text.contains("NULL"), text)
        XCTAssertTrue(lines(text).last == "3 rows", text)
    }

    func testWithoutAWidthNothingIsCutButOverlongCells() {
        let text = TableRenderer(maxWidth: nil, maxCellWidth: 200).table(kpiBatch(rows: 3))
        XCTAssertTrue(text.contains("Liquidação de Inverno ❄️ | Até 70% OFF | campanha número 2"), text)
    }

    func testMiddleColumnsAreLeftOutWithAFooter() {
        let text = TableRenderer(maxWidth: 60).table(wideBatch(columns: 12))
        let header = lines(text)[1]
        XCTAssertTrue(header.hasPrefix("│ column_0 "), header)
        XCTAssertTrue(header.hasSuffix(" column_… │"), header)  // column_11, cut to the narrowest a column gets
        XCTAssertTrue(lines(text)[4].hasSuffix(" 11 │"), text)
        XCTAssertTrue(header.contains("│ … │"), header)
        XCTAssertFalse(header.contains("column_6"), header)
        let shown = header.components(separatedBy: "│").filter { $0.hasPrefix(" column_") }.count
        XCTAssertEqual(lines(text).last, "1 row  12 columns (\(shown) shown)")
        XCTAssertGreaterThanOrEqual(shown, 3)
        for line in lines(text) { XCTAssertLessThanOrEqual(TableRenderer.displayWidth(line), 60, line) }
    }

    func testAColumnWiderThanTheTerminalStillShows() {
        let text = TableRenderer(maxWidth: 20).table(wideBatch(columns: 3))
        XCTAssertTrue(lines(text)[1].hasPrefix("│ column_0 │ … │"), text)
        XCTAssertEqual(lines(text).last, "1 row  3 columns (1 shown)")
    }

    func testFirstAndLastRowsAroundADottedRow() {
        let text = TableRenderer(maxRows: 10).table(kpiBatch(rows: 100))
        let ids = lines(text).dropFirst(4).compactMap { line -> Int? in
            Int(line.split(separator: "│").first?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        XCTAssertEqual(ids, [0, 1, 2, 3, 4, 95, 96, 97, 98, 99])
        XCTAssertEqual(lines(text).filter { $0.contains("·") }.count, 1)
        XCTAssertEqual(lines(text).last, "100 rows (10 shown)")
    }

    /// A result that holds only the ends a table shows (``ShownRows``) renders as the whole result does: the same
    /// rows, widths, `·` row and footer, for every row limit (odd, even, 1, more rows than the result).
    func testTheShownEndsOfAResultRenderAsTheWholeResult() {
        for rows in [0, 1, 7, 10, 11, 100] {
            let whole = kpiBatch(rows: rows)
            for maxRows in [1, 2, 5, 10, 40] {
                let shown = ShownRows(atMost: maxRows)
                let held = rows > shown.count ? whole.gather(shown.rows(of: rows)) : whole
                let count = rows > shown.count ? rows : nil
                for width in [nil, 60] {
                    let renderer = TableRenderer(maxRows: maxRows, maxWidth: width)
                    XCTAssertEqual(renderer.table(held, rowCount: count), renderer.table(whole), "\(rows) rows, \(maxRows) shown")
                }
                XCTAssertEqual(TableRenderer(maxRows: maxRows).markdown(held, rowCount: count), TableRenderer(maxRows: maxRows).markdown(whole))
            }
        }
        XCTAssertEqual(ShownRows(atMost: 5).positions(of: 100, held: 5), [0, 1, 2, -1, 3, 4])
        XCTAssertEqual(ShownRows(atMost: 5).positions(of: 100), [0, 1, 2, -1, 98, 99])
        XCTAssertEqual(ShownRows(atMost: 5).positions(of: 5), [0, 1, 2, 3, 4])
        XCTAssertEqual(ShownRows(atMost: 4).rows(of: 9), [0, 1, 7, 8])
    }

    func testMarkdownMarksTheRowsLeftOut() {
        let text = TableRenderer(maxRows: 2).markdown(kpiBatch(rows: 3))
        let rows = lines(text).dropFirst(2).prefix(3).map { $0.components(separatedBy: " | ").first ?? "" }
        XCTAssertEqual(rows, ["| 0", "| …", "| 2"], text)
        XCTAssertEqual(lines(text).last, "3 rows (2 shown)")
    }

    func testNoRowLimitShowsEveryRow() {
        let text = TableRenderer(maxRows: nil).table(kpiBatch(rows: 100))
        XCTAssertEqual(lines(text).count, 4 + 100 + 2)
        XCTAssertEqual(lines(text).last, "100 rows")
    }

    func testNumbersAreReadableInTheTableOnly() {
        let batch = kpiBatch(rows: 3)
        let renderer = TableRenderer(isPercent: { $0.name == "ctr" })
        let table = renderer.table(batch)
        XCTAssertTrue(table.contains("│ 17,420.75 │"), table)
        XCTAssertTrue(table.contains("│  5,806.92 │"), table)  // the same decimals down the column
        XCTAssertTrue(table.contains("│  3.05% │") && table.contains("│  1.02% │"), table)
        let markdown = renderer.markdown(batch)
        XCTAssertTrue(markdown.contains("| 17420.75 |") && markdown.contains("| 0.0305 |") && markdown.contains("| 24690 |"), markdown)
    }

    func testSmallIntegersLikeYearsAreNotGrouped() {
        let batch = Batch(schema: Schema([Field("year", .int64)]), columns: [.int64(PrimitiveColumn(values: [2024, 2025]))])
        let text = TableRenderer().table(batch)
        XCTAssertTrue(text.contains("   2024 │") && !text.contains("2,024"), text)
    }
}
