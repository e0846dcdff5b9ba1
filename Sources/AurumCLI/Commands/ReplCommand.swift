import ArgumentParser

/// `aurum repl`: query the store interactively, like the duckdb and sqlite3 shells (also bare `aurum` on a
/// terminal).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Query the store interactively (statements end with ';'; .help lists the dot commands).",
        discussion: "On a terminal: line editing, Ctrl-R history search, tab completion, history kept in $AURUM_HISTORY (default ~/.aurum_history; empty turns it off), Ctrl-C to stop a running statement, tables fitted to the window, and a progress line for statements over a second. With standard input from a file or a pipe, the statements are read and run without prompts; the exit status is 1 if any failed.")

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp("What current_date means (default: $AURUM_TODAY, else today).", valueName: "YYYY-MM-DD"))
    var today: String?

    func run() throws {
        try Console.run {
            let scriptFailed = try ReplSession.runOnStandardInput(storeDirectory: options.directory, today: today)
            if scriptFailed { throw ExitCode.failure }
        }
    }
}
