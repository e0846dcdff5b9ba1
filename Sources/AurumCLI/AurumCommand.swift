import ArgumentParser
import AurumStorage

/// The `aurum` command line. Each subcommand is thin: it parses, calls one layer, and prints.
public struct AurumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aurum",
        abstract: "Aurum: local analytics for paid-media data (Meta and Google Ads pages → Bronze → Silver → Gold).",
        discussion: "With no subcommand on a terminal, aurum starts the REPL (aurum repl) on the default store. "
            + "Settings and environment variables: aurum help config.",
        version: versionText,
        subcommands: [
            IngestCommand.self, PullCommand.self, ClientsCommand.self, RebuildCommand.self, TablesCommand.self, SchemaCommand.self, ExportCommand.self,
            ReportCommand.self, InsightsCommand.self, VerifyCommand.self, QueryCommand.self, ExplainCommand.self, AskCommand.self, EvalCommand.self,
            FxCommand.self, PushCommand.self, TranslateCommand.self, ReplCommand.self, ConfigCommand.self,
        ])

    /// `aurum --version`: the build's version (`git describe` when it was built, see Plugins/AurumVersion) and
    /// the store format versions it reads and writes.
    static let versionText = "aurum \(aurumBuildVersion)\nstore format: \(StoreFormat.summary) (the versions written; older ones are read)"

    public init() {}

    /// Parses the command line and runs the command, every message (help and usage errors included) going
    /// through ``Console``'s checked writes, so a closed or full output never traps.
    public static func main() {
        Console.prepareStandardStreams()
        do {
            if let query = QuickQuery.request(Array(CommandLine.arguments.dropFirst())) { return try query.run() }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let text = fullMessage(for: error)
            if !text.isEmpty {
                if code.isSuccess { Console.print(text) } else { Console.printError(text) }
            }
            Console.terminate(code)
        }
    }

    /// Bare `aurum`: the REPL on the default store when standard input is a terminal, like `duckdb` and
    /// `sqlite3`; the help otherwise (so scripts that run `aurum` by mistake do not hang).
    public func run() throws {
        guard LineEditor.standardInputIsTerminal else { throw CleanExit.helpRequest(self) }
        try ReplCommand.parse([]).run()
    }
}
