import AurumCore
import AurumQuery
import Foundation

/// Tab completion for the REPL: dot commands and their arguments, SQL keywords, functions, table names and
/// column names. Plain Swift over text, so it is tested without a terminal; ``LineEditor`` calls it.
struct Completion {
    /// What the word before the cursor may become.
    enum Outcome: Equatable {
        /// Replace `word` (the end of the text before the cursor) with one of `candidates`.
        case words(word: String, candidates: [String])
        /// The word is a file name: the line editor completes it from the file system.
        case fileNames
    }

    /// Every table's columns, in schema order.
    let columnsByTable: [String: [String]]
    /// Table names, sorted.
    let tableNames: [String]

    /// The keywords of Aurum's query language (docs/query-language.md), including type names for `::` and CAST.
    static let keywords: [String] = [
        "SELECT", "DISTINCT", "ALL", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AS",
        "ASC", "DESC", "NULLS", "FIRST", "LAST", "AND", "OR", "NOT", "IS", "NULL", "IN", "LIKE", "ILIKE", "BETWEEN",
        "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "TRUE", "FALSE", "DATE", "BIGINT", "DOUBLE", "VARCHAR",
        "BOOLEAN", "EXPLAIN", "ANALYZE",
    ]

    /// Every function name (scalar and aggregate).
    static let functions: [String] = ScalarFunction.allCases.map(\.name) + AggregateKind.allCases.map(\.rawValue)

    init(columnsByTable: [String: [String]]) {
        self.columnsByTable = columnsByTable
        self.tableNames = columnsByTable.keys.sorted()
    }

    /// The tables of `catalog` and their columns.
    init(catalog: TableCatalog) {
        var columns: [String: [String]] = [:]
        for name in catalog.tableNames { columns[name] = catalog.table(named: name)?.schema.names ?? [] }
        self.init(columnsByTable: columns)
    }

    /// What the word before the cursor may become.
    /// - Parameters:
    ///   - pending: the earlier lines of the unfinished statement ("" between statements).
    ///   - before: the current line up to the cursor.
    ///   - after: the rest of the current line.
    func complete(pending: String = "", before: String, after: String = "") -> Outcome {
        if pending.allSatisfy(\.isWhitespace), before.first(where: { !$0.isWhitespace }) == "." {
            return completeDotCommand(before)
        }
        let text = pending + before
        let word = Self.trailingWord(text)
        let preceding = String(text.dropLast(word.count))
        let statement = text + after

        if let dot = word.lastIndex(of: ".") {
            // `table.col` (or `alias.col`): the columns of that table, else of every table.
            let qualifier = String(word[..<dot])
            let prefix = String(word[word.index(after: dot)...])
            guard !qualifier.isEmpty, !qualifier.contains(".") else { return .words(word: word, candidates: []) }
            let columns = columnsByTable[qualifier] ?? allColumns
            return .words(word: word, candidates: Self.matching(prefix, in: columns).map { qualifier + "." + $0 })
        }
        let previous = Self.trailingWord(Self.droppingTrailingSpace(preceding)).uppercased()
        if (previous == "FROM" || previous == "JOIN") && preceding.last?.isWhitespace == true {
            let tables = Self.matching(word, in: tableNames)
            if !tables.isEmpty { return .words(word: word, candidates: tables) }
        }
        let columns = Self.fromTable(in: statement).flatMap { columnsByTable[$0] } ?? allColumns
        let upper = !word.contains { $0.isLowercase }
        let keywords = Self.keywords.map { upper ? $0 : $0.lowercased() }
        let functions = Self.functions.map { upper && !word.isEmpty ? $0.uppercased() : $0 }
        var seen = Set<String>()
        let candidates = (Self.matching(word, in: columns) + Self.matching(word, in: functions) + Self.matching(word, in: keywords)
            + Self.matching(word, in: tableNames)).filter { seen.insert($0).inserted }
        return .words(word: word, candidates: candidates)
    }

    private var allColumns: [String] {
        var seen = Set<String>()
        return tableNames.flatMap { columnsByTable[$0] ?? [] }.filter { seen.insert($0).inserted }.sorted()
    }

    private func completeDotCommand(_ line: String) -> Outcome {
        let trimmed = String(line.drop { $0.isWhitespace })
        let endsInSpace = trimmed.last?.isWhitespace ?? false
        let words = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        let word = endsInSpace ? "" : words.last ?? ""
        let argumentIndex = endsInSpace ? words.count : words.count - 1
        if argumentIndex == 0 {
            return .words(word: word, candidates: Self.matching(word, in: DotCommand.names))
        }
        let options: [String]
        switch words[0].lowercased() {
        case ".schema": options = tableNames
        case ".mode": options = OutputFormat.allCases.map(\.rawValue)
        case ".formulaguard": options = CSVWriter.FormulaGuard.allCases.map(\.rawValue)
        case ".timer": options = ["on", "off"]
        case ".read", ".output", ".once": return .fileNames
        default: options = []
        }
        return .words(word: word, candidates: argumentIndex == 1 ? Self.matching(word, in: options) : [])
    }

    /// The candidates that start with `prefix`, ignoring case.
    private static func matching(_ prefix: String, in candidates: [String]) -> [String] {
        let lower = prefix.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(lower) }
    }

    /// Whether `character` can be part of a word being completed: a name, a number, or `table.column`.
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "."
    }

    /// The word at the end of `text` (letters, digits, `_` and `.`); "" after a space or a symbol.
    static func trailingWord(_ text: String) -> String {
        String(text.reversed().prefix { isWordCharacter($0) }.reversed())
    }

    private static func droppingTrailingSpace(_ text: String) -> String {
        var text = text
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// The table named after the first FROM in `statement`, if it is a plain or double-quoted name.
    static func fromTable(in statement: String) -> String? {
        let tokens = statement.split { !(isWordCharacter($0) || $0 == "\"") }.map { $0.replacingOccurrences(of: "\"", with: "") }
        guard let index = tokens.firstIndex(where: { $0.uppercased() == "FROM" }), index + 1 < tokens.count else { return nil }
        return tokens[index + 1]
    }
}
