import AurumCore
import AurumQuery

/// Runs an evaluation set through a ``Translator`` and scores it by results, not by query text.
///
/// For each case: the engine is built for the case's `today` (relative windows and `current_date` depend on
/// it), the translator proposes a query (a query that fails validation is sent back for correction up to
/// ``corrections`` times, as ``Assistant`` does), both queries run, and the results are compared as
/// ``ResultComparison`` says: same rows as multisets, in the same order when the expected query orders and
/// limits, numbers within 1e-9 relative, column names ignored.
///
/// `aurum eval [--offline|--model] [--file datasets/eval/questions.jsonl]` wires it to the command line.
public struct Evaluation {
    /// Builds the engine a case runs against, for that case's today.
    public var makeEngine: (Date32) throws -> QueryEngine
    /// What the translator is told about the data.
    public var makeContext: (QueryEngine) -> TranslationContext
    /// How many times a query that fails validation is sent back to the translator.
    public var corrections: Int

    public init(
        corrections: Int = 2, makeEngine: @escaping (Date32) throws -> QueryEngine,
        makeContext: @escaping (QueryEngine) -> TranslationContext = Evaluation.context(for:)
    ) {
        self.corrections = corrections
        self.makeEngine = makeEngine
        self.makeContext = makeContext
    }

    /// Scores `translator` on `cases`; `unreadable` (from ``cases(jsonLines:)``) count as misses.
    public func run(_ cases: [Case], unreadable: [Miss] = [], translator: any Translator) async -> Report {
        var misses = unreadable
        var correct = 0
        for testCase in cases {
            if let miss = await judge(testCase, translator: translator) {
                misses.append(miss)
            } else {
                correct += 1
            }
        }
        return Report(translator: translator.name, total: cases.count + unreadable.count, correct: correct, misses: misses)
    }

    /// Nil when the translator answers `testCase` right; otherwise the miss.
    public func judge(_ testCase: Case, translator: any Translator) async -> Miss? {
        func miss(_ produced: String?, _ reason: String) -> Miss {
            Miss(question: testCase.question, today: testCase.today, expected: testCase.expectedQuery, produced: produced, reason: reason)
        }
        guard let today = Date32(iso: testCase.today) else { return miss(nil, "today '\(testCase.today)' is not YYYY-MM-DD") }
        let engine: QueryEngine
        do {
            engine = try makeEngine(today)
        } catch {
            return miss(nil, "cannot open the data: \(error)")
        }
        let expected: QueryEngine.Result
        do {
            expected = try engine.run(testCase.expectedQuery)
        } catch {
            return miss(nil, "the expected query fails (fix the evaluation set): \(error.render(in: testCase.expectedQuery))")
        }
        let context = makeContext(engine)
        var previous: FailedAttempt?
        var produced: QueryEngine.Result?
        var query = ""
        for _ in 0...max(0, corrections) {
            do {
                query = try await translator.translate(testCase.question, context: context, previousAttempt: previous).query
            } catch {
                return miss(previous?.query, error.description)
            }
            do {
                produced = try engine.run(query)
                break
            } catch {
                let rendered = error.render(in: query)
                if previous == FailedAttempt(query: query, error: rendered) { break }  // the same answer again: stop
                previous = FailedAttempt(query: query, error: rendered)
            }
        }
        guard let produced else { return miss(query, "the produced query fails: \(previous?.error ?? "")") }
        let ordered = (try? Parser.parse(testCase.expectedQuery)).map { !$0.orderBy.isEmpty && $0.limit != nil } ?? false
        return ResultComparison.difference(expected: expected.batch, produced: produced.batch, ordered: ordered).map {
            var wrong = miss(query, $0)
            wrong.answeredWrong = true
            return wrong
        }
    }

    /// A context from the engine's catalogue: every table and column (no meanings), the known campaign names
    /// (from `kpi_campaign_total`, when there is one) and the data's currencies and days (``DataProfile``).
    public static func context(for engine: QueryEngine) -> TranslationContext {
        let catalog = engine.catalog
        let tables = catalog.tableNames.compactMap { name -> TableDescription? in
            guard let schema = catalog.table(named: name)?.schema else { return nil }
            return TableDescription(name: name, summary: "", columns: schema.fields.map { ($0.name, $0.type, "") })
        }
        var names: [String] = []
        if catalog.table(named: "kpi_campaign_total") != nil,
            let result = try? engine.run("SELECT DISTINCT campaign_name FROM kpi_campaign_total WHERE campaign_name IS NOT NULL ORDER BY 1"),
            case .string(let column) = result.batch.columns.first
        {
            names = (0..<column.count).compactMap { column[$0] }
        }
        let profile = DataProfile.read(engine)
        return TranslationContext(tables: tables, today: engine.today, campaignNames: names, currencies: profile.currencies, dataDates: profile.dates)
    }
}
