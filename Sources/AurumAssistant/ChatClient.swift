import AurumHTTP
import Foundation

/// An OpenAI-compatible chat-completions client: `POST {base}/chat/completions` through libcurl
/// (``AurumHTTP/CurlExchange``), with a timeout, retries with backoff on 429 and 5xx, and errors that say what to set.
///
/// Structured replies ask for ``querySchema`` in `response_format`; an endpoint that refuses the parameter
/// (HTTP 400 naming it) is asked once more without it, and not asked with it again by this client —
/// ``ReplyParser`` copes with what comes back.
public final class ChatClient: ChatCompleting, @unchecked Sendable {
    // @unchecked: every stored property is a constant except `structuredOutputRefused`, which is behind a lock.
    /// Where the endpoint is, the key, the model, the timeout.
    public let configuration: LLMConfiguration
    /// When to try again after 429 and 5xx.
    public let retryPolicy: RetryPolicy
    private let lock = NSLock()
    private var structuredOutputRefusedStorage = false

    public init(configuration: LLMConfiguration, retryPolicy: RetryPolicy = .standard) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
    }

    /// The configured model.
    public var modelName: String { configuration.model }

    /// The `response_format` of a structured request: a JSON object with a `query` and an `explanation`.
    public static let querySchema = ResponseFormat(
        type: "json_schema",
        jsonSchema: .init(
            name: "aurum_query", strict: true,
            schema: .init(
                type: "object",
                properties: [
                    "query": .init(type: "string", description: "one SELECT statement in Aurum's query language"),
                    "explanation": .init(type: "string", description: "one sentence saying what the query computes"),
                ],
                required: ["query", "explanation"], additionalProperties: false)))

    /// The URL requests go to.
    public var endpoint: String {
        let base = configuration.baseURL
        return base.hasSuffix("/chat/completions") ? base : base + "/chat/completions"
    }

    /// Whether the endpoint refused `response_format` once already.
    public var structuredOutputRefused: Bool {
        lock.lock()
        defer { lock.unlock() }
        return structuredOutputRefusedStorage
    }

    private func noteStructuredOutputRefused() {
        lock.lock()
        structuredOutputRefusedStorage = true
        lock.unlock()
    }

    /// The reply's content; see the type's discussion for retries and errors.
    public func complete(_ messages: [ChatMessage], structured: Bool) async throws(AssistantError) -> String {
        var withSchema = structured && !structuredOutputRefused
        var retry = 0
        while true {
            let reply = try await send(ChatRequest(
                model: configuration.model, messages: messages, temperature: 0, responseFormat: withSchema ? Self.querySchema : nil))
            switch reply.status {
            case 200..<300:
                return try Self.content(of: reply.body)
            case 400 where withSchema && Self.mentionsResponseFormat(reply.body):
                // The endpoint does not do JSON-schema output: once more without it (the prompt asks for JSON too).
                noteStructuredOutputRefused()
                withSchema = false
            case 401, 403:
                throw .unauthorized(status: reply.status, hint: unauthorizedHint)
            case 429, 500..<600:
                guard retry < retryPolicy.retriesMax else {
                    throw .network(
                        "\(endpoint) answered HTTP \(reply.status) to \(retry + 1) attempts (\(Self.excerpt(reply.body))); "
                            + "try again later, or set AURUM_LLM_BASE_URL / AURUM_LLM_MODEL to another endpoint or model")
                }
                await retryPolicy.sleep(retryPolicy.delay(beforeRetry: retry, retryAfter: reply.retryAfter))
                if Task.isCancelled { throw .network("cancelled") }
                retry += 1
            default:
                throw .network(
                    "\(endpoint) answered HTTP \(reply.status) (\(Self.excerpt(reply.body))); check AURUM_LLM_BASE_URL "
                        + "(now \(configuration.baseURL)) and AURUM_LLM_MODEL (now \(configuration.model))")
            }
        }
    }

    // MARK: - HTTP

    private struct Reply {
        var status: Int
        var retryAfter: String?
        var body: Data
    }

    private func send(_ request: ChatRequest) async throws(AssistantError) -> Reply {
        guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https" else {
            throw .invalidConfiguration("AURUM_LLM_BASE_URL is not an http(s) URL: '\(configuration.baseURL)'")
        }
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let key = configuration.apiKey { headers["Authorization"] = "Bearer \(key)" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body: Data
        do {
            body = try encoder.encode(request)
        } catch {
            throw .malformedReply("could not encode the request: \(error)")
        }
        let reply: CurlExchange.Reply
        do {
            reply = try await CurlExchange.send(
                method: "POST", url: endpoint, headers: headers, body: [UInt8](body), idleSeconds: configuration.timeoutSeconds,
                totalSeconds: configuration.timeoutSeconds)
        } catch {
            throw translate(error)
        }
        return Reply(status: reply.status, retryAfter: reply.headers["retry-after"], body: Data(reply.body))
    }

    private func translate(_ error: CurlExchange.Failure) -> AssistantError {
        let setting = "set AURUM_LLM_BASE_URL to a reachable OpenAI-compatible endpoint (now \(configuration.baseURL), from \(configuration.origin))"
        switch error.kind {
        case .timedOut:
            return .timeout(seconds: configuration.timeoutSeconds)
        case .cannotResolveHost:
            return .network("cannot resolve the host of \(endpoint); \(setting)")
        case .cannotConnect:
            return .network("connection refused by \(endpoint); is the server running? \(setting)")
        case .connectionLost:
            return .network("the connection to \(endpoint) failed (\(error.message)); \(setting)")
        case .tls:
            return .network("TLS with \(endpoint) failed (\(error.message)); \(setting)")
        case .cancelled:
            return .network("the request to \(endpoint) was cancelled")
        case .unavailable:
            return .network("\(error.message); the model cannot be asked without it (the offline translator still answers)")
        case .other:
            return .network("\(endpoint): \(error.message); \(setting)")
        }
    }

    private var unauthorizedHint: String {
        if configuration.apiKey == nil {
            return "no API key is set; set AURUM_LLM_API_KEY (or TOGETHER_API_KEY) to a key for \(configuration.baseURL)"
        }
        return "the API key was refused; check AURUM_LLM_API_KEY (or TOGETHER_API_KEY) — it must be a valid key for \(configuration.baseURL)"
    }

    // MARK: - Reply bodies

    /// The text of `choices[0].message.content` (a string, or a list of text parts), or the legacy
    /// `choices[0].text`.
    static func content(of body: Data) throws(AssistantError) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw .malformedReply("the endpoint's answer is not JSON: \(excerpt(body))")
        }
        guard let choices = object["choices"] as? [Any], let choice = choices.first as? [String: Any] else {
            throw .malformedReply("the endpoint's answer has no choices: \(excerpt(body))")
        }
        if let message = choice["message"] as? [String: Any] {
            if let text = message["content"] as? String { return text }
            if let parts = message["content"] as? [Any] {
                let texts = parts.compactMap { ($0 as? [String: Any])?["text"] as? String }
                if !texts.isEmpty { return texts.joined() }
            }
        }
        if let text = choice["text"] as? String { return text }
        throw .malformedReply("the endpoint's answer has no message content: \(excerpt(body))")
    }

    static func mentionsResponseFormat(_ body: Data) -> Bool {
        let text = String(decoding: body, as: UTF8.self).lowercased()
        return text.contains("response_format") || text.contains("json_schema") || text.contains("response format")
    }

    /// At most 300 characters of a body, on one line.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return "empty body" }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
