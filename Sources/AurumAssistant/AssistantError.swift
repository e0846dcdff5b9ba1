/// Every way the assistant can fail. Each says what happened and what to set or do.
public enum AssistantError: Error, Equatable, CustomStringConvertible {
    /// The offline translator does not understand the question; `examples` are questions it does understand;
    /// `reason` says what it understood and which words it could not place (empty when it has nothing to add).
    case notUnderstood(question: String, examples: [String], reason: String = "")
    /// No endpoint is configured and a model was asked for explicitly.
    case notConfigured(String)
    /// The endpoint refused the key (401/403).
    case unauthorized(status: Int, hint: String)
    /// The endpoint could not be reached, or kept failing (after retries).
    case network(String)
    /// The endpoint took longer than the timeout.
    case timeout(seconds: Double)
    /// The reply was not the JSON asked for and held no query.
    case malformedReply(String)
    /// The model's query was refused by validation, even after the allowed corrections.
    case invalidQuery(query: String, error: String, attempts: Int)
    /// A configuration variable or the config file could not be read (which one, and why).
    case invalidConfiguration(String)
    /// A query that passed validation failed while running (e.g. an integer overflow); `error` is rendered with
    /// its position in `query`.
    case executionFailed(query: String, error: String)

    public var description: String {
        switch self {
        case .notUnderstood(let question, let examples, let reason):
            // In the question's language, as the reason (``RefusalReason``) and the examples already are.
            Self.notUnderstoodText(question: question, reason: reason, portuguese: QuestionLanguage(QuestionTokenizer.tokens(question)) == .portuguese)
                + examples.map { "  - \($0)" }.joined(separator: "\n")
        case .notConfigured(let message): message
        case .unauthorized(let status, let hint): "the model endpoint refused the request (HTTP \(status)): \(hint)"
        case .network(let message): "cannot reach the model endpoint: \(message)"
        case .timeout(let seconds): "the model endpoint did not answer within \(seconds) s (set AURUM_LLM_TIMEOUT to wait longer)"
        case .malformedReply(let message): "the model's reply held no usable query: \(message)"
        case .invalidQuery(let query, let error, let attempts):
            "the model's query was still invalid after \(attempts) attempt\(attempts == 1 ? "" : "s"); nothing was run.\nlast query: \(query)\nerror: \(error)"
        case .invalidConfiguration(let message): "invalid assistant configuration: \(message)"
        case .executionFailed(let query, let error): "the query failed while running.\nquery: \(query)\nerror: \(error)"
        }
    }

    /// "I did not understand "…": reason. Questions I understand look like:" / "Não entendi "…": …. Exemplos de
    /// perguntas que entendo:", followed by the examples.
    private static func notUnderstoodText(question: String, reason: String, portuguese: Bool) -> String {
        let reasonText = reason.isEmpty ? "" : ": \(reason)"
        return portuguese
            ? "Não entendi \"\(question)\"\(reasonText). Exemplos de perguntas que entendo:\n"
            : "I did not understand \"\(question)\"\(reasonText). Questions I understand look like:\n"
    }
}
