import AurumCharts
import AurumCore
import AurumPipeline
import AurumStorage
import ArgumentParser

/// `aurum report`: the top campaigns by spend over the latest weeks, with CTR, CPC, CPA and ROAS, per currency.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Summarise Gold: top campaigns by spend over the latest weeks, per currency.",
        discussion: "Money is never added across currencies: each currency is ranked and totalled apart, unless --currency converts it (docs/currencies.md). Weeks with fewer than 7 days of data are marked partial.")

    @OptionGroup var options: StoreOptions

    // (.unconditional: `--weeks -1` is a value to refuse by name, not a missing one followed by an option.)
    @Option(parsing: .unconditional, help: "How many of the latest weeks to cover (default 4).")
    var weeks: Int?

    @Option(parsing: .unconditional, help: "How many campaigns to show per currency.")
    var top = 10

    @Option(help: "Output format: table (for reading), or csv, json, markdown (one row per campaign shown).")
    var format: OutputFormat = .table

    @OptionGroup var currency: CurrencyOption

    @Option(help: ArgumentHelp("Only this client's accounts (see `aurum clients`).", valueName: "NAME"))
    var client: String?

    @Option(help: ArgumentHelp(
        "Under the table, each campaign's weekly spend: auto or line (a sparkline, first and last week), bar (bars of its spend), none.",
        valueName: "auto|bar|line|none"))
    var chart: ChartRequest = .none

    @Option(help: ArgumentHelp(
        "Write the client report as one self-contained HTML file instead (KPI tiles against the previous period, trends, top and bottom campaigns, movers, data quality; docs/client-report.md).",
        valueName: "FILE"))
    var html: String?

    @Option(help: ArgumentHelp("With --html: report on this calendar month instead of the latest weeks.", valueName: "YYYY-MM"))
    var month: String?

    @Option(help: ArgumentHelp(
        "With --html: the report's language, pt or en (default: AURUM_REPORT_LANG_<CLIENT>, else AURUM_REPORT_LANG, else en).", valueName: "pt|en"))
    var lang: String?

    func validate() throws {
        if html == nil && (month != nil || lang != nil) { throw ValidationError("--month and --lang go with --html FILE") }
        if month != nil && weeks != nil { throw ValidationError("--weeks and --month exclude each other") }
        if let month, ReportPeriod.parseMonth(month) == nil { throw ValidationError("--month '\(month)' is not a month; write YYYY-MM, e.g. 2024-03") }
        if html != nil && chart != .none { throw ValidationError("--chart draws on the terminal; the --html report has its charts") }
        if html != nil && format != .table { throw ValidationError("--format is for the report on standard output; --html writes HTML") }
        if chart != .none && format != .table { throw ValidationError("--chart draws under the table; it needs --format table") }
        if let weeks, weeks < 1 { throw ValidationError("--weeks must be a whole number of weeks, at least 1 (got \(weeks))") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1 (got \(top))") }
    }

    func run() throws {
        if let html {
            return try Console.run { try ClientReportFile(store: options, client: client, currency: currency).write(html, weeks: self.weeks, month: month, lang: lang) }
        }
        let weekCount = weeks ?? 4
        try Console.run {
            let store = try Store(directory: options.directory, mode: .read)
            let gold = try currency.gold(.kpiCampaignWeekly, store: store, client: client)
            var weekly = gold.batch
            // The client's rows only, before anything is ranked or totalled; its partial weeks are those of its
            // own days.
            let days: [Int32]
            if let client, let pairs = try ClientScope.pairs(client, directory: options.directory) {
                weekly = try ClientScope.restrict(weekly, named: ContractTable.kpiCampaignWeekly.rawValue, client: client, to: pairs)
                days = try GoldReport.days(store: store) { daily in
                    try ClientScope.restrict(daily, named: ContractTable.kpiCampaignDaily.rawValue, client: client, to: pairs)
                }
            } else {
                days = try GoldReport.days(store: store)
            }
            let report = try GoldReport.make(weekly: weekly, days: days, weekCount: weekCount, top: top)
            ReportPrinter(format: format).print(report, converted: gold.convertedTo != nil)
            if chart != .none {
                let trends = ReportTrends(glyphs: ChartTerminal.standardOutputGlyphs(), width: ChartTerminal.width(maxWidth: nil))
                let text = trends.text(report, weekly: weekly, request: chart)
                if !text.isEmpty { Console.print(text) }
            }
        }
    }
}
