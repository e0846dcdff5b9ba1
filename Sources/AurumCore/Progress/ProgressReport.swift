/// How far a long piece of work has got, counted by the layer that does it (the query executor, the ingest
/// pipeline). Only the CLI turns it into text: this says what was counted, never how to show it.
public struct ProgressReport: Sendable, Equatable {
    /// What the work counts in.
    public enum Unit: Sendable, Equatable {
        case rows
        case bytes
    }

    /// What is being done, in a few words ("reading Bronze files", "scanning ad_insights").
    public var phase: String
    public var unit: Unit
    /// Units done so far.
    public var done: Int
    /// Units in all, when known before the work starts (an estimate: a scan counts rows deleted later, and
    /// may end before reaching it).
    public var total: Int?
    /// Whole items (files) done and in all, when the work goes by items too.
    public var itemsDone: Int?
    public var itemsTotal: Int?

    public init(phase: String, unit: Unit, done: Int, total: Int?, itemsDone: Int? = nil, itemsTotal: Int? = nil) {
        self.phase = phase
        self.unit = unit
        self.done = done
        self.total = total
        self.itemsDone = itemsDone
        self.itemsTotal = itemsTotal
    }
}
