import ArgumentParser
import AurumCore
import AurumPull
import Foundation

/// `aurum pull meta|google`: fetch pages from the ads APIs into Bronze, then refresh Silver and Gold once.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch Meta Insights or Google Ads pages into the store (incremental, resumable). See docs/pull.md.",
        subcommands: [PullMetaCommand.self, PullGoogleCommand.self])
}

/// The range options of both pull subcommands.
struct PullRangeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First day (default: the last day in the store minus the restatement window).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Last day (default: yesterday, UTC).", valueName: "YYYY-MM-DD"))
    var until: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func day(_ text: String?, option: String) throws -> Date32? {
        guard let text else { return nil }
        guard let day = Date32(iso: text) else { throw ValidationError("\(option) '\(text)' is not a date (YYYY-MM-DD)") }
        return day
    }

    /// Runs the pull of `accounts` and prints what it did; exits 1 when an account failed (inside ``Console/run(_:)``).
    func pull(_ accounts: [PullAccount], store: String) throws {
        let since = try day(since, option: "--since")
        let until = try day(until, option: "--until")
        do {
            let settings = try PullSettings(environment: ProcessInfo.processInfo.environment)
            let puller = Puller(settings: settings, transport: URLSessionTransport(timeoutSeconds: settings.timeoutSeconds), observer: PullLog())
            let summary = try waitFor { try await puller.pull(accounts: accounts, since: since, until: until, directory: store) }
            Console.print(json ? PullText.json(summary) : PullText.text(summary, store: store))
            for failure in summary.failures { Console.error(failure) }
            if !summary.failures.isEmpty || !(summary.ingest?.rejectedFiles.isEmpty ?? true) { throw ExitCode.failure }
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
        try Console.run { try range.pull([try PullAccount(source: .meta, text: account)], store: options.directory) }
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

    @Option(name: .customLong("login-customer"), help: ArgumentHelp("The manager account through which access is granted.", valueName: "ID"))
    var loginCustomer: String?

    func run() throws {
        try Console.run {
            try range.pull([try PullAccount(source: .google, text: customer, loginCustomer: loginCustomer)], store: options.directory)
        }
    }
}
