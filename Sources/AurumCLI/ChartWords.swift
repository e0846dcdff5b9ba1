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

    /// Whether `question` asks for a chart.
    static func asksForChart(_ question: String) -> Bool {
        let folded = question.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let tokens = folded.split { !$0.isLetter }.map(String.init)
        if tokens.contains(where: words.contains) { return true }
        return phrases.contains { phrase in
            tokens.count >= phrase.count && (0...(tokens.count - phrase.count)).contains { Array(tokens[$0..<($0 + phrase.count)]) == phrase }
        }
    }
}
