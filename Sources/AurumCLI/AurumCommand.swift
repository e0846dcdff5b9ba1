import ArgumentParser

/// The `aurum` command line. Each subcommand is thin: it parses, calls one layer, and prints.
public struct AurumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aurum",
        abstract: "Aurum: local analytics for paid-media data (Meta and Google Ads pages → Bronze → Silver → Gold).",
        discussion: "With no subcommand on a terminal, aurum starts the REPL (aurum repl) on the default store.",
        subcommands: [
            IngestCommand.self, PullCommand.self, ClientsCommand.self, RebuildCommand.self, TablesCommand.self, SchemaCommand.self, ExportCommand.self,
            ReportCommand.self, VerifyCommand.self, QueryCommand.self, ExplainCommand.self, AskCommand.self, EvalCommand.self,
            ReplCommand.self,
        ])

    public init() {}

    /// Bare `aurum`: the REPL on the default store when standard input is a terminal, like `duckdb` and
    /// `sqlite3`; the help otherwise (so scripts that run `aurum` by mistake do not hang).
    public func run() throws {
        guard LineEditor.standardInputIsTerminal else { throw CleanExit.helpRequest(self) }
        try ReplCommand.parse([]).run()
    }
}
