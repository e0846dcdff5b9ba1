import AurumAssistant
import AurumCore
import XCTest

/// A ``ChatCompleting`` that answers from a list and keeps the conversations it got.
final class FakeChat: ChatCompleting, @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [String]
    private var received: [([ChatMessage], Bool)] = []

    init(_ replies: [String]) { self.replies = replies }

    var modelName: String { "fake" }

    var conversations: [([ChatMessage], Bool)] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    func complete(_ messages: [ChatMessage], structured: Bool) async throws(AssistantError) -> String {
        lock.withLock {
            received.append((messages, structured))
            return replies.isEmpty ? "" : replies.removeFirst()
        }
    }
}

final class ModelTranslatorTests: XCTestCase {
    private let context = TranslationContext(tables: [], today: Date32(iso: "2024-03-20")!)

    func testFirstAskIsThePromptAlone() async throws {
        let chat = FakeChat([#"{"query": "SELECT 1", "explanation": "one"}"#])
        let translator = ModelTranslator(client: chat)
        XCTAssertEqual(translator.name, "model fake")
        XCTAssertTrue(translator.correctsItself)
        let translation = try await translator.translate("q", context: context, previousAttempt: nil)
        XCTAssertEqual(translation, Translation(query: "SELECT 1", explanation: "one"))
        XCTAssertEqual(chat.conversations.count, 1)
        XCTAssertEqual(chat.conversations[0].0, PromptBuilder().messages(question: "q", context: context))
        XCTAssertTrue(chat.conversations[0].1, "structured")
    }

    func testCorrectionAppendsTheFailedQueryAndError() async throws {
        let chat = FakeChat([#"{"query": "SELECT 2", "explanation": ""}"#])
        let attempt = FailedAttempt(query: "SELECT cost FROM t", error: "unknown column 'cost'; did you mean 'spend'?")
        _ = try await ModelTranslator(client: chat).translate("q", context: context, previousAttempt: attempt)
        let conversation = chat.conversations[0].0
        XCTAssertEqual(conversation, PromptBuilder().messages(question: "q", context: context) + PromptBuilder().correction(attempt))
    }
}
