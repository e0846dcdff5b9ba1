/// One word, number or quoted text of a question, as the offline translator reads it.
struct QuestionToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// Letters (and digits after a letter: "q1"); apostrophes inside a word are kept ("what's").
        case word
        /// Digits, possibly with `-`, `/`, `.`, `,` between digits: "7", "2024-03-01", "01/03/2024", "2,5".
        case number
        /// Text between quotes, kept exactly as typed: a campaign-name filter.
        case quoted
        /// A symbol that carries meaning: `%`, `>`, `<`.
        case symbol
    }

    var kind: Kind
    /// Lower-cased, accents removed (the original for quoted text).
    var folded: String
    /// As typed.
    var original: String
}
