import AurumCore
import XCTest

@testable import AurumCLI

final class TerminalProgressTests: XCTestCase {
    func testAScanLine() {
        let report = ProgressReport(phase: "scanning ad_insights", unit: .rows, done: 1_310_720, total: 4_000_000)
        XCTAssertEqual(
            TerminalProgress.line(report, elapsed: .seconds(1.2), counting: .milliseconds(600)),
            "scanning ad_insights  1,310,720 / 4,000,000 rows  32%  2.2M rows/s  2 s left  (1 s)")
    }

    func testAnIngestLine() {
        let report = ProgressReport(
            phase: "reading Bronze files", unit: .bytes, done: 113_000_000, total: 241_000_000, itemsDone: 24, itemsTotal: 367)
        XCTAssertEqual(
            TerminalProgress.line(report, elapsed: .seconds(9), counting: .seconds(6)),
            "reading Bronze files  24 / 367 files  113 MB / 241 MB  46%  19 MB/s  7 s left  (9 s)")
    }

    func testNoRateBeforeAnythingIsDoneOrOnceAllIs() {
        let start = ProgressReport(phase: "scanning t", unit: .rows, done: 0, total: 200_000)
        XCTAssertEqual(TerminalProgress.line(start, elapsed: .seconds(2), counting: nil), "scanning t  0 / 200,000 rows  0%  (2 s)")
        let end = ProgressReport(phase: "writing Silver and Gold", unit: .bytes, done: 2_500, total: 2_500)
        XCTAssertEqual(TerminalProgress.line(end, elapsed: .seconds(5), counting: .seconds(4)), "writing Silver and Gold  2.5 KB / 2.5 KB  100%  (5 s)")
    }

    func testTheLineIsDrawnOnlyAfterASecondAndErasedAtTheEnd() {
        var written: [String] = []
        let progress = TerminalProgress(write: { written.append($0) }, width: { 40 })
        progress.progress(ProgressReport(phase: "scanning t", unit: .rows, done: 0, total: 10))
        progress.finish()
        XCTAssertEqual(written, [], "a quick query draws nothing, so erases nothing")
    }
}
