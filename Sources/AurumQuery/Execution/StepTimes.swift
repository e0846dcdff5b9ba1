import AurumStorage

/// The wall-clock time each step of a SELECT block took in its latest run, for `EXPLAIN ANALYZE`.
///
/// A plan holds one (a class, so that the copies of a plan the executor makes, such as the block above a window
/// stage, write to the one `EXPLAIN` reads). Times are wall-clock, not CPU: a step run on every core counts once,
/// from its start to its last worker's end. They are set by the thread that runs the block, never by its workers.
final class StepTimes: @unchecked Sendable {
    /// A step of the fused per-block pipeline, as `EXPLAIN` lists them.
    enum Step: Hashable {
        /// Reading and decoding the FROM table's row groups (time spent waiting for the source, not in the steps
        /// below it).
        case scan
        case filter
        case aggregate
        case having
        case project
        case distinct
        case sort
    }

    private var seconds: [Step: Double] = [:]
    /// What a block answered from metadata (``MetadataAnswer``) read in its latest run; nil for a scanned block.
    var summaryWork: SummaryWork?

    /// Sets `step`'s time of this run (a later run replaces it).
    func set(_ step: Step, _ elapsed: Double) { seconds[step] = elapsed }

    /// `" (1.23 ms)"` after a step's line in `EXPLAIN ANALYZE`; empty without `analyze` or when the step did not run.
    func note(_ step: Step, analyze: Bool) -> String {
        guard analyze, let elapsed = seconds[step] else { return "" }
        return StepTimes.note(elapsed)
    }

    /// `" (1.23 ms)"`: milliseconds to two decimals, what `EXPLAIN ANALYZE` prints after a step or operator.
    static func note(_ seconds: Double) -> String {
        let hundredths = Int((max(seconds, 0) * 100_000).rounded())
        let fraction = hundredths % 100
        return " (\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) ms)"
    }

    /// Seconds since `start`.
    static func since(_ start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
