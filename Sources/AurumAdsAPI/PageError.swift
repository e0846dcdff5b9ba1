/// Why a file's bytes could not be read as an ads-API data page. The module's one error type.
///
/// A page error concerns the whole file: none of its rows count (data contract, rule 1). Bad rows inside a good
/// page are not errors but values (``RowOutcome/quarantined(_:detail:)``).
public enum PageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not valid JSON (RFC 8259, strict).
    ///
    /// - Parameters:
    ///   - offset: the 0-based byte offset where the problem was found.
    ///   - line: the 1-based line of `offset` (lines end at LF).
    ///   - column: the 1-based byte column of `offset` within its line.
    ///   - message: what is wrong there, e.g. "invalid escape '\q' in a string".
    case invalidJSON(offset: Int, line: Int, column: Int, message: String)
    /// The bytes are JSON (or begin like no JSON page) but not a Meta page nor a Google stream, e.g. a saved
    /// API error body. `reason` is a human sentence.
    case notADataPage(reason: String)
    /// The file is larger than the parser can address (``JSONScanner/byteCountMax``); split the pull.
    case fileTooLarge(byteCount: Int, byteCountMax: Int)

    /// A one-line explanation for people, with the position where there is one.
    public var description: String {
        switch self {
        case .invalidJSON(let offset, let line, let column, let message):
            "invalid JSON at line \(line), column \(column) (byte offset \(offset)): \(message)"
        case .notADataPage(let reason):
            "not a data page: \(reason)"
        case .fileTooLarge(let byteCount, let byteCountMax):
            "file of \(byteCount) bytes is larger than the \(byteCountMax) bytes one page may have; split the pull"
        }
    }
}
