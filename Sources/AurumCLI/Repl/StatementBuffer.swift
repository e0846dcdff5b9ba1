import Foundation

/// Splits what is typed (or read from a file) into statements and dot commands.
///
/// A statement ends at a `;` that is outside a string literal (`'…'`), a quoted name (`"…"`), a `--` comment
/// and a `/* … */` comment, so a statement may span lines and one line may hold several statements. A dot
/// command is a whole line starting with `.`, recognised only between statements (inside one, `.5` is a number).
/// The scanner keeps its state between lines, so it sees each byte once.
struct StatementBuffer {
    /// One complete piece of input.
    enum Item: Equatable {
        /// A statement's text, up to and including its `;`, without surrounding white space.
        case statement(String)
        /// A dot command line, without surrounding white space.
        case dotCommand(String)

        /// The statement's or the command's text.
        var text: String {
            switch self {
            case .statement(let text), .dotCommand(let text): text
            }
        }
    }

    /// Where the scanner is in the text of the unfinished statement.
    private enum Context {
        case code, singleQuoted, doubleQuoted, lineComment, blockComment
    }

    private var pending: [UInt8] = []
    private var context = Context.code
    /// Whether `pending` holds anything but white space and comments.
    private var hasContent = false

    init() {}

    /// Whether no statement has been started: the REPL shows its primary prompt, and a `.` line is a dot command.
    var isEmpty: Bool { !hasContent && context != .blockComment }

    /// The text of the unfinished statement so far (for completion).
    var pendingText: String { String(decoding: pending, as: UTF8.self) }

    /// Adds `text` (one line without its newline, or several separated by `\n`) and returns the statements and
    /// dot commands it completes, in order.
    mutating func append(_ text: String) -> [Item] {
        var items: [Item] = []
        // Split at the scalar "\n", not the Character: "\r\n" is one Character, and a CR stays part of its line.
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            appendLine(Substring(line), into: &items)
        }
        return items
    }

    /// At the end of the input: the unfinished statement, if it holds more than white space and comments
    /// (a script's last statement may lack its `;`). The buffer is empty afterwards.
    mutating func finish() -> String? {
        defer { reset() }
        guard hasContent || context == .singleQuoted || context == .doubleQuoted else { return nil }
        let text = trimmed(pending[...])
        return text.isEmpty ? nil : text
    }

    /// Forgets the unfinished statement.
    mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        context = .code
        hasContent = false
    }

    private mutating func appendLine(_ line: Substring, into items: inout [Item]) {
        if isEmpty, line.first(where: { !$0.isWhitespace }) == "." {
            reset()
            items.append(.dotCommand(trimmed(Array(line.utf8)[...])))
            return
        }
        // Bytes already in `pending` were scanned with the earlier lines.
        var index = pending.count
        pending.append(contentsOf: line.utf8)
        pending.append(UInt8(ascii: "\n"))
        while index < pending.count {
            let byte = pending[index]
            let next: UInt8? = index + 1 < pending.count ? pending[index + 1] : nil
            switch context {
            case .code:
                switch byte {
                case UInt8(ascii: "'"): context = .singleQuoted; hasContent = true
                case UInt8(ascii: "\""): context = .doubleQuoted; hasContent = true
                case UInt8(ascii: "-") where next == UInt8(ascii: "-"): context = .lineComment; index += 1
                case UInt8(ascii: "/") where next == UInt8(ascii: "*"): context = .blockComment; index += 1
                case UInt8(ascii: ";"):
                    if hasContent { items.append(.statement(trimmed(pending[..<(index + 1)]))) }
                    pending.removeFirst(index + 1)
                    hasContent = false
                    index = 0
                    continue
                case 32, 9, 10, 13: break
                default: hasContent = true
                }
            case .singleQuoted: if byte == UInt8(ascii: "'") { context = .code }
            case .doubleQuoted: if byte == UInt8(ascii: "\"") { context = .code }
            case .lineComment: if byte == 10 { context = .code }
            case .blockComment:
                if byte == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                    context = .code
                    index += 1
                }
            }
            index += 1
        }
        // Between statements, keep nothing but what a following statement needs.
        if !hasContent && context == .code { pending.removeAll(keepingCapacity: true) }
    }

    private func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        while lower < upper && isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// `statement` on one line for the history, when joining its lines cannot change its meaning (no `--`
    /// comment, no line break inside a string or quoted name); otherwise `statement` unchanged.
    static func historyEntry(_ statement: String) -> String {
        guard statement.contains("\n") else { return statement }
        var context = Context.code
        let bytes = Array(statement.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch context {
            case .code:
                if byte == UInt8(ascii: "'") { context = .singleQuoted }
                if byte == UInt8(ascii: "\"") { context = .doubleQuoted }
                if byte == UInt8(ascii: "-") && next == UInt8(ascii: "-") { return statement }
                if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                    context = .blockComment
                    index += 1
                }
            case .singleQuoted, .doubleQuoted:
                if byte == 10 || byte == 13 { return statement }
                if byte == UInt8(ascii: context == .singleQuoted ? "'" : "\"") { context = .code }
            case .blockComment:
                if byte == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                    context = .code
                    index += 1
                }
            case .lineComment: return statement
            }
            index += 1
        }
        return statement.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
