/// Says, in the question's language, why the offline translator refused a question: what it understood and the
/// words it could not place ("I understood 'spend', 'last quarter', but not 'USD account'"), so that a word that
/// narrows the data is never dropped without the user being told which one.
enum RefusalReason {
    static func text(question: String, misunderstanding: Misunderstanding, campaignNames: [String]) -> String {
        let tokens = SlashDates.normalize(QuestionTokenizer.tokens(question))
        let language = QuestionLanguage(tokens)
        guard case .unplacedWords(let words) = misunderstanding else {
            return language == .portuguese ? misunderstanding.portugueseDescription : misunderstanding.description
        }
        let reading = QuestionReader.read(tokens, campaignNames: campaignNames)
        let understood = reading.pieces.compactMap { read -> String? in
            switch read.piece {
            case .filler, .conjunction, .no: return nil
            case .unsupported: return nil
            default: return "'" + read.tokens.map { tokens[$0].original }.joined(separator: " ") + "'"
            }
        }
        let unknown = words.map { "'\($0)'" }.joined(separator: ", ")
        switch (language, understood.isEmpty) {
        case (.english, true): return "did not understand " + unknown
        case (.english, false): return "I understood " + understood.joined(separator: ", ") + ", but not " + unknown
        case (.portuguese, true): return "não entendi " + unknown
        case (.portuguese, false): return "entendi " + understood.joined(separator: ", ") + ", mas não " + unknown
        }
    }
}
