import AurumCore

/// A REPL command: one line starting with `.`, parsed before anything runs so that a typo changes nothing.
enum DotCommand: Equatable {
    case help
    /// `.tables`: every table with its row count.
    case tables
    /// `.schema [TABLE]`: the columns of one table, or of all.
    case schema(table: String?)
    /// `.mode [FORMAT]`: set the result format, or show it.
    case mode(OutputFormat?)
    /// `.formulaguard [quote|none]`: whether `.mode csv` prefixes formula-like text with `'`, or show it.
    case formulaGuard(CSVWriter.FormulaGuard?)
    /// `.timer [on|off]`: print the run time after each query, or show whether it does.
    case timer(Bool?)
    /// `.maxrows [N|all]`: rows shown at most in table and markdown results, or show the limit.
    case maxRows(RowLimit?)
    /// `.chart [auto|on|off]`: draw a chart under table results, or show whether it does.
    case chart(ChartSetting?)
    /// `.output [FILE]`: write results to FILE until `.output` with no file sends them back to the terminal.
    case output(path: String?)
    /// `.once FILE`: write the next result only to FILE.
    case once(path: String)
    /// `.read FILE`: run the statements and dot commands in FILE.
    case read(path: String)
    /// `.quit` / `.exit`.
    case quit

    /// How many rows `.maxrows` lets a table show.
    enum RowLimit: Equatable {
        case limit(Int)
        /// `.maxrows all` (or 0, or -1, as in DuckDB).
        case all
    }

    /// When the REPL draws a chart under a table result (docs/charts.md).
    enum ChartSetting: String, Equatable, CaseIterable {
        /// When the result is a time series or a ranking; nothing otherwise.
        case auto
        /// As `auto`, and a one-line note saying why when the result makes no chart.
        case on
        /// Never (the default).
        case off
    }

    /// A dot command that could not be parsed: what is wrong and how to write it instead.
    struct ParseError: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Every command's name, usage and one-line summary, in `.help` order.
    static let catalog: [(name: String, usage: String, summary: String)] = [
        (".help", ".help", "Show this help"),
        (".tables", ".tables", "List the tables with their row counts"),
        (".schema", ".schema [TABLE]", "Show the columns of TABLE (or of every table)"),
        (".mode", ".mode table|csv|json|markdown", "Set the result format (default: table)"),
        (".formulaguard", ".formulaguard quote|none", "In csv mode, prefix text starting with = + - @ with ' (default: none)"),
        (".timer", ".timer on|off", "Print 'Run Time: X.XXX s' after each query"),
        (".maxrows", ".maxrows N|all", "Show at most N rows in table and markdown results (default: 40; all, 0 or -1: every row)"),
        (".chart", ".chart auto|on|off", "Draw a chart under table results: auto when one fits, on also says why not (default: off)"),
        (".output", ".output [FILE]", "Write results to FILE; with no FILE, back to the terminal"),
        (".once", ".once FILE", "Write the next result only to FILE"),
        (".read", ".read FILE", "Run the statements and dot commands in FILE"),
        (".quit", ".quit", "Leave the REPL (also .exit and Ctrl-D)"),
        (".exit", ".exit", "Leave the REPL"),
    ]

    /// Every command's name, for completion.
    static var names: [String] { catalog.map(\.name) }

    /// Parses one line that starts with `.`.
    static func parse(_ line: String) throws(ParseError) -> DotCommand {
        let words = try split(line)
        guard let name = words.first?.lowercased() else { throw ParseError(message: "empty command; .help lists the commands") }
        let arguments = Array(words.dropFirst())
        func usage() -> ParseError {
            let usage = catalog.first { $0.name == name }?.usage ?? name
            return ParseError(message: "usage: \(usage)")
        }
        func atMostOne() throws(ParseError) -> String? {
            guard arguments.count <= 1 else { throw usage() }
            return arguments.first
        }
        func exactlyOne() throws(ParseError) -> String {
            guard arguments.count == 1 else { throw usage() }
            return arguments[0]
        }
        switch name {
        case ".help":
            guard arguments.isEmpty else { throw usage() }
            return .help
        case ".tables":
            guard arguments.isEmpty else { throw usage() }
            return .tables
        case ".schema": return .schema(table: try atMostOne())
        case ".mode":
            guard let text = try atMostOne() else { return .mode(nil) }
            guard let format = OutputFormat(rawValue: text.lowercased()) else {
                throw ParseError(message: "unknown mode '\(text)'; use one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .mode(format)
        case ".formulaguard":
            guard let text = try atMostOne() else { return .formulaGuard(nil) }
            guard let value = CSVWriter.FormulaGuard(rawValue: text.lowercased()) else { throw usage() }
            return .formulaGuard(value)
        case ".timer":
            guard let text = try atMostOne() else { return .timer(nil) }
            switch text.lowercased() {
            case "on", "true", "1", "yes": return .timer(true)
            case "off", "false", "0", "no": return .timer(false)
            default: throw usage()
            }
        case ".maxrows":
            guard let text = try atMostOne() else { return .maxRows(nil) }
            if text.lowercased() == "all" || text == "0" || text == "-1" { return .maxRows(.all) }
            guard let count = Int(text), count > 0 else {
                throw ParseError(message: ".maxrows takes a positive whole number, or all (0 and -1 mean all too), not '\(text)'")
            }
            return .maxRows(.limit(count))
        case ".chart":
            guard let text = try atMostOne() else { return .chart(nil) }
            guard let setting = ChartSetting(rawValue: text.lowercased()) else { throw usage() }
            return .chart(setting)
        case ".output": return .output(path: try atMostOne())
        case ".once": return .once(path: try exactlyOne())
        case ".read": return .read(path: try exactlyOne())
        case ".quit", ".exit":
            guard arguments.isEmpty else { throw usage() }
            return .quit
        default:
            let suggestion = nearestName(name, among: names)
            throw ParseError(message: "unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (.help lists the commands)")
        }
    }

    /// The words of `line`, split at white space; `'…'` or `"…"` keeps a file name with spaces in one word.
    static func split(_ line: String) throws(ParseError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil else { throw ParseError(message: "unterminated quote in '\(line)'") }
        if inWord { words.append(word) }
        return words
    }
}
