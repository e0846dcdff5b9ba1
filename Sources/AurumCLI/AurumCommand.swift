import ArgumentParser

/// The `aurum` command line. Each subcommand is thin: it parses, calls one layer, and prints.
public struct AurumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aurum",
        abstract: "Aurum: local analytics for paid-media data (Meta and Google Ads pages → Bronze → Silver → Gold).",
        subcommands: [
            IngestCommand.self, RebuildCommand.self, TablesCommand.self, SchemaCommand.self, ExportCommand.self,
            ReportCommand.self, VerifyCommand.self, QueryCommand.self, ExplainCommand.self,
        ])

    public init() {}
}
