import AurumCore
import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import AurumCharts

final class SVGChartTests: XCTestCase {
    private func chart(_ batch: Batch) throws -> Chart { try XCTUnwrap(try ChartPlanner.chart(for: batch, request: .auto)) }

    private func assertParses(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not XML: \(String(describing: parser.parserError))", file: file, line: line)
    }

    func testGoldenSVG() throws {
        let line = SVGChart().render(try chart(ChartFixtures.daily))
        let bar = SVGChart().render(try chart(ChartFixtures.ranking))
        try ChartFixtures.assertGolden(line, "line.svg")
        try ChartFixtures.assertGolden(bar, "bar.svg")
        assertParses(line)
        assertParses(bar)
        XCTAssertEqual(line, SVGChart().render(try chart(ChartFixtures.daily)), "the same bytes every run")
    }

    func testTheDrawingHasAxesGridLegendAndData() throws {
        let svg = SVGChart().render(try chart(ChartFixtures.daily))
        XCTAssertTrue(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.contains(">spend</text>") && svg.contains(">conversions</text>"), "legend")
        XCTAssertTrue(svg.contains(">2024-03-01</text>") && svg.contains(">2024-03-14</text>") && svg.contains(">2024-03-07</text>"), "dates")
        XCTAssertTrue(svg.contains(">2,000</text>"), "value labels")
        // The NULL spend breaks its line in two.
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 3)
        XCTAssertFalse(SVGChart().render(try chart(ChartFixtures.daily), standalone: false).hasPrefix("<?xml"))
    }

    func testTextIsEscapedAndAlwaysParses() throws {
        let hostile = Batch(
            schema: Schema([Field("name <&>", .string), Field("spend", .double)]),
            columns: [.string(StringColumn(["<script>&\"'\u{0}\u{1B}", "ok"])), .double(PrimitiveColumn(values: [-3, 5]))])
        let svg = SVGChart().render(try chart(hostile))
        assertParses(svg)
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertTrue(svg.contains("&lt;script&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}"))
    }

    func testASinglePointIsACircle() throws {
        let one = Batch(schema: Schema([Field("date", .date), Field("spend", .double)]), columns: [.date(PrimitiveColumn(values: [19_800])), .double(PrimitiveColumn(values: [7]))])
        let svg = SVGChart().render(try chart(one))
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: ">2024-03-18</text>").count - 1, 1)
        assertParses(svg)
    }
}
