import AurumCore

/// The query engine's front door: text in, rows out. Parses (refusing anything but one SELECT, or EXPLAIN of
/// one), binds against the catalogue, plans and runs.
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
        /// The rows; none when they went to a ``RowSink`` as they came (then only its schema is meaningful).
        public var batch: Batch
        public var stats: ScanStats
        public var plan: QueryPlan
        /// Whether the rows were handed to the run's ``RowSink`` instead of gathered into ``batch``.
        public var streamed = false
        /// The rows the query produced: ``batch`` holds them all, unless the run was asked to keep only the rows
        /// a table shows (``ShownRows``) and more came — then it holds those ends, the first rows and the last.
        public var rowCount: Int { stats.rowsProduced }
    }

    /// What a statement produced: a query's rows, or the text of an `EXPLAIN`.
    public enum Outcome {
        case rows(Result)
        /// `EXPLAIN`: the plan's steps; `EXPLAIN ANALYZE`: the same, then what running the query read.
        case plan(String)
    }

    private var planner: Planner { Planner(catalog: catalog, today: today) }

    /// Parses and binds `text` (one SELECT) without running it (what the assistant uses to validate a model's query).
    public func prepare(_ text: String) throws(QueryError) -> QueryPlan {
        try planner.plan(try Parser.parse(text))
    }

    /// Runs `text`, one SELECT.
    /// - Parameters:
    ///   - cancellation: asked between pieces of work; once it says so the run throws ``QueryError/cancelled``.
    ///   - progress: told the rows scanned so far (and the rows to scan) after each batch.
    public func run(_ text: String, cancellation: QueryCancellation? = nil, progress: ProgressObserver? = nil) throws(QueryError) -> Result {
        try run(try prepare(text), cancellation: cancellation, progress: progress)
    }

    /// Runs `text`, one SELECT or `EXPLAIN [ANALYZE] SELECT …` (what `aurum query` and the REPL accept), with
    /// `cancellation` and `progress` as ``run(_:cancellation:progress:)`` takes them. With `sink`, a query whose
    /// rows come out in scan order (``RowSink``) hands them to it as they are produced, and its result says so.
    /// With `shown`, the result is only to be shown as a table of those rows: a longer one keeps just its ends
    /// (``Result/rowCount``), and rows left out are never ordered.
    public func execute(
        _ text: String, cancellation: QueryCancellation? = nil, progress: ProgressObserver? = nil, sink: RowSink? = nil,
        shown: ShownRows? = nil
    ) throws(QueryError) -> Outcome {
        switch try Parser.parseStatement(text) {
        case .select(let statement):
            var plan = try planner.plan(statement)
            plan.shownRows = shown
            return .rows(try run(plan, cancellation: cancellation, progress: progress, sink: sink))
        case .explain(let statement, let analyze):
            let plan = try planner.plan(statement)
            guard analyze else { return .plan(plan.explain(analyze: false).joined(separator: "\n")) }
            return .plan(Self.analysis(try run(plan, cancellation: cancellation, progress: progress)))
        }
    }

    /// `aurum explain`, the same as `EXPLAIN ANALYZE`: the plan, then what running it scanned, pruned and produced.
    public func explain(_ text: String) throws(QueryError) -> String {
        Self.analysis(try run(text))
    }

    private func run(_ plan: QueryPlan, cancellation: QueryCancellation?, progress: ProgressObserver?, sink: RowSink? = nil) throws(QueryError) -> Result {
        var monitor = ExecutionMonitor(plan: plan, cancellation: cancellation, progress: progress, sink: sink)
        // The blocks under this one (CTEs, subqueries, UNION ALL) run with the same cancellation.
        let outcome = RunContext.$cancellation.withValue(cancellation) { () -> Swift.Result<(Batch, ScanStats), QueryError> in
            do throws(QueryError) { return .success(try Executor.run(plan, monitor: &monitor)) } catch { return .failure(error) }
        }
        let (batch, stats) = try outcome.get()
        return Result(batch: batch, stats: stats, plan: plan, streamed: monitor.sink != nil)
    }

    private static func analysis(_ result: Result) -> String {
        let stats = result.stats
        var lines = result.plan.explain(analyze: true)
        lines.append("")
        lines.append("segments: \(stats.segments) in table, \(stats.segmentsPruned) pruned by zone maps, \(stats.segments - stats.segmentsPruned) read")
        let unfiltered = stats.rowGroupsUnfiltered > 0 ? " (\(stats.rowGroupsUnfiltered) of them wholly inside WHERE by zone maps: not filtered)" : ""
        lines.append("row groups: \(stats.rowGroups) in table, \(stats.rowGroupsPruned) pruned by zone maps, \(stats.rowGroups - stats.rowGroupsPruned) decoded" + unfiltered)
        lines.append("rows: \(stats.rowsScanned) scanned, \(stats.rowsFiltered) after WHERE, \(stats.rowsProduced) produced")
        return lines.joined(separator: "\n")
    }
}
