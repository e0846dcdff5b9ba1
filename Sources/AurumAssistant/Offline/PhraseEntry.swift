/// One phrase of the ``Lexicon``: a pattern and what a match of it means.
struct PhraseEntry: Sendable {
    let pattern: PhrasePattern
    /// The meaning of a match, from its captures; nil rejects the match (e.g. a quarter number of 7).
    let meaning: @Sendable ([PhrasePattern.Capture]) -> QuestionPiece?

    /// Entries for patterns that always mean `piece`.
    static func fixed(_ patterns: [String], _ piece: QuestionPiece) -> [PhraseEntry] {
        patterns.map { PhraseEntry(pattern: PhrasePattern($0), meaning: { _ in piece }) }
    }

    /// Entries for patterns whose meaning depends on what they captured.
    static func capturing(_ patterns: [String], _ meaning: @escaping @Sendable ([PhrasePattern.Capture]) -> QuestionPiece?) -> [PhraseEntry] {
        patterns.map { PhraseEntry(pattern: PhrasePattern($0), meaning: meaning) }
    }
}
