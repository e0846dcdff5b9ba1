import Foundation

/// Whether a question to `aurum ask` asks for a picture: "chart", "graph", "plot", "trend", "over time", and
/// in Portuguese "gráfico", "evolução", "tendência", "ao longo do tempo". Read here, in the CLI, not by the
/// translator: the words choose how the answer is shown, never what is computed.
enum ChartWords {
    private static let words: Set<String> = [
        "chart", "charts", "graph", "graphs", "plot", "plots", "trend", "trends",
        "grafico", "graficos", "evolucao", "tendencia", "tendencias",
    ]
    private static let phrases: [[String]] = [["over", "time"], ["ao", "longo", "do", "tempo"]]
    /// The nouns that only ask for a picture (not trend words, which say what to compute).
    private static let pictureNouns: Set<String> = ["chart", "charts", "graph", "graphs", "plot", "plots", "grafico", "graficos"]
    /// Words around a picture noun that belong to it: "as a bar chart of", "num gráfico de barras do".
    private static let before: Set<String> = ["a", "an", "as", "in", "on", "line", "bar", "um", "uma", "em", "num", "no", "o"]
    private static let after: Set<String> = ["of", "for", "do", "da", "de", "dos", "das", "barras", "linha", "linhas"]

    /// Whether `question` asks for a chart.
    static func asksForChart(_ question: String) -> Bool {
        let folded = question.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let tokens = folded.split { !$0.isLetter }.map(String.init)
        if tokens.contains(where: words.contains) { return true }
        return phrases.contains { phrase in
            tokens.count >= phrase.count && (0...(tokens.count - phrase.count)).contains { Array(tokens[$0..<($0 + phrase.count)]) == phrase }
        }
    }

    /// `question` without the words that only ask for a picture ("as a bar chart", "gráfico de barras do"),
    /// for the translator, which is asked what to compute, not how to show it. Other words stay as typed.
    static func withoutPictureWords(_ question: String) -> String {
        let words = question.split(whereSeparator: \.isWhitespace).map(String.init)
        func folded(_ word: String) -> String {
            String(word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter(\.isLetter))
        }
        var keep = [Bool](repeating: true, count: words.count)
        for index in words.indices where pictureNouns.contains(folded(words[index])) {
            keep[index] = false
            var earlier = index - 1
            while earlier >= 0, keep[earlier], before.contains(folded(words[earlier])) {
                keep[earlier] = false
                earlier -= 1
            }
            var later = index + 1
            while later < words.count, after.contains(folded(words[later])) {
                keep[later] = false
                later += 1
            }
        }
        let kept = words.indices.filter { keep[$0] }.map { words[$0] }
        // Nothing but picture words: leave the question as typed (the translator says what it does not understand).
        return kept.isEmpty ? question : kept.joined(separator: " ")
    }
}
