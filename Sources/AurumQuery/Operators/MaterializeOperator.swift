import AurumCore
import Foundation

/// A SELECT block computed once and read as a table: a CTE (however many times the query names it), a subquery
/// in FROM, or the subquery of `x IN (SELECT …)`. Its block runs the first time it is scanned; later scans read
/// the kept result. Zone maps do not apply to a computed result.
final class MaterializeOperator: PlanOperator, @unchecked Sendable {
    /// What it is, for EXPLAIN: "CTE recent", "SUBQUERY t", "IN SUBQUERY".
    let label: String
    let plan: QueryPlan
    let schema: Schema
    /// Guards ``result``: an IN subquery may be asked for by several workers at once.
    private let lock = NSLock()
    private var result: (batch: Batch, stats: ScanStats)?
    /// How long computing the block took.
    private var seconds: Double?

    init(label: String, plan: QueryPlan) {
        self.label = label
        self.plan = plan
        schema = Schema(plan.outputFields).withUniqueNames
    }

    /// The block's rows, computed on the first call; `stats` counts what the block read, once.
    func materialize(stats: inout ScanStats) throws(QueryError) -> Batch {
        lock.lock()
        defer { lock.unlock() }
        if let result { return result.batch }
        var monitor = ExecutionMonitor(plan: plan, cancellation: RunContext.cancellation, progress: nil)
        let start = ContinuousClock.now
        let (batch, blockStats) = try Executor.run(plan, monitor: &monitor)
        seconds = StepTimes.since(start)
        result = (batch, blockStats)
        stats.addReads(of: blockStats)
        return batch
    }

    /// Starts computing the block on another thread when it has not run yet and there is more than one core:
    /// what a join does with its probe side while it reads its build side (Gold's daily rows join two blocks,
    /// each an aggregation whose workers' tables merge on one core). The result is kept as by
    /// ``materialize(stats:)``, which waits for it; the task's value is what the block read, or its error.
    func startAhead() -> BackgroundTask<Result<ScanStats, QueryError>>? {
        guard Parallel.threadCount > 1, lock.withLock({ result == nil }) else { return nil }
        let cancellation = RunContext.cancellation
        return BackgroundTask {
            RunContext.$cancellation.withValue(cancellation) {
                var stats = ScanStats()
                do throws(QueryError) {
                    _ = try self.materialize(stats: &stats)
                    return .success(stats)
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        let batch = try materialize(stats: &stats)
        // (Not counted as scanned: the rows the block read from tables are.)
        try MaterializedTable.scan(Batch(schema: schema, columns: batch.columns), columns: columns, body)
    }

    func rowsToScan(pruning: PruningPredicate) -> Int? { result?.batch.rowCount }

    func explain(analyze: Bool) -> [String] {
        ["MATERIALIZE \(label)" + rowsNote(result?.batch.rowCount ?? 0, seconds: seconds, analyze: analyze)] + indented(plan.explain(analyze: analyze))
    }
}
