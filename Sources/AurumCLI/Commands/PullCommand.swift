import ArgumentParser
import AurumCore
import AurumPipeline
import AurumPull
import Foundation

/// `aurum pull meta|google`, `aurum pull --client NAME`, `aurum pull --all`: fetch pages from the ads APIs into
/// Bronze, then refresh Silver and Gold once.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch Meta Insights or Google Ads pages into the store (incremental, resumable). See docs/pull.md.",
        subcommands: [PullMetaCommand.self, PullGoogleCommand.self, PullClientsCommand.self],
        defaultSubcommand: PullClientsCommand.self)
}

/// `aurum pull --client NAME` and `aurum pull --all` (the default subcommand of `aurum pull`).
struct PullClientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients",
        abstract: "Pull every account of a client (--client) or of every client (--all) in one run; the default of `aurum pull`.",
        discussion: "Clients and their accounts are set with `aurum clients set`. Google accounts go through $AURUM_GOOGLE_ADS_LOGIN_CUSTOMER_ID when it is set.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var range: PullRangeOptions

    @Option(name: .long, help: ArgumentHelp("Pull every account of this client.", valueName: "NAME"))
    var client: String?

    @Flag(name: .long, help: "Pull every account of every client.")
    var all = false

    func validate() throws {
        if client != nil, all { throw ValidationError("give --client NAME or --all, not both") }
        if client == nil, !all { throw ValidationError("say what to pull: `aurum pull meta ...`, `aurum pull google ...`, --client NAME or --all") }
    }

    func run() throws {
        try Console.run {
            try range.pull(store: options.directory) { settings in
                let rows = try client.map { try ClientRegistry.accounts(of: $0, directory: options.directory) }
                    ?? ClientRegistry.list(directory: options.directory)
                guard !rows.isEmpty else { throw ValidationError("no clients are set; add one with `aurum clients set`") }
                var seen = Set<PullAccount>()
                return try rows.compactMap { row in
                    guard let source = PullAccount.Source(rawValue: row.source) else {
                        throw ValidationError("client \(row.client): unknown source '\(row.source)' in the clients table")
                    }
                    let account = try PullAccount(source: source, text: row.accountID, loginCustomer: source == .google ? settings.googleLoginCustomer : nil)
                    return seen.insert(account).inserted ? account : nil
                }
            }
        }
    }
}

/// The range options of every pull.
struct PullRangeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First day (default: the last day in the store minus the restatement window).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Last day (default: yesterday, UTC).", valueName: "YYYY-MM-DD"))
    var until: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @Option(name: .customLong("memory-budget"), help: IngestCommand.memoryBudgetHelp)
    var memoryBudget: String?

    func day(_ text: String?, option: String) throws -> Date32? {
        guard let text else { return nil }
        guard let day = Date32(iso: text) else { throw ValidationError("\(option) '\(text)' is not a date (YYYY-MM-DD)") }
        return day
    }

    /// Pulls the accounts `accounts` names and prints what it did; exits 1 when an account failed (inside
    /// ``Console/run(_:)``).
    func pull(store: String, accounts: (PullSettings) throws -> [PullAccount]) throws {
        let since = try day(since, option: "--since")
        let until = try day(until, option: "--until")
        let budget = try memoryBudget.map { try IngestMemoryBudget.parse($0, origin: "--memory-budget") }
        let settings = try PullSettings(environment: SettingsFile.merged(over: ProcessInfo.processInfo.environment))
        let accounts = try accounts(settings)
        // On a terminal, a progress line (waits included); else the waits as lines, for logs.
        let progress = TerminalProgress.onStandardError()
        let observer: any PullObserver = progress.map { PullProgress(line: $0) } ?? PullLog()
        let puller = Puller(settings: settings, transport: CurlTransport(timeoutSeconds: settings.timeoutSeconds), observer: observer)
        let summary: PullSummary
        do {
            defer { progress?.finish() }
            summary = try waitFor { try await puller.pull(accounts: accounts, since: since, until: until, directory: store, memoryBudget: budget) }
        }
        Console.print(json ? PullText.json(summary) : PullText.text(summary, store: store))
        for failure in summary.failures + summary.rejectedPages { Console.error(failure) }
        if !summary.failures.isEmpty || !summary.rejectedPages.isEmpty || !(summary.ingest?.rejectedFiles.isEmpty ?? true) {
            throw ExitCode.failure
        }
    }
}

/// `aurum pull meta --account act_…`.
struct PullMetaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meta", abstract: "Pull Meta Insights (level=ad, one row per ad and day) of an ad account.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var range: PullRangeOptions

    @Option(name: .long, help: ArgumentHelp("The ad account.", valueName: "act_ID"))
    var account: String

    func run() throws {
        try Console.run { try range.pull(store: options.directory) { _ in [try PullAccount(source: .meta, text: account)] } }
    }
}

/// `aurum pull google --customer …`.
struct PullGoogleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "google", abstract: "Pull Google Ads ad_group_ad metrics by day (SearchStream) of a customer.")

    @OptionGroup var options: StoreOptions
    @OptionGroup var range: PullRangeOptions

    @Option(name: .long, help: ArgumentHelp("The customer id (10 digits, dashes allowed).", valueName: "ID"))
    var customer: String

    @Option(
        name: .customLong("login-customer"),
        help: ArgumentHelp("The manager account through which access is granted (default: $AURUM_GOOGLE_ADS_LOGIN_CUSTOMER_ID).", valueName: "ID"))
    var loginCustomer: String?

    func run() throws {
        try Console.run {
            try range.pull(store: options.directory) { settings in
                [try PullAccount(source: .google, text: customer, loginCustomer: loginCustomer ?? settings.googleLoginCustomer)]
            }
        }
    }
}
