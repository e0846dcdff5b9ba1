import AurumCore
import AurumStorage

extension Executor {
    /// Runs a block ``MetadataAnswer`` answers: the one aggregated row from metadata, then HAVING, the select list,
    /// ORDER BY and LIMIT over it as ``runAggregated`` would. What it read goes into `stats` (the row groups whose
    /// zone maps answered count as pruned) and the plan's ``StepTimes/summaryWork``.
    static func runFromMetadata(_ plan: QueryPlan, answer: MetadataAnswer, monitor: ExecutionMonitor) throws(QueryError) -> (Batch, ScanStats) {
        try monitor.check()
        let start = ContinuousClock.now
        let aggregated: Batch
        let work: SummaryWork
        do {
            (aggregated, work) = try answer.aggregate()
        } catch {
            throw .reading(error)
        }
        plan.times.set(.aggregate, StepTimes.since(start))
        plan.times.summaryWork = work
        var stats = ScanStats()
        stats.segments = work.segments
        stats.segmentsPruned = work.segments - work.segmentsDecoded
        stats.rowGroups = work.rowGroups
        stats.rowGroupsPruned = work.rowGroups - work.rowGroupsDecoded
        stats.rowsScanned = work.rowsDecoded
        stats.rowsFiltered = work.rowsDecoded
        return try finishAggregated(plan, aggregated, stats: &stats)
    }
}
