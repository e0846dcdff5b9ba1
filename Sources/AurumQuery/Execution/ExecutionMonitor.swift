import AurumCore

/// A running query's line to its caller: progress as scanned rows are done with (filtered and projected, or
/// aggregated), and the caller's ``QueryCancellation`` asked between pieces of work.
struct ExecutionMonitor {
    let cancellation: QueryCancellation?
    let progress: ProgressObserver?
    /// Where the top block hands its rows as they come, when it can (``RowSink/canStream(_:)``); nil: gathered.
    let sink: RowSink?
    /// What the progress line calls the work: the table scanned.
    let phase: String
    /// Rows the scan is expected to read, from metadata (nil when unknown).
    let rowsTotal: Int?
    private(set) var rowsDone = 0

    init(plan: QueryPlan, cancellation: QueryCancellation?, progress: ProgressObserver?, sink: RowSink? = nil) {
        self.cancellation = cancellation
        self.progress = progress
        self.sink = sink.flatMap { RowSink.canStream(plan) ? $0 : nil }
        self.phase = plan.table.map { "scanning \($0)" } ?? "computing"
        // Counting the rows to scan opens footers; not worth it when nobody listens. A windowed plan scans its
        // window stage's input.
        let scanned = plan.windowStage?.input ?? plan
        self.rowsTotal = progress == nil ? nil : scanned.source.rowsToScan(pruning: scanned.pruning)
    }

    /// Tells the observer the scan starts (0 rows done), so that a progress line can show from the start.
    func begin() {
        progress?.progress(ProgressReport(phase: phase, unit: .rows, done: 0, total: rowsTotal))
    }

    /// Throws ``QueryError/cancelled`` once the caller has asked the query to stop.
    func check() throws(QueryError) {
        if cancellation?.isCancelled == true { throw .cancelled }
    }

    /// Counts scanned rows the query is done with, tells the observer, and stops the query if the caller asked.
    mutating func processed(rows: Int) throws(QueryError) {
        rowsDone += rows
        progress?.progress(ProgressReport(phase: phase, unit: .rows, done: rowsDone, total: rowsTotal))
        try check()
    }
}
