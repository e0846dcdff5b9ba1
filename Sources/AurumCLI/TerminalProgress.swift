import AurumCore
import Foundation

/// The progress line on standard error for long work (a query over a second, `aurum ingest` of a big tree),
/// after DuckDB's and clickhouse-local's: what is done, of how much, the rate and the time left, redrawn in
/// place ten times a second and erased when the work ends. Nothing at all when standard error is not a
/// terminal, so logs and pipes never see it.
///
/// The work reports through ``ProgressObserver`` on its own thread whenever it has counted something; a
/// timer thread draws the latest report, so the line appears (and its clock moves) even while one long step
/// reports nothing.
final class TerminalProgress: ProgressObserver, @unchecked Sendable {
    /// How long work runs before the line appears.
    static let delay: Duration = .seconds(1)
    /// Time between redraws.
    static let interval: Duration = .milliseconds(100)

    private let lock = NSLock()
    private let started = ContinuousClock.now
    private var latest: ProgressReport?
    /// When `latest` first had a nonzero `done` (rates are measured from there, not from planning).
    private var countingSince: ContinuousClock.Instant?
    private var drawn = false
    private var finished = false
    private let write: (String) -> Void
    private let width: () -> Int?

    /// A progress line on standard error, or nil when standard error is not a terminal.
    static func onStandardError() -> TerminalProgress? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let progress = TerminalProgress(
            write: { FileHandle.standardError.write(Data($0.utf8)) }, width: { TerminalSize.columns(of: STDERR_FILENO) })
        progress.startTimer()
        return progress
    }

    init(write: @escaping (String) -> Void, width: @escaping () -> Int?) {
        self.write = write
        self.width = width
    }

    func progress(_ report: ProgressReport) {
        lock.lock()
        defer { lock.unlock() }
        if countingSince == nil, report.done > 0 { countingSince = .now }
        latest = report
    }

    /// Erases the line (if it was drawn) and stops drawing; call before printing the result.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    private func startTimer() {
        let thread = Thread { [weak self] in
            while let progress = self, progress.tick() {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        thread.start()
    }

    /// Draws the line if it is time; false once finished.
    private func tick() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return false }
        let now = ContinuousClock.now
        guard now - started >= Self.delay, let report = latest else { return true }
        var line = Self.line(report, elapsed: now - started, counting: countingSince.map { now - $0 })
        if let columns = width(), TableRenderer.displayWidth(line) >= columns {
            line = String(line.prefix(max(0, columns - 1)))
        }
        write("\r\u{1B}[K" + line)
        drawn = true
        return true
    }

    /// `scanning ad_insights  1,310,720 / 4,000,000 rows  33%  2.1M rows/s  1 s left  (3 s)`.
    static func line(_ report: ProgressReport, elapsed: Duration, counting: Duration?) -> String {
        var parts = [report.phase]
        if let done = report.itemsDone, let total = report.itemsTotal {
            parts.append("\(Console.grouped(done)) / \(Console.grouped(total)) files")
        }
        let unit = report.unit == .rows ? "rows" : ""
        let amount = { (value: Int) in report.unit == .rows ? Console.grouped(value) : byteText(Double(value)) }
        if let total = report.total, total > 0 {
            let done = min(report.done, total)
            parts.append("\(amount(done)) / \(amount(total))\(unit.isEmpty ? "" : " " + unit)  \(done * 100 / total)%")
        } else {
            parts.append(amount(report.done) + (unit.isEmpty ? "" : " " + unit))
        }
        // A rate and the time left while units are still coming (not while a last step finishes them off).
        if let counting, seconds(counting) > 0.2, report.done > 0, report.done < report.total ?? .max {
            let rate = Double(report.done) / seconds(counting)
            parts.append(report.unit == .rows ? compact(rate) + " rows/s" : byteText(rate) + "/s")
            if let total = report.total, total > report.done {
                parts.append("\(Int((Double(total - report.done) / rate).rounded(.up))) s left")
            }
        }
        parts.append("(\(Int(seconds(elapsed))) s)")
        return parts.joined(separator: "  ")
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `2.1M`, `350K`, `912` (rows).
    private static func compact(_ value: Double) -> String { scaled(value, unit: "") }

    /// `1.2 GB`, `45 MB`, `800 B` (powers of 1000, as disks and rates are quoted).
    private static func byteText(_ value: Double) -> String { scaled(value, unit: " B") }

    /// `value` in the largest of G, M, K it reaches, with one decimal below 10 (`2.1M`, `45M`, `1.2 GB`).
    private static func scaled(_ value: Double, unit: String) -> String {
        let (divisor, prefix): (Double, String) = switch value {
        case 1e9...: (1e9, "G")
        case 1e6...: (1e6, "M")
        case 1e3...: (1e3, "K")
        default: (1, "")
        }
        let scaled = value / divisor
        let number = String(format: scaled < 10 && divisor > 1 ? "%.1f" : "%.0f", scaled)
        return unit.isEmpty ? number + prefix : number + unit.replacingOccurrences(of: " ", with: " " + prefix)
    }
}
