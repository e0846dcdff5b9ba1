/// A line typed at the REPL's empty prompt that is plain words, not SQL: "quanto gastamos em março?".
///
/// Before, such a line began a statement and the REPL waited at `...>` for its `;` — a user asking in words
/// saw a prompt that seemed stuck. Now it is told at once how to ask, and a line that ends with `?` is taken as
/// the question it is.
enum WordsLine {
    /// Words that begin a statement: those the engine runs and those it refuses with a reason of its own
    /// (changes, settings, DuckDB's shell statements), so that their messages still reach the user.
    static let statementWords: Set<String> = [
        "select", "with", "explain", "values", "from", "table", "insert", "update", "delete", "create", "drop",
        "alter", "copy", "attach", "detach", "pragma", "set", "reset", "show", "describe", "desc", "summarize",
        "call", "install", "load", "export", "import", "begin", "commit", "rollback", "start", "end", "abort",
        "truncate", "grant", "revoke", "merge", "upsert", "replace", "vacuum", "checkpoint", "analyze", "use",
        "prepare", "execute", "deallocate", "comment", "pivot", "unpivot", "force",
    ]

    /// The line's first word when the line is words, not SQL; nil when it starts with a statement word, with
    /// anything but a letter (a parenthesis, a comment, a quote, a number), or is empty.
    static func firstWord(ofWords line: String) -> String? {
        let text = line.drop(while: \.isWhitespace)
        let word = text.prefix(while: \.isLetter)
        guard !word.isEmpty else { return nil }
        // "select*": a statement word glued to a symbol is still SQL; "gasto?" is a word.
        guard !statementWords.contains(word.lowercased()) else { return nil }
        return String(word)
    }
}
