/// One lexical token of the query language, with the byte range it came from.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: a keyword or an identifier (keywords are recognised by the parser, case-insensitively).
        case word(String)
        /// A double-quoted identifier (never a keyword); `""` inside stands for `"`.
        case quotedIdentifier(String)
        /// A single-quoted string literal; `''` inside stands for `'`.
        case string(String)
        /// An integer literal that fits Int64.
        case integer(Int64)
        /// A decimal or exponent literal (`1.5`, `1e3`), with its text.
        case decimal(Double, String)
        /// Punctuation and operators: `( ) , ; . * + - / % = <> != < <= > >= ||`.
        case symbol(String)
        case end
    }

    public var kind: Kind
    /// Byte offsets into the query text.
    public var start: Int
    public var end: Int

    /// The upper-cased word, when the token is a bare word.
    public var keyword: String? {
        if case .word(let text) = kind { return text.uppercased() }
        return nil
    }

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .word(let text): "'\(text)'"
        case .quotedIdentifier(let text): "\"\(text)\""
        case .string(let text): "'\(text)' (a string)"
        case .integer(let value): "\(value)"
        case .decimal(_, let text): text
        case .symbol(let text): "'\(text)'"
        case .end: "the end of the query"
        }
    }
}
