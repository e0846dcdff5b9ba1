import AurumCore
import AurumPull
import XCTest

@testable import AurumCLI

final class PullProgressTests: XCTestCase {
    private final class Recorder: ProgressObserver, @unchecked Sendable {
        var reports: [ProgressReport] = []
        func progress(_ report: ProgressReport) { reports.append(report) }
    }

    private func target(_ source: PullAccount.Source, _ id: String) throws -> PullTarget {
        PullTarget(account: try PullAccount(source: source, text: id), range: DayRange(since: Date32(iso: "2024-01-01")!, until: Date32(iso: "2024-01-31")!))
    }

    func testPagesRowsTheDayReachedAndWaits() throws {
        let recorder = Recorder()
        let progress = PullProgress(line: recorder)
        let meta = try target(.meta, "act_123"), google = try target(.google, "1234567890")
        progress.pageStaged(meta, page: 1, rows: 500, bytes: 9_000, reached: Date32(iso: "2024-01-04"))
        progress.waiting(meta, seconds: 0.2, reason: "backoff")  // too short to show
        progress.waiting(meta, seconds: 29.5, reason: "Meta throttled the account (code 17)")
        progress.reportProgress(meta, percent: 45.6)
        progress.pageStaged(meta, page: 2, rows: 0, bytes: 20, reached: nil)
        progress.pageStaged(google, page: 1, rows: 1_200, bytes: 80_000, reached: Date32(iso: "2024-01-31"))
        XCTAssertEqual(recorder.reports.map(\.phase), [
            "pulling meta act_123 2024-01-01..2024-01-31: page 1, through 2024-01-04",
            "pulling meta act_123 2024-01-01..2024-01-31: waiting 30 s: Meta throttled the account (code 17)",
            "pulling meta act_123 2024-01-01..2024-01-31: Meta is preparing the report, 45%",
            "pulling meta act_123 2024-01-01..2024-01-31: page 2",
            "pulling google 1234567890 2024-01-01..2024-01-31: page 1, through 2024-01-31",
        ])
        XCTAssertEqual(recorder.reports.map(\.done), [500, 500, 500, 500, 1_700], "rows of every account together")
        XCTAssertTrue(recorder.reports.allSatisfy { $0.unit == .rows && $0.total == nil })
        XCTAssertTrue(progress.ingestProgress === recorder, "the ingest that ends the pull reports to the same line")
    }

    func testTheLineAsDrawn() throws {
        let report = ProgressReport(phase: "pulling meta act_123 2024-01-01..2024-01-31: page 3, through 2024-01-09", unit: .rows, done: 1_500, total: nil)
        XCTAssertEqual(
            TerminalProgress.line(report, elapsed: .seconds(3), counting: .seconds(2)),
            "pulling meta act_123 2024-01-01..2024-01-31: page 3, through 2024-01-09  1,500 rows  750 rows/s  (3 s)")
    }
}
