import AurumCore

/// The query engine's front door: text in, rows out. Parses (refusing anything but one SELECT), binds
/// against the catalogue, plans and runs.
public struct QueryEngine {
    public let catalog: TableCatalog
    /// What `current_date` means (fixed in tests and evaluations).
    public let today: Date32

    public init(catalog: TableCatalog, today: Date32) {
        self.catalog = catalog
        self.today = today
    }

    /// The result of a query and what it read.
    public struct Result {
        public var batch: Batch
        public var stats: ScanStats
        public var plan: QueryPlan
    }

    /// Parses and binds `text` without running it (what the assistant uses to validate a model's query).
    public func prepare(_ text: String) throws(QueryError) -> QueryPlan {
        try Planner(catalog: catalog, today: today).plan(try Parser.parse(text))
    }

    /// Runs `text`.
    /// - Parameters:
    ///   - cancellation: asked between pieces of work; once it says so the run throws ``QueryError/cancelled``.
    ///   - progress: told the rows scanned so far (and the rows to scan) after each batch.
    public func run(_ text: String, cancellation: QueryCancellation? = nil, progress: ProgressObserver? = nil) throws(QueryError) -> Result {
        let plan = try prepare(text)
        var monitor = ExecutionMonitor(plan: plan, cancellation: cancellation, progress: progress)
        let (batch, stats) = try Executor.run(plan, monitor: &monitor)
        return Result(batch: batch, stats: stats, plan: plan)
    }

    /// `aurum explain`: the plan, then what running it scanned, pruned and produced.
    public func explain(_ text: String) throws(QueryError) -> String {
        let result = try run(text)
        let stats = result.stats
        var lines = result.plan.steps
        lines.append("")
        lines.append("segments: \(stats.segments) in table, \(stats.segmentsPruned) pruned by zone maps, \(stats.segments - stats.segmentsPruned) read")
        lines.append("row groups: \(stats.rowGroups) in table, \(stats.rowGroupsPruned) pruned by zone maps, \(stats.rowGroups - stats.rowGroupsPruned) decoded")
        lines.append("rows: \(stats.rowsScanned) scanned, \(stats.rowsFiltered) after WHERE, \(stats.rowsProduced) produced")
        return lines.joined(separator: "\n")
    }
}
