import AurumCore
import AurumQuery

/// Turns a question in plain words into one query of Aurum's language. Two kinds exist: the built-in
/// ``OfflineTranslator`` (no network) and ``ModelTranslator`` (any OpenAI-compatible chat endpoint).
///
/// A translator only proposes text; ``Assistant`` validates it (parse and bind, read-only by construction)
/// before anything runs.
public protocol Translator: Sendable {
    /// A short name for messages ("offline", "model meta-llama/…").
    var name: String { get }

    /// A query for `question`. `previousAttempt` carries the last proposal and the error it caused, so that a
    /// model can correct itself (the offline translator ignores it).
    func translate(_ question: String, context: TranslationContext, previousAttempt: FailedAttempt?) async throws(AssistantError) -> Translation

    /// Whether sending a validation error back (`previousAttempt`) can give a better query. ``Assistant`` retries
    /// only such translators; the default is `false` (the offline translator would answer the same again).
    var correctsItself: Bool { get }
}

extension Translator {
    public var correctsItself: Bool { false }
}

/// What a translator knows about the data: the catalogue, today's date, and a few sample rows.
public struct TranslationContext: Sendable {
    /// Every table with its columns and types, and a one-line meaning of each column.
    public var tables: [TableDescription]
    /// What `current_date` and relative windows ("last 7 days") mean.
    public var today: Date32
    /// A few Gold rows (as CSV text), untrusted data shown to the model as an example of the values.
    public var sampleRows: String
    /// Known campaign names (for "campaigns whose name contains …"), untrusted data.
    public var campaignNames: [String]
    /// The currencies of the data's money (Gold's `currency` values; "" stands for NULL). With more than one,
    /// money is answered per currency (docs/currencies.md).
    public var currencies: [String]
    /// The first and last day with data, to say so when a window holds none.
    public var dataDates: ClosedRange<Date32>?

    public init(
        tables: [TableDescription], today: Date32, sampleRows: String = "", campaignNames: [String] = [], currencies: [String] = [],
        dataDates: ClosedRange<Date32>? = nil
    ) {
        self.tables = tables
        self.today = today
        self.sampleRows = sampleRows
        self.campaignNames = campaignNames
        self.currencies = currencies
        self.dataDates = dataDates
    }
}

/// A table as the prompt and the offline translator see it.
public struct TableDescription: Sendable {
    public var name: String
    public var summary: String
    public var columns: [(name: String, type: DataType, meaning: String)]

    public init(name: String, summary: String, columns: [(name: String, type: DataType, meaning: String)]) {
        self.name = name
        self.summary = summary
        self.columns = columns
    }
}

/// A proposed query and the translator's one-line explanation of it.
public struct Translation: Sendable, Equatable {
    public var query: String
    public var explanation: String

    public init(query: String, explanation: String) {
        self.query = query
        self.explanation = explanation
    }
}

/// A proposal that failed validation, sent back to the model with the error.
public struct FailedAttempt: Sendable, Equatable {
    public var query: String
    /// The rendered error (with its "did you mean").
    public var error: String

    public init(query: String, error: String) {
        self.query = query
        self.error = error
    }
}
