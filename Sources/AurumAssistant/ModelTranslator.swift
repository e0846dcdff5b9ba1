/// A ``Translator`` backed by a chat model: builds the prompt (``PromptBuilder``), asks the model
/// (``ChatCompleting``, usually ``ChatClient``) for structured JSON, and reads the reply (``ReplyParser``).
///
/// On a correction (`previousAttempt` set), the failed query and the error it caused (with its "did you mean")
/// are added to the conversation, so the model sees what went wrong.
public struct ModelTranslator: Translator {
    /// The model.
    public let client: any ChatCompleting
    /// Builds the conversation.
    public let promptBuilder: PromptBuilder

    public init(client: any ChatCompleting, promptBuilder: PromptBuilder = PromptBuilder()) {
        self.client = client
        self.promptBuilder = promptBuilder
    }

    /// `model <name>`.
    public var name: String { "model \(client.modelName)" }

    /// A model can read an error and try again.
    public var correctsItself: Bool { true }

    public func translate(_ question: String, context: TranslationContext, previousAttempt: FailedAttempt?) async throws(AssistantError) -> Translation {
        var messages = promptBuilder.messages(question: question, context: context)
        if let previousAttempt { messages += promptBuilder.correction(previousAttempt) }
        let reply = try await client.complete(messages, structured: true)
        return try ReplyParser.translation(from: reply)
    }
}
