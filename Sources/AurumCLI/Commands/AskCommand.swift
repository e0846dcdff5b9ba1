import AurumCharts
import AurumCore
import AurumStorage
import ArgumentParser
import Foundation

/// `aurum ask "question"`: a question in plain words → one validated query → its result (docs/assistant.md).
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask a question in plain words (English or Portuguese): prints the query, runs it, prints the result.",
        discussion: """
            Uses the model endpoint when one is configured (AURUM_LLM_API_KEY / TOGETHER_API_KEY or AURUM_LLM_BASE_URL, \
            or ~/.config/aurum/config.json), else the built-in offline translator. Nothing runs unless it parses and \
            binds as one read-only query. See docs/assistant.md.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "The question, e.g. \"top 5 campaigns by spend last 30 days\" or \"qual campanha teve o melhor ROAS em março?\".")
    var words: [String] = []

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Option(name: .customLong("max-rows"), help: "Rows shown at most in table and markdown output.")
    var maxRows = 40

    @OptionGroup var formulaGuard: ResultFormulaGuard

    @Flag(name: .customLong("show-query"), help: "Also show which translator wrote the query, in how many attempts, and what it computes.")
    var showQuery = false

    @Flag(name: .customLong("dry-run"), help: "Only print the query (validated, not run).")
    var dryRun = false

    @Flag(help: "Also ask the model for an insight about the result; every number it writes is checked against the result (needs a model endpoint).")
    var insight = false

    @Flag(help: "Use the built-in offline translator, even when a model endpoint is configured.")
    var offline = false

    @Flag(help: "Use the model endpoint (an error when none is configured).")
    var model = false

    @OptionGroup var currency: CurrencyOption

    @Option(help: ArgumentHelp("What today and current_date mean (default: $AURUM_TODAY, else today).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: ArgumentHelp("Only this client's accounts (see `aurum clients`).", valueName: "NAME"))
    var client: String?

    @OptionGroup var charts: ChartOptions

    @OptionGroup var warehouse: WarehouseOptions

    func validate() throws {
        if offline && model { throw ValidationError("--offline and --model exclude each other") }
        if warehouse.warehouse != nil && (currency.code != nil || client != nil) {
            throw ValidationError("--currency and --client are computed from the store; not with --on")
        }
        try charts.check(format: format)
    }

    /// The chart to draw: `--chart` as given; without it, `auto` when the question asks for a picture ("chart",
    /// "over time", "evolução", … see ``ChartWords``) and the result is a table. A chart asked for, by name or
    /// in words, that the result cannot make gets its reason.
    func chartPrinter(question: String) -> ChartPrinter {
        let asked = ChartWords.asksForChart(question)
        let request = charts.chart ?? (asked && format == .table ? .auto : nil)
        let explain = charts.chart == .line || charts.chart == .bar || (asked && request == .auto)
        return ChartPrinter(request: request, explain: explain, svgPath: charts.chartOut, protecting: [options.directory])
    }

    func run() throws {
        try Console.run {
            let question = words.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !question.isEmpty else {
                throw CLIError.invalidOption("no question: aurum ask \"top 5 campaigns by spend last 30 days\"")
            }
            let store = try Store(directory: options.directory, mode: .read)
            let engine = try QueryCatalog.engine(
                store: store, today: today, conversion: currency.conversion(store: store, client: client), client: client)
            let assistant = try AssistantSetup.assistant(engine: engine, choice: AssistantSetup.choice(offline: offline, model: model))
            // --on bigquery: the proposal is validated against the store, then runs in BigQuery.
            let warehouse = self.warehouse
            let remote: ((String) throws -> Batch)? = warehouse.warehouse == nil ? nil : { try warehouse.run($0, engine: engine) }
            try AskPrinter(format: format, maxRows: maxRows, formulaGuard: formulaGuard.value, details: showQuery, chart: chartPrinter(question: question))
                .answer(ChartWords.withoutPictureWords(question), assistant: assistant, dryRun: dryRun, insight: insight, remote: remote)
        }
    }
}
