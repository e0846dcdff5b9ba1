import AurumAssistant
import AurumCore
import AurumPipeline
import AurumQuery
import Foundation

/// Wires the assistant for `aurum ask`, `aurum eval` and the REPL: picks the translator (a model when an endpoint
/// is configured, else the offline one) and tells it about the data (the pipeline's tables with each column's
/// meaning and unit, a sample of `kpi_campaign_weekly`, the campaign names).
enum AssistantSetup {
    /// Which translator to use.
    enum Choice {
        /// A model when one is configured, else the offline translator.
        case automatic
        /// `--offline`: never the network.
        case offline
        /// `--model`: the configured endpoint, or an error saying what to set.
        case model
    }

    /// Rows of `kpi_campaign_weekly` given as a sample (the prompt may show fewer; see PromptBuilder).
    static let sampleRowCount = 12

    static func choice(offline: Bool, model: Bool) -> Choice {
        offline ? .offline : model ? .model : .automatic
    }

    /// The translator for `choice`, and the model client when one is used (for `--insight`).
    static func translator(
        _ choice: Choice, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (translator: any Translator, client: ChatClient?) {
        if choice == .offline { return (OfflineTranslator(), nil) }
        let configuration = try LLMConfiguration.resolve(environment: environment)
        guard configuration.isConfigured else {
            if choice == .automatic { return (OfflineTranslator(), nil) }
            throw AssistantError.notConfigured(
                "--model: no model endpoint is configured. Set AURUM_LLM_API_KEY (or TOGETHER_API_KEY) for Together AI, "
                    + "or AURUM_LLM_BASE_URL for another OpenAI-compatible endpoint (e.g. http://localhost:11434/v1 for "
                    + "Ollama), in the environment or in \(SettingsFile.path(environment: environment)); "
                    + "or use --offline")
        }
        let client = ChatClient(configuration: configuration)
        return (ModelTranslator(client: client), client)
    }

    /// The assistant over `engine` with the translator `choice` picks.
    static func assistant(engine: QueryEngine, choice: Choice) throws -> Assistant {
        let (translator, client) = try translator(choice)
        return Assistant(engine: engine, context: context(engine: engine), translator: translator, insightWriter: client.map { GroundedInsightWriter(client: $0, engine: engine) })
    }

    /// What a translator is told about the data behind `engine`.
    static func context(engine: QueryEngine) -> TranslationContext {
        let catalog = engine.catalog
        let tables = ContractTable.listingOrder.compactMap { table -> TableDescription? in
            guard let schema = catalog.table(named: table.rawValue)?.schema else { return nil }
            let meanings = table.columnMeanings
            return TableDescription(
                name: table.rawValue, summary: table.summary, columns: schema.fields.map { ($0.name, $0.type, meanings[$0.name] ?? "") })
        }
        // The latest week's biggest spenders: real values of every column, a handful of rows.
        var sample = ""
        if let batch = try? engine.run("SELECT * FROM kpi_campaign_weekly ORDER BY week DESC, spend DESC LIMIT \(sampleRowCount)").batch {
            var bytes: [UInt8] = []
            let writer = CSVWriter(formulaGuard: .none)
            writer.header(batch.schema, into: &bytes)
            writer.rows(batch, into: &bytes)
            sample = String(decoding: bytes, as: UTF8.self)
        }
        // Every campaign name, biggest spenders first (the prompt shows the first few; the offline translator
        // matches words of a question against all of them).
        var names: [String] = []
        if let batch = try? engine.run(
            "SELECT campaign_name FROM kpi_campaign_total WHERE campaign_name IS NOT NULL GROUP BY campaign_name ORDER BY sum(spend) DESC, campaign_name"
        ).batch, case .string(let column)? = batch.columns.first {
            names = (0..<column.count).compactMap { column[$0] }
        }
        let profile = DataProfile.read(engine)
        return TranslationContext(
            tables: tables, today: engine.today, sampleRows: sample, campaignNames: names, currencies: profile.currencies, dataDates: profile.dates)
    }

    // MARK: - The REPL

    /// The question of a REPL line `ask <question>` or `? <question>` (an empty question is "" so that the
    /// assistant says what it needs); nil for any other line.
    static func question(inReplLine line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("?") { return String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let lowered = trimmed.lowercased()
        guard lowered == "ask" || lowered.hasPrefix("ask ") || lowered.hasPrefix("ask\t") else { return nil }
        return String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
    }

    /// The REPL's `ask`: a question → the validated query (the REPL runs it itself, with its `.mode` and
    /// `.maxrows`). The assistant is set up on the first question, so a broken configuration only affects `ask`.
    static func replAsker(engine: QueryEngine) -> (String) throws -> ReplSession.Answer {
        var assistant: Assistant?
        return { question in
            guard !question.isEmpty else {
                throw CLIError.invalidOption("ask what? e.g. ask top 5 campaigns by spend last 30 days")
            }
            let ready = try assistant ?? AssistantSetup.assistant(engine: engine, choice: .automatic)
            assistant = ready
            let handoff = Handoff(value: ready)
            // Ctrl-C while a model thinks returns to the prompt (the REPL catches SIGINT).
            let translation = try Interrupt.whileWorking { cancellation in
                try waitFor(cancellation: cancellation) { try await handoff.value.propose(question) }
            }.translation
            return ReplSession.Answer(query: translation.query, explanation: translation.explanation) { rows in
                ready.noDataNote(result: rows, explanation: translation.explanation)
            }
        }
    }
}
