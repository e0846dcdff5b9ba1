import AurumCore
import AurumQuery

/// The built-in translator: deterministic, no network, English and Portuguese.
///
/// It understands the common shapes of an analyst's question — measures × breakdown (campaign, account,
/// platform, ad set, ad, day/week/month/quarter/year, day of the week, named groups of campaigns) × time window ×
/// top/bottom N × filters and exclusions (platform, account, currency, campaign name, conditions such as "at
/// least 20k clicks") — and also two periods compared side by side, whether a measure is improving (``Trend``),
/// shares of a total, first and last days, and
/// the data's quality (quarantine, ingested files); it writes one query of Aurum's language and a line, in the
/// question's language, of what that query computes (``ComputedLine``). It never guesses: a question with a word
/// it cannot place (an unknown measure, a platform it does not know, a stray number) is refused with
/// ``AssistantError/notUnderstood(question:examples:reason:)``, naming the words it could not place, and examples
/// of questions it does understand.
///
/// How questions map to queries (windows, averages, tables, rankings) is documented in docs/offline-translator.md and
/// on ``WindowPhrase`` and ``QueryComposer``.
public struct OfflineTranslator: Translator {
    public var name: String { "offline" }

    public init() {}

    public func translate(_ question: String, context: TranslationContext, previousAttempt: FailedAttempt?) async throws(AssistantError) -> Translation {
        switch interpret(question, context: context) {
        case .success(let translation): return translation
        case .failure(let misunderstanding):
            let reason = RefusalReason.text(question: question, misunderstanding: misunderstanding, campaignNames: context.campaignNames)
            throw .notUnderstood(question: question, examples: OfflineExamples.examples(for: question), reason: reason)
        }
    }

    /// The translation, or why the question was refused (synchronous; what ``translate(_:context:previousAttempt:)``
    /// wraps).
    func interpret(_ question: String, context: TranslationContext) -> Result<Translation, Misunderstanding> {
        do {
            let intent = try Self.intent(question, today: context.today, campaignNames: context.campaignNames, currencies: context.currencies)
            return .success(Translation(query: QueryComposer.query(for: intent), explanation: ComputedLine.text(for: intent, language: intent.language)))
        } catch {
            return .failure(error)
        }
    }

    /// What `question` asks: tokens → pieces (``QuestionReader``) → ``QuestionIntent``.
    static func intent(_ question: String, today: Date32, campaignNames: [String] = [], currencies: [String] = []) throws(Misunderstanding) -> QuestionIntent {
        let tokens = SlashDates.normalize(QuestionTokenizer.tokens(question))
        var intent = try QuestionIntent(
            reading: QuestionReader.read(tokens, campaignNames: campaignNames), today: today, storeCurrencies: currencies, campaignNames: campaignNames)
        intent.language = QuestionLanguage(tokens)
        return intent
    }
}
