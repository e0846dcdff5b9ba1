import AurumCore
import AurumPull
import Foundation

/// The progress line of `aurum pull` on a terminal, fed from the pull's ``PullObserver`` hook: the account and
/// range being fetched, pages staged and the day reached, rows so far (and their rate), and the wait when an
/// API throttles the pull; then the ingest's own progress. ``TerminalProgress`` draws it (nothing when standard
/// error is not a terminal: then ``PullLog`` writes the waits as lines, for cron logs).
final class PullProgress: PullObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let line: any ProgressObserver
    /// Rows staged so far, every account together.
    private var rows = 0

    /// Reports go to `line` (a ``TerminalProgress``; a recorder in tests).
    init(line: any ProgressObserver) {
        self.line = line
    }

    func pageStaged(_ target: PullTarget, page: Int, rows: Int, bytes: Int, reached: Date32?) {
        update(adding: rows, "\(target): page \(Console.grouped(page))" + (reached.map { ", through \($0)" } ?? ""))
    }

    func waiting(_ target: PullTarget, seconds: Double, reason: String) {
        guard seconds >= 1 else { return }
        update("\(target): waiting \(Int(seconds.rounded(.up))) s: \(reason)")
    }

    func reportProgress(_ target: PullTarget, percent: Double) {
        update("\(target): Meta is preparing the report, \(Int(percent))%")
    }

    var ingestProgress: (any ProgressObserver)? { line }

    /// Reports `what` is happening, with `rows` more rows staged.
    private func update(adding rows: Int = 0, _ what: String) {
        lock.lock()
        defer { lock.unlock() }
        self.rows += rows
        line.progress(ProgressReport(phase: "pulling " + what, unit: .rows, done: self.rows, total: nil))
    }
}
