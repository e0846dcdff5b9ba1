import AurumCore
import AurumStorage
import Foundation

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
        } catch {
            throw .reading(error)
        }
        plan.times.set(.scan, StepTimes.since(scanStart) - drainSeconds)
        if plan.filter != nil { plan.times.set(.filter, filterSeconds) }
    }

    /// What ``scanIntoWorkers(_:workerCount:fixedPoint:stats:monitor:fold:)`` saw: the rows that passed WHERE, and the share of
    /// the scan's wall time the folds took.
    struct FoldedScan {
        var rowsPassed = 0
        var foldSeconds = 0.0
    }

    /// Scans `plan`'s source for a block that folds every batch into its worker's own state (an aggregation):
    /// worker `w` of `workerCount` reads batch `w`, filters it, hands it and the rows that passed (nil: all did)
    /// to `fold(w, …)`, then goes on to batch `w + n`, and so on, a window of ``foldWindowBatches`` a worker at a
    /// time (``unreadFoldWindowBatches`` while no batch of the window comes read or from an operator). No worker
    /// waits for another between reading, filtering and folding; one done with its share reads the others' batches
    /// none has begun (``WindowReads``, a few at a time), so the memory a scan holds is at most a window's batches
    /// handed over read and a few read ahead.
    /// Batches go to workers by their place in the scan, never by timing, so each worker's state is the same on
    /// every run.
    ///
    /// The caller's cancellation is asked before each batch is handed to the workers and before each batch a worker
    /// filters (`fold` asks before each piece it folds); progress is told after each window. A worker stops at
    /// its first error, and the error of the earliest batch is rethrown once the window is done. The plan's scan and
    /// filter times are each step's share of the workers' busy time, scaled to the windows' wall time (the scan's
    /// also counts planning the row groups).
    static func scanIntoWorkers(
        _ plan: QueryPlan, workerCount: Int, fixedPoint: [Int: FixedPoint] = [:], stats: inout ScanStats,
        monitor: inout ExecutionMonitor, fold: (_ worker: Int, _ batch: Batch, _ passed: [Int]?) throws(QueryError) -> Void
    ) throws(QueryError) -> FoldedScan {
        var window: [PendingBatch] = []
        // An operator's batches (a join's) are read by running the operator: their windows stay short.
        var windowHoldsRows = plan.source is PlanOperator
        var result = FoldedScan()
        var seconds = (read: 0.0, filter: 0.0, windows: 0.0)
        let checkpoint = monitor
        func flush() throws(QueryError) {
            let start = ContinuousClock.now
            var workers = [WorkerPass](repeating: WorkerPass(), count: min(workerCount, window.count))
            let reads = WindowReads(window, workerCount: workerCount)
            workers.withUnsafeMutableBufferPointer { workers in
                Parallel.forEachWorker(workers.count) { worker in
                    workers[worker].run(
                        window, reads: reads, worker: worker, workerCount: workers.count, plan: plan, checkpoint: checkpoint,
                        fold: fold)
                }
            }
            window.removeAll(keepingCapacity: true)
            windowHoldsRows = plan.source is PlanOperator
            if let failure = workers.compactMap(\.failure).min(by: { $0.batch < $1.batch }) { throw failure.error }
            // Each step's share of the workers' busy time, of this window's wall time.
            let wall = StepTimes.since(start)
            seconds.windows += wall
            let busy = workers.reduce(0.0) { $0 + $1.readSeconds + $1.filterSeconds + $1.foldSeconds }
            let scale = busy > 0 ? wall / busy : 0
            seconds.read += scale * workers.reduce(0.0) { $0 + $1.readSeconds }
            seconds.filter += scale * workers.reduce(0.0) { $0 + $1.filterSeconds }
            result.foldSeconds += scale * workers.reduce(0.0) { $0 + $1.foldSeconds }
            result.rowsPassed += workers.reduce(0) { $0 + $1.rowsPassed }
            try monitor.processed(rows: workers.reduce(0) { $0 + $1.rowsRead })
        }
        let scanStart = ContinuousClock.now
        do {
            try plan.source.scanPending(columns: plan.scanColumns, pruning: plan.pruning, fixedPoint: fixedPoint, stats: &stats) { batch in
                try monitor.check()
                window.append(batch)
                windowHoldsRows = windowHoldsRows || batch.isRead
                if window.count >= (windowHoldsRows ? foldWindowBatches : unreadFoldWindowBatches) * workerCount { try flush() }
            }
            if !window.isEmpty { try flush() }
        } catch {
            throw .reading(error)
        }
        // Planning the row groups (footers, zone maps) counts as the scan's too.
        plan.times.set(.scan, StepTimes.since(scanStart) - seconds.windows + seconds.read)
        if plan.filter != nil { plan.times.set(.filter, seconds.filter) }
        return result
    }

    /// Batches a worker takes per window of ``scanIntoWorkers(_:workerCount:fixedPoint:stats:monitor:fold:)``: a window costs
    /// one wait for the slowest worker and one progress report, and holds nothing but the batches still to read.
    static let foldWindowBatches = 8
    /// The same while none of the window's batches comes read and they are not an operator's (a stored table's
    /// row groups, read by the workers): such a window holds their descriptions only, so it is made longer, for
    /// fewer waits. Measured one-shot at 10M rows (75 row groups: two windows on 2 cores instead of five): the
    /// weekly KPIs 5–6 ms faster than with 8, the count of distinct ads 2–3 ms. A join's batches (read by probing)
    /// keep windows of 8: with 32, the join line's aggregation over them took 6% longer in process.
    static let unreadFoldWindowBatches = 32

    /// One worker's pass over a window (``scanIntoWorkers(_:workerCount:fixedPoint:stats:monitor:fold:)``): its
    /// own batches read (unless another worker read them already), filtered and folded in order; then, with its
    /// own done, the other workers' batches none has begun, read for them, from the window's end backwards.
    private struct WorkerPass {
        var failure: (batch: Int, error: QueryError)?
        var rowsRead = 0
        var rowsPassed = 0
        var readSeconds = 0.0
        var filterSeconds = 0.0
        var foldSeconds = 0.0

        mutating func run(
            _ window: [PendingBatch], reads: WindowReads, worker: Int, workerCount: Int, plan: QueryPlan,
            checkpoint: ExecutionMonitor, fold: (Int, Batch, [Int]?) throws(QueryError) -> Void
        ) {
            defer {
                // Reading is the same whoever does it (a block's text coded in the shared dictionary gives the
                // same codes to whichever thread meets it), so an idle worker reads ahead for the others; the
                // folds stay with each batch's worker, and so does every group's order.
                for index in stride(from: window.count - 1, through: 0, by: -1) where index % workerCount != worker {
                    let start = ContinuousClock.now
                    if reads.readAhead(index) { readSeconds += StepTimes.since(start) }
                }
            }
            for index in stride(from: worker, to: window.count, by: workerCount) {
                do throws(QueryError) {
                    var start = ContinuousClock.now
                    let batch: Batch
                    do { batch = try reads.take(index) } catch { throw .reading(error) }
                    readSeconds += StepTimes.since(start)
                    rowsRead += batch.rowCount
                    start = ContinuousClock.now
                    var passed: [Int]?
                    if let filter = plan.filter, !window[index].passesFilter {
                        try checkpoint.check()
                        let rows = selectedRows(try ExpressionEvaluator.evaluate(filter, batch).boolValues)
                        passed = rows.count == batch.rowCount ? nil : rows
                    }
                    filterSeconds += StepTimes.since(start)
                    rowsPassed += passed?.count ?? batch.rowCount
                    start = ContinuousClock.now
                    try fold(worker, batch, passed)
                    foldSeconds += StepTimes.since(start)
                } catch {
                    failure = (index, error)
                    return
                }
            }
        }
    }

    /// The batches of one window of ``scanIntoWorkers(_:workerCount:fixedPoint:stats:monitor:fold:)`` as they are
    /// read: each by its own worker (``take(_:)``), unless a worker with nothing left of its own read it first
    /// (``readAhead(_:)``). A window's row groups differ in cost (one holds a month of new ad ids to code, the next
    /// none), and a worker that finished its share waited for the slowest at the end of every window.
    private final class WindowReads: @unchecked Sendable {
        private enum Slot {
            case unread
            case reading
            case read(Result<Batch, any Error>)
            case taken
        }

        private let window: [PendingBatch]
        private var slots: [Slot]
        private let condition = NSCondition()
        /// Batches read ahead and not taken yet, and how many may be at once: a worker that finished its share
        /// while another stalls reads a few of that one's batches, not all of them.
        private var heldAhead = 0
        private let heldAheadMax: Int

        init(_ window: [PendingBatch], workerCount: Int) {
            self.window = window
            slots = Array(repeating: .unread, count: window.count)
            heldAheadMax = 2 * workerCount
        }

        /// Batch `index`, read now unless another worker has read it (or is reading it: then waited for).
        func take(_ index: Int) throws -> Batch {
            condition.lock()
            while case .reading = slots[index] { condition.wait() }
            let slot = slots[index]
            slots[index] = .taken
            if case .read = slot { heldAhead -= 1 }
            condition.unlock()
            if case .read(let result) = slot { return try result.get() }
            return try window[index].read()
        }

        /// Reads batch `index` for its worker unless it has begun (or as many as may be are read ahead already);
        /// whether this call read it.
        func readAhead(_ index: Int) -> Bool {
            condition.lock()
            guard case .unread = slots[index], heldAhead < heldAheadMax else {
                condition.unlock()
                return false
            }
            slots[index] = .reading
            heldAhead += 1
            condition.unlock()
            let result = Result { try window[index].read() }
            condition.lock()
            slots[index] = .read(result)
            condition.broadcast()
            condition.unlock()
            return true
        }
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
        if let failure = failures.compactMap({ $0 }).first { throw .reading(failure) }
        return batches.compactMap { $0 }  // every slot is read when none failed
    }
}
