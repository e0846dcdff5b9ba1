/// Every way a query can be refused or fail. Each names where in the query text it happened (a byte offset into
/// the query, rendered as line:column with a caret by ``QueryError/render(in:)``) and what would fix it.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    /// The text does not follow the grammar: what was found, and what was expected instead.
    case syntax(message: String, offset: Int)
    /// A table the catalogue does not have, with the nearest known name.
    case unknownTable(name: String, suggestion: String?, offset: Int)
    /// A column the table does not have, with the nearest known name.
    case unknownColumn(name: String, suggestion: String?, offset: Int)
    /// A function that is not on the whitelist, with the nearest known name.
    case unknownFunction(name: String, suggestion: String?, offset: Int)
    /// Types that do not fit the operator or function.
    case typeMismatch(message: String, offset: Int)
    /// A statement that is valid SQL but not allowed here (DDL, DML, several statements, …).
    case notAllowed(message: String, offset: Int)
    /// Read-only SQL that Aurum does not run (yet), named: WITH, subqueries, joins, UNION, window functions, …
    case unsupported(message: String, offset: Int)
    /// An aggregate or GROUP BY rule broken (e.g. a column neither grouped nor aggregated).
    case grouping(message: String, offset: Int)
    /// The query is larger than one of ``QueryLimits`` allows (text size, nesting depth, list length, keys); the
    /// message names the limit.
    case limitExceeded(message: String, offset: Int)
    /// A failure while running (e.g. integer overflow); `offset` is the expression's.
    case execution(message: String, offset: Int)
    /// The store could not be read.
    case storage(message: String)
    /// The caller stopped the query through its ``QueryCancellation`` (Ctrl-C); there is no result.
    case cancelled

    /// `error` as a query's failure: a ``QueryError`` as it is, anything else (a block that cannot be read or
    /// decoded) as ``storage(message:)``.
    static func reading(_ error: any Error) -> QueryError {
        error as? QueryError ?? .storage(message: String(describing: error))
    }

    /// Where in the query the error points (a byte offset), if anywhere.
    public var offset: Int? {
        switch self {
        case .syntax(_, let offset), .unknownTable(_, _, let offset), .unknownColumn(_, _, let offset),
            .unknownFunction(_, _, let offset), .typeMismatch(_, let offset), .notAllowed(_, let offset),
            .unsupported(_, let offset), .grouping(_, let offset), .limitExceeded(_, let offset), .execution(_, let offset):
            offset
        case .storage, .cancelled: nil
        }
    }

    /// The one-line message, without position.
    public var message: String {
        switch self {
        case .syntax(let message, _): message
        case .unknownTable(let name, let suggestion, _):
            "unknown table '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .unknownColumn(let name, let suggestion, _):
            "unknown column '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .unknownFunction(let name, let suggestion, _):
            "unknown function '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .typeMismatch(let message, _), .notAllowed(let message, _), .unsupported(let message, _), .grouping(let message, _),
            .limitExceeded(let message, _), .execution(let message, _), .storage(let message):
            message
        case .cancelled: "interrupted"
        }
    }

    public var description: String { message }

    /// The message with its position in `query`: `line L, column C: message`, the offending line, and a caret
    /// under the column. Where a script holds the query, `firstLine` and `firstColumn` say where it starts, and
    /// the line and column are the script's.
    public func render(in query: String, firstLine: Int = 1, firstColumn: Int = 1) -> String {
        guard let offset else { return message }
        let bytes = Array(query.utf8)
        let clamped = min(max(offset, 0), bytes.count)
        var lineStart = 0
        var line = firstLine
        for index in 0..<clamped where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = clamped
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let column = String(decoding: bytes[lineStart..<clamped], as: UTF8.self).count + 1
        let caret = String(repeating: " ", count: column - 1) + "^"
        let scriptColumn = column + (line == firstLine ? firstColumn - 1 : 0)
        return "line \(line), column \(scriptColumn): \(message)\n  \(lineText)\n  \(caret)"
    }
}
