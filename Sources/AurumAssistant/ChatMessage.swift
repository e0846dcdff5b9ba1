/// One message of a chat-completions conversation.
public struct ChatMessage: Sendable, Equatable, Codable {
    /// `system`, `user` or `assistant`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    /// The instructions.
    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }
    /// What the user (here, Aurum on the analyst's behalf) says.
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
    /// What the model answered (sent back when asking for a correction).
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }
}
