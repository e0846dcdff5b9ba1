import AurumCore
import XCTest
@testable import AurumCharts

final class PreviewTests: XCTestCase {
    func testPreview() throws {
        for unicode in [true, false] {
            let glyphs = ChartGlyphs(unicode: unicode, colour: false)
            let line = try XCTUnwrap(ChartPlanner.chart(for: ChartFixtures.daily, request: .auto))
            print(TerminalChart(width: 72, glyphs: glyphs).render(line))
            let bar = try XCTUnwrap(ChartPlanner.chart(for: ChartFixtures.ranking, request: .auto))
            print(TerminalChart(width: 72, glyphs: glyphs).render(bar))
        }
        print(TerminalChart(width: 72, glyphs: ChartGlyphs(unicode: true, colour: true)).render(try XCTUnwrap(ChartPlanner.chart(for: ChartFixtures.daily.project(["date","spend"]), request: .auto))))
    }
}
