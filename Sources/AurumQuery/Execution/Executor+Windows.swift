import AurumCore

extension Executor {
    /// Thrown inside a scan to stop it once the block has what it needs (a LIMIT without ORDER BY met).
    private struct Enough: Error {}

    /// Scans `plan`'s source a window of row groups at a time, what both ways of running a block share: the scan
    /// asks the caller's cancellation before each batch it hands over; once the window holds `windowSize()` batches
    /// (and at the end) worker `w` of `workerCount` reads batches `w`, `w + n`, … (a stored table's blocks: read,
    /// checked, decompressed and decoded there, ``PendingBatch``) and filters them
    /// (``filter(_:plan:workerCount:checkpoint:)``: the same worker, so the rows it decoded are still in its cache),
    /// `drain` does the rest with the window and its selections, and progress is told. `drain` returns true to
    /// stop the scan. Sets the plan's scan (reading included) and filter times.
    static func scanInWindows(
        _ plan: QueryPlan, workerCount: Int, stats: inout ScanStats, monitor: inout ExecutionMonitor,
        windowSize: () -> Int, drain: (_ window: [Batch], _ selections: [[Int]?]) throws(QueryError) -> Bool
    ) throws(QueryError) {
        var window: [PendingBatch] = []
        var (filterSeconds, drainSeconds) = (0.0, 0.0)
        let checkpoint = monitor
        func flush() throws(QueryError) -> Bool {
            // Reading counts as the scan's time, not the drain's.
            let batches = try read(window, workerCount: workerCount)
            let passing = window.map(\.passesFilter)
            window.removeAll(keepingCapacity: true)
            let start = ContinuousClock.now
            defer { drainSeconds += StepTimes.since(start) }
            let windowRows = batches.reduce(0) { $0 + $1.rowCount }
            let selections = try filter(batches, passing: passing, plan: plan, workerCount: workerCount, checkpoint: checkpoint)
            filterSeconds += StepTimes.since(start)
            let enough = try drain(batches, selections)
            try monitor.processed(rows: windowRows)
            return enough
        }
        let scanStart = ContinuousClock.now
        do {
            try plan.source.scanPending(columns: plan.scanColumns, pruning: plan.pruning, stats: &stats) { batch in
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

    /// The window's batches read, batch `i` on worker `i % workerCount` (the worker that then filters it); a batch
    /// that cannot be read (a damaged block) fails the scan with its storage error, the first by batch order. The
    /// scan asked the caller's cancellation before handing each batch over, and the filter asks again.
    private static func read(_ window: [PendingBatch], workerCount: Int) throws(QueryError) -> [Batch] {
        var batches = [Batch?](repeating: nil, count: window.count)
        var failures = [(any Error)?](repeating: nil, count: window.count)
        batches.withUnsafeMutableBufferPointer { batches in
            failures.withUnsafeMutableBufferPointer { failures in
                Parallel.forEachWorker(min(workerCount, window.count)) { worker in
                    for index in stride(from: worker, to: window.count, by: workerCount) {
                        do { batches[index] = try window[index].read() } catch {
                            failures[index] = error
                            return
                        }
                    }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first {
            if let error = failure as? QueryError { throw error }
            throw .storage(message: String(describing: failure))
        }
        return batches.compactMap { $0 }  // every slot is read when none failed
    }
}
