import AurumCore

/// What ``Assistant/ask(_:options:)`` produced: the validated query, and (unless a dry run) its result and an
/// optional insight.
public struct AskOutcome: Sendable {
    /// The question as asked.
    public var question: String
    /// The query that was validated (and run, unless a dry run).
    public var query: String
    /// The translator's one-line explanation of the query (may be empty).
    public var explanation: String
    /// Which translator wrote it ("offline", "model meta-llama/…").
    public var translator: String
    /// Proposals asked for: 1 when the first was valid, up to 1 + ``Assistant/correctionsMax``.
    public var attempts: Int
    /// The result, at most ``Assistant/rowCountMax`` rows; nil for a dry run.
    public var result: Batch?
    /// How many rows the query produced (more than `result` holds when capped).
    public var rowCount: Int
    /// The model's short narrative of the result (`--insight`).
    public var insight: String?
    /// What the user should know that is not an error ("--insight needs a model endpoint", a capped result).
    public var notes: [String]

    public init(
        question: String, query: String, explanation: String, translator: String, attempts: Int, result: Batch? = nil,
        rowCount: Int = 0, insight: String? = nil, notes: [String] = []
    ) {
        self.question = question
        self.query = query
        self.explanation = explanation
        self.translator = translator
        self.attempts = attempts
        self.result = result
        self.rowCount = rowCount
        self.insight = insight
        self.notes = notes
    }

    /// Whether the result holds fewer rows than the query produced.
    public var isCapped: Bool { result.map { $0.rowCount < rowCount } ?? false }
}
