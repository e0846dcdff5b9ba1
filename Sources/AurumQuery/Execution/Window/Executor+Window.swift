import AurumCore

extension Executor {
    /// Runs a plan with a window stage: the stage's input block, then the window operator over its rows, then the
    /// plan itself (QUALIFY, projection, DISTINCT, ORDER BY, LIMIT) over the result read as a table. What was
    /// scanned is the input's; what was produced is the plan's. Progress is the input's scan; cancellation is
    /// asked in every part.
    static func runWindowed(_ plan: QueryPlan, stage: WindowStage, monitor: inout ExecutionMonitor) throws(QueryError) -> (Batch, ScanStats) {
        let (input, inputStats) = try run(stage.input, monitor: &monitor)
        let windowed = try WindowOperator.run(stage, input: input, monitor: monitor)
        var outer = plan
        outer.windowStage = nil
        outer.source = MaterializedTable(windowed)
        var outerMonitor = ExecutionMonitor(plan: outer, cancellation: monitor.cancellation, progress: nil)
        let (result, outerStats) = try run(outer, monitor: &outerMonitor)
        var stats = inputStats
        stats.rowsProduced = outerStats.rowsProduced
        return (result, stats)
    }
}
