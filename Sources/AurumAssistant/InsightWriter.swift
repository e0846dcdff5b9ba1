import AurumCore
import Foundation

/// `--insight`: sends the question, the query and the result rows (at most
/// ``PromptBuilder/insightRowsMax``) back to the model for a short narrative in the question's language,
/// grounded in those rows only.
public struct InsightWriter: Sendable {
    /// The model that writes the narrative.
    public let client: any ChatCompleting
    /// Builds the insight prompt and caps the rows sent.
    public let promptBuilder: PromptBuilder

    public init(client: any ChatCompleting, promptBuilder: PromptBuilder = PromptBuilder()) {
        self.client = client
        self.promptBuilder = promptBuilder
    }

    /// The narrative for `result`, produced by `query` for `question`.
    public func insight(question: String, query: String, result: Batch) async throws(AssistantError) -> String {
        let rowsShown = min(result.rowCount, promptBuilder.insightRowsMax)
        // The model reads values exactly as stored: no spreadsheet formula guard.
        let writer = CSVWriter(formulaGuard: .none)
        var csv: [UInt8] = []
        writer.header(result.schema, into: &csv)
        writer.rows(result, order: Array(0..<rowsShown), into: &csv)
        let messages = promptBuilder.insightMessages(
            question: question, query: query, resultCSV: String(decoding: csv, as: UTF8.self), rowsShown: rowsShown,
            rowCount: result.rowCount)
        let reply = try await client.complete(messages, structured: false)
        let text = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .malformedReply("the model returned an empty insight") }
        return text
    }
}
