import AurumAssistant
import AurumCore
import AurumPipeline
import AurumStorage
import ArgumentParser
import Foundation

/// `aurum insights`: what changed in the latest period, found by rules over Gold and written as a short
/// narrative offline, or by a model whose every number is checked against the facts (docs/insights.md).
struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights", abstract: "What changed in the latest weeks: the largest changes by campaign and KPI, anomalies, campaigns spending without converting, pacing, quarantine spikes.",
        discussion: "Every number is computed by Aurum from Gold and the quarantine (docs/insights.md); the narrative is written from those facts alone, per currency. With a model endpoint configured the model writes it, and a reply with a number that is not a fact's, a KPI outside the catalogue or an evidence query that does not run is refused (then Aurum's own narrative is shown).")

    @OptionGroup var options: StoreOptions

    @Option(parsing: .unconditional, help: "Compare the latest N×7 days with the N×7 days before.")
    var weeks = 1

    @Option(help: ArgumentHelp("Only this client's accounts (see `aurum clients`).", valueName: "NAME"))
    var client: String?

    @Option(help: ArgumentHelp("The narrative's language, pt or en (default: AURUM_REPORT_LANG_<CLIENT>, else AURUM_REPORT_LANG, else en).", valueName: "pt|en"))
    var lang: String?

    @Flag(help: "Print the facts as JSON instead of the narrative.")
    var json = false

    @Flag(help: "Write the narrative offline, even when a model endpoint is configured.")
    var offline = false

    @Flag(help: "Have the model write the insight (an error when no endpoint is configured).")
    var model = false

    func validate() throws {
        guard weeks >= 1 else { throw ValidationError("--weeks must be at least 1 (got \(weeks))") }
        if offline && model { throw ValidationError("--offline and --model exclude each other") }
    }

    func run() throws {
        try Console.run {
            let inputs = try ReportInputs(
                directory: options.directory, client: client, currency: nil, lang: lang, period: { ReportPeriod.weeks(weeks, endingOn: $0.upperBound) },
                firstDay: InsightFinder.firstDayRead(for:))
            let period = inputs.period
            guard let facts = InsightFinder.facts(daily: inputs.daily, quarantine: inputs.quarantine, period: period, dataRange: inputs.range) else {
                throw CLIError.invalidOption("Gold's daily table lacks the columns of the data contract")
            }
            if json {
                Console.write(Self.json(facts, period: period))
                return
            }
            let offlineText = InsightNarrative(words: inputs.words).text(facts, period: period)
            // --json and --offline never reach the network; a model writes only when one is configured.
            guard !offline, let modelClient = try AssistantSetup.translator(AssistantSetup.choice(offline: false, model: model)).client else {
                return Console.print(offlineText)
            }
            let store = try Store(directory: options.directory, mode: .read)
            let writer = Handoff(value: GroundedInsightWriter(client: modelClient, engine: try QueryCatalog.engine(store: store, today: nil, client: self.client)))
            let sheet = InsightFactSheet.sheet(facts, period: period, words: inputs.words)
            switch waitFor({ await writer.value.write(sheet) }) {
            case .success(let written):
                Console.print(offlineText.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? "")
                Console.print(written.insight.text)
            case .failure(let rejected):
                Console.printError("note: no insight from the model, so Aurum's own narrative follows: \(rejected.summary)")
                Console.print(offlineText)
            }
        }
    }

    /// `{"period": {...}, "facts": [{"kind": ..., ...}]}`, numbers exact (round-trip).
    static func json(_ facts: [InsightFact], period: ReportPeriod) -> [UInt8] {
        Array(("{\"period\":\(json(period)),\"facts\":[" + jsonItems(facts).joined(separator: ",") + "]}\n").utf8)
    }

    /// `{"first": ..., "last": ..., "previous_first": ..., "previous_last": ...}`.
    static func json(_ period: ReportPeriod) -> String {
        "{\"first\":\"\(period.first)\",\"last\":\"\(period.last)\",\"previous_first\":\"\(period.previousFirst)\",\"previous_last\":\"\(period.previousLast)\"}"
    }

    /// Each fact as one JSON object.
    static func jsonItems(_ facts: [InsightFact]) -> [String] {
        func number(_ value: Double?) -> String { value.map(DoubleFormat.roundTrip) ?? "null" }
        func text(_ value: String) -> String {
            var bytes: [UInt8] = []
            JSONWriter.appendString(value, into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        return facts.map { fact -> String in
            switch fact {
            case .total(let currency, let kpi, let previous, let current):
                "{\"kind\":\"total\",\"currency\":\(text(currency)),\"kpi\":\"\(kpi.rawValue)\",\"previous\":\(number(previous)),\"current\":\(number(current))}"
            case .campaignChange(let campaign, let currency, let kpi, let previous, let current):
                "{\"kind\":\"campaign_change\",\"campaign\":\(text(campaign)),\"currency\":\(text(currency)),\"kpi\":\"\(kpi.rawValue)\",\"previous\":\(number(previous)),\"current\":\(number(current))}"
            case .spendWithoutConversions(let campaign, let currency, let spend, let previousConversions):
                "{\"kind\":\"spend_without_conversions\",\"campaign\":\(text(campaign)),\"currency\":\(text(currency)),\"spend\":\(number(spend)),\"previous_conversions\":\(number(previousConversions))}"
            case .anomaly(let campaign, let currency, let kpi, let day, let value, let median, let baselineDays):
                "{\"kind\":\"anomaly\",\"campaign\":\(text(campaign)),\"currency\":\(text(currency)),\"kpi\":\"\(kpi.rawValue)\",\"day\":\"\(day)\",\"value\":\(number(value)),\"median\":\(number(median)),\"baseline_days\":\(baselineDays)}"
            case .pacing(let currency, let first, let last, let spend, let previousFirst, let previousLast, let previousSpend, let previousMonthSpend):
                "{\"kind\":\"pacing\",\"currency\":\(text(currency)),\"first\":\"\(first)\",\"last\":\"\(last)\",\"spend\":\(number(spend)),\"previous_first\":\"\(previousFirst)\",\"previous_last\":\"\(previousLast)\",\"previous_spend\":\(number(previousSpend)),\"previous_month_spend\":\(number(previousMonthSpend))}"
            case .quarantineSpike(let current, let previous):
                "{\"kind\":\"quarantine_spike\",\"current\":\(current),\"previous\":\(previous)}"
            }
        }
    }
}
