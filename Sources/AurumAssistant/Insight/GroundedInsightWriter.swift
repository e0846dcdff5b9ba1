import AurumQuery

/// Asks a model for an insight about an ``InsightSheet`` and keeps only one that passes ``InsightCheck``.
///
/// The model gets the computed facts (never raw rows beyond them) and the catalogue's KPI definitions, and must
/// answer with the JSON of ``InsightReplyParser``. A reply that is not that JSON, quotes a number the facts do not
/// hold, names a KPI outside the catalogue or gives an evidence query that does not validate and run, is sent back
/// with the reason, as the query path corrects a query (at most ``Assistant/correctionsMax`` times); then the
/// writer gives up with every reason, and the caller falls back to what Aurum writes offline. Endpoint errors
/// (already retried by ``ChatClient`` under its ``RetryPolicy``) end the attempts at once.
public struct GroundedInsightWriter {
    /// The model.
    public let client: any ChatCompleting
    /// Validates and runs the evidence queries.
    public let engine: QueryEngine
    /// Corrections asked after the first reply.
    public var correctionsMax: Int

    public init(client: any ChatCompleting, engine: QueryEngine, correctionsMax: Int = Assistant.correctionsMax) {
        self.client = client
        self.engine = engine
        self.correctionsMax = correctionsMax
    }

    /// An insight that passed, and the replies it took.
    public struct Written: Sendable, Equatable {
        public var insight: GroundedInsight
        public var attempts: Int
    }

    /// No insight passed: why, reply by reply ("reply 2: …"), or the endpoint's error.
    public struct Rejected: Error, Sendable, Equatable {
        public var reasons: [String]

        /// One line for a note.
        public var summary: String { reasons.joined(separator: "; ") }
    }

    /// The model's insight about `sheet`, checked.
    public func write(_ sheet: InsightSheet) async -> Result<Written, Rejected> {
        var messages = PromptBuilder.groundedInsightMessages(sheet)
        var reasons: [String] = []
        for attempt in 1...(1 + max(0, correctionsMax)) {
            let reply: String
            do {
                reply = try await client.complete(messages, structured: false)
            } catch {
                return .failure(Rejected(reasons: reasons + [error.description]))
            }
            let reason: String
            do {
                let insight = try InsightReplyParser.insight(from: reply)
                guard let refused = InsightCheck.rejection(insight, sheet: sheet, engine: engine) else {
                    return .success(Written(insight: insight, attempts: attempt))
                }
                reason = refused
            } catch {
                reason = error.description
            }
            reasons.append("reply \(attempt): \(reason)")
            messages += PromptBuilder.groundedInsightCorrection(reply: reply, reason: reason)
        }
        return .failure(Rejected(reasons: reasons))
    }
}
