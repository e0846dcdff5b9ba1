/// Something that answers a chat conversation: ``ChatClient`` over HTTP, or a fake in tests.
public protocol ChatCompleting: Sendable {
    /// The model's name, for messages ("model meta-llama/…").
    var modelName: String { get }

    /// The content of the model's reply to `messages`. With `structured`, the reply is asked to be the JSON
    /// object `{"query": …, "explanation": …}` (see ``ChatClient/querySchema``); otherwise it is free text.
    func complete(_ messages: [ChatMessage], structured: Bool) async throws(AssistantError) -> String
}
