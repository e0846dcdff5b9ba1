import AurumCore
import AurumQuery
import Foundation

/// A question in, an answer out: translate → validate → (correct) → run → (insight).
///
/// Nothing a translator proposes runs unless it parses and binds as one read-only query of the language:
/// ``QueryEngine/prepare(_:)`` refuses DDL, DML, several statements, joins and subqueries (parser), and tables,
/// columns and functions outside the catalogue (binder). A translator that ``Translator/correctsItself`` (a
/// model) gets the error back, with its "did you mean", at most ``correctionsMax`` times; then the assistant
/// stops with ``AssistantError/invalidQuery(query:error:attempts:)``. The offline translator is never retried.
///
/// The stages are public too (``propose(_:)``, ``run(_:)``, ``insight(question:query:result:)``) so that the
/// command line can print the query before it runs.
public struct Assistant {
    /// Corrections asked of a model after its first proposal.
    public static let correctionsMax = 2
    /// The note when `--insight` is asked without a model.
    public static let insightNeedsModel =
        "--insight needs a model endpoint (set AURUM_LLM_API_KEY or AURUM_LLM_BASE_URL; see docs/assistant.md); showing the result without it"

    /// Validates (``QueryEngine/prepare(_:)``) and runs queries.
    public let engine: QueryEngine
    /// What the translator is told about the data.
    public let context: TranslationContext
    /// Proposes the queries.
    public let translator: any Translator
    /// Present when a model endpoint is configured: writes `--insight`, checked against the result.
    public let insightWriter: GroundedInsightWriter?
    /// Rows of a result given to the model for an insight.
    public static let insightRowsMax = 50
    /// Rows kept of a result (the rest are counted, not shown).
    public let rowCountMax: Int

    public init(
        engine: QueryEngine, context: TranslationContext, translator: any Translator, insightWriter: GroundedInsightWriter? = nil,
        rowCountMax: Int = 1_000
    ) {
        precondition(rowCountMax > 0, "rowCountMax must be positive")
        self.engine = engine
        self.context = context
        self.translator = translator
        self.insightWriter = insightWriter
        self.rowCountMax = rowCountMax
    }

    /// What ``ask(_:options:)`` does beyond translating.
    public struct Options: Sendable {
        /// Run the query (false: a dry run, which only validates it).
        public var run: Bool
        /// Ask the model for a narrative of the result.
        public var insight: Bool

        public init(run: Bool = true, insight: Bool = false) {
            self.run = run
            self.insight = insight
        }
    }

    /// A validated proposal.
    public struct Proposal: Sendable, Equatable {
        /// The query (trimmed) and the translator's explanation.
        public var translation: Translation
        /// Proposals asked for (1 + corrections).
        public var attempts: Int
    }

    /// Answers `question`: every stage in order.
    public func ask(_ question: String, options: Options = Options()) async throws(AssistantError) -> AskOutcome {
        let proposal = try await propose(question)
        var outcome = AskOutcome(
            question: question, query: proposal.translation.query, explanation: proposal.translation.explanation,
            translator: translator.name, attempts: proposal.attempts)
        guard options.run else { return outcome }
        let (batch, rowCount) = try run(proposal.translation.query)
        outcome.result = batch
        outcome.rowCount = rowCount
        if outcome.isCapped { outcome.notes.append(cappedNote(rowCount: rowCount)) }
        if let note = noDataNote(result: batch, explanation: proposal.translation.explanation) { outcome.notes.append(note) }
        if options.insight {
            switch await insight(question: question, query: proposal.translation.query, result: batch) {
            case .success(let text): outcome.insight = text
            case .failure(let note): outcome.notes.append(note.message)
            }
        }
        return outcome
    }

    /// A query for `question` that parses and binds, after at most ``correctionsMax`` corrections.
    public func propose(_ question: String) async throws(AssistantError) -> Proposal {
        var previous: FailedAttempt?
        var attempts = 0
        while true {
            attempts += 1
            let translation = try await translator.translate(question, context: context, previousAttempt: previous)
            let query = translation.query.trimmingCharacters(in: .whitespacesAndNewlines)
            let rejection: String
            do {
                // A query without FROM is valid SQL, but an answer computed from no table is made up.
                guard try !engine.prepare(query).tablesRead.isEmpty else {
                    throw AssistantError.invalidQuery(query: query, error: Self.readsNoTable, attempts: attempts)
                }
                return Proposal(translation: Translation(query: query, explanation: translation.explanation), attempts: attempts)
            } catch let error as QueryError {
                rejection = error.render(in: query)
            } catch {
                rejection = Self.readsNoTable
            }
            guard translator.correctsItself, attempts <= Self.correctionsMax else {
                throw .invalidQuery(query: query, error: rejection, attempts: attempts)
            }
            previous = FailedAttempt(query: query, error: rejection)
        }
    }

    /// Why a proposal without FROM is refused: every answer must be read from the catalogue's tables.
    public static let readsNoTable = "the query reads no table: answer from one of the catalogue's tables (FROM ...)"

    /// Runs a validated `query`: the first ``rowCountMax`` rows, and how many it produced.
    public func run(_ query: String) throws(AssistantError) -> (batch: Batch, rowCount: Int) {
        do {
            let batch = try engine.run(query).batch
            guard batch.rowCount > rowCountMax else { return (batch, batch.rowCount) }
            return (batch.gather(Array(0..<rowCountMax)), batch.rowCount)
        } catch {
            throw .executionFailed(query: query, error: error.render(in: query))
        }
    }

    /// Why an insight is missing: said as a note, since the result itself is fine.
    public struct InsightUnavailable: Error, Sendable {
        /// Shown as a note.
        public var message: String
    }

    /// The model's insight about `result` (``GroundedInsightWriter``: every number one of the result's, every
    /// evidence query valid and run), or why there is none (no model configured, or no reply passed the checks).
    public func insight(question: String, query: String, result: Batch) async -> Result<String, InsightUnavailable> {
        guard let insightWriter else { return .failure(InsightUnavailable(message: Self.insightNeedsModel)) }
        let sheet = InsightSheet.result(question: question, query: query, result: result, rowsMax: Self.insightRowsMax)
        switch await insightWriter.write(sheet) {
        case .success(let written): return .success(written.insight.text)
        case .failure(let rejected): return .failure(InsightUnavailable(message: "no insight: \(rejected.summary)"))
        }
    }

    /// When `result` holds nothing (no rows, or only NULLs: a sum over no rows), the note that says which days
    /// the data covers and what the query computed (its window), so that "last week" over data that ended
    /// months ago reads as "no data then", not as a zero.
    public func noDataNote(result: Batch, explanation: String) -> String? {
        let empty = result.rowCount == 0 || (0..<result.rowCount).allSatisfy { row in result.columns.allSatisfy { $0.isNull(row) } }
        guard empty else { return nil }
        let covered = context.dataDates.map { "the data covers \($0.lowerBound) to \($0.upperBound)" } ?? "there is no data"
        let asked = explanation.isEmpty ? "" : " (the query computed: \(explanation.split(whereSeparator: \.isNewline).joined(separator: " ")))"
        return "no data for this question: \(covered)\(asked)"
    }

    /// The note for a result cut to ``rowCountMax`` rows.
    public func cappedNote(rowCount: Int) -> String {
        "the query produced \(rowCount) rows; showing the first \(rowCountMax) (add a LIMIT or a narrower question)"
    }
}
