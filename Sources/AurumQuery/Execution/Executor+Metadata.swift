import AurumCore
import AurumStorage

extension Executor {
    /// Runs a block ``MetadataAnswer`` answers: the one aggregated row from metadata, then HAVING, the select list,
    /// ORDER BY and LIMIT over it as ``runAggregated`` would. What it read goes into `stats` (the row groups whose
    /// zone maps answered count as pruned) and the plan's ``StepTimes/summaryWork``.
    static func runFromMetadata(_ plan: QueryPlan, answer: MetadataAnswer, monitor: ExecutionMonitor) throws(QueryError) -> (Batch, ScanStats) {
        try monitor.check()
        let start = ContinuousClock.now
        var aggregated: Batch
        let work: SummaryWork
        do {
            (aggregated, work) = try answer.aggregate()
        } catch let error as QueryError {
            throw error
        } catch {
            throw .storage(message: String(describing: error))
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
        if let having = plan.aggregation?.having {
            let havingStart = ContinuousClock.now
            aggregated = aggregated.gather(selectedRows(try ExpressionEvaluator.evaluate(having, aggregated).boolValues))
            plan.times.set(.having, StepTimes.since(havingStart))
        }
        let projectStart = ContinuousClock.now
        let projected = try project(plan, aggregated)
        plan.times.set(.project, StepTimes.since(projectStart))
        return (try finishRows(plan, projected, stats: &stats), stats)
    }
}
