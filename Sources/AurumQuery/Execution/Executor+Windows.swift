import AurumCore

extension Executor {
    /// Thrown inside a scan to stop it once the block has what it needs (a LIMIT without ORDER BY met).
    private struct Enough: Error {}

    /// Scans `plan`'s source a window of row groups at a time, what both ways of running a block share: the scan
    /// asks the caller's cancellation before each batch it reads; once the window holds `windowSize()` batches
    /// (and at the end) worker `w` of `workerCount` filters batches `w`, `w + n`, … (``filter(_:plan:workerCount:checkpoint:)``),
    /// `drain` does the rest with the window and its selections, and progress is told. `drain` returns true to
    /// stop the scan. Sets the plan's scan and filter times.
    static func scanInWindows(
        _ plan: QueryPlan, workerCount: Int, stats: inout ScanStats, monitor: inout ExecutionMonitor,
        windowSize: () -> Int, drain: (_ window: [Batch], _ selections: [[Int]?]) throws(QueryError) -> Bool
    ) throws(QueryError) {
        var window: [Batch] = []
        var (filterSeconds, drainSeconds) = (0.0, 0.0)
        let checkpoint = monitor
        func flush() throws(QueryError) -> Bool {
            let start = ContinuousClock.now
            defer {
                window.removeAll(keepingCapacity: true)
                drainSeconds += StepTimes.since(start)
            }
            let windowRows = window.reduce(0) { $0 + $1.rowCount }
            let selections = try filter(window, plan: plan, workerCount: workerCount, checkpoint: checkpoint)
            filterSeconds += StepTimes.since(start)
            let enough = try drain(window, selections)
            try monitor.processed(rows: windowRows)
            return enough
        }
        let scanStart = ContinuousClock.now
        do {
            try plan.source.scan(columns: plan.scanColumns, pruning: plan.pruning, stats: &stats) { batch in
                try monitor.check()
                window.append(batch)
                if window.count >= windowSize(), try flush() { throw Enough() }
            }
            if !window.isEmpty { _ = try flush() }
        } catch is Enough {
        } catch let error as QueryError {
            throw error
        } catch {
            throw .storage(message: String(describing: error))
        }
        plan.times.set(.scan, StepTimes.since(scanStart) - drainSeconds)
        if plan.filter != nil { plan.times.set(.filter, filterSeconds) }
    }
}
