/// Rewrites slash dates into one reading for the whole question: day first (`15/03/2024`, as in Brazil) or
/// month first (`03/15/2024`, as in the US). A date that is only possible one way decides for all the dates of
/// the question; otherwise the question's language does (Portuguese: day first; English: month first).
enum SlashDates {
    static func normalize(_ tokens: [QuestionToken]) -> [QuestionToken] {
        let slashed = tokens.indices.filter { tokens[$0].kind == .number && tokens[$0].folded.contains("/") }
        let parts = slashed.map { index in tokens[index].folded.split(separator: "/").map { Int($0) ?? 0 } }
        let dated = parts.filter { ($0.count == 3 && $0[2] >= 1000) || ($0.count == 2 && $0[1] <= 31) }
        guard !dated.isEmpty else { return tokens }
        let monthFirst: Bool
        if dated.contains(where: { $0[0] > 12 }) {
            monthFirst = false
        } else if dated.contains(where: { $0[1] > 12 }) {
            monthFirst = true
        } else {
            monthFirst = QuestionLanguage(tokens) == .english
        }
        guard monthFirst else { return tokens }
        var tokens = tokens
        for (index, numbers) in zip(slashed, parts) where (numbers.count == 3 && numbers[2] >= 1000) || (numbers.count == 2 && numbers[1] <= 31) {
            // Swapped to day first, the order DayReference reads.
            var text = "\(numbers[1])/\(numbers[0])"
            if numbers.count == 3 { text += "/\(numbers[2])" }
            tokens[index].folded = text
        }
        return tokens
    }
}
