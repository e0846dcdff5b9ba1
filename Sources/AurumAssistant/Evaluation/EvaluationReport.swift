extension Evaluation {
    /// A question the translator got wrong (or that could not be judged), and why.
    public struct Miss: Sendable, Equatable, CustomStringConvertible {
        public var question: String
        public var today: String
        public var expected: String
        /// The translator's query; nil when it produced none.
        public var produced: String?
        public var reason: String
        /// Whether the translator answered, with a query that ran, and the answer differed: the worst miss (a wrong
        /// number with exit 0), counted apart from refusals and failing queries.
        public var answeredWrong: Bool

        public init(question: String, today: String, expected: String, produced: String?, reason: String, answeredWrong: Bool = false) {
            self.question = question
            self.today = today
            self.expected = expected
            self.produced = produced
            self.reason = reason
            self.answeredWrong = answeredWrong
        }

        public var description: String {
            """
            \(answeredWrong ? "✗ WRONG" : "✗") \(question)  (today \(today))
                expected: \(expected)
                produced: \(produced ?? "(none)")
                why:      \(reason)
            """
        }
    }

    /// How a translator did on an evaluation set.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        /// The translator's name ("offline", "model …").
        public var translator: String
        public var total: Int
        public var correct: Int
        public var misses: [Miss]

        public init(translator: String, total: Int, correct: Int, misses: [Miss]) {
            self.translator = translator
            self.total = total
            self.correct = correct
            self.misses = misses
        }

        /// Misses where a query ran and gave a different answer (wrong with exit 0), not refusals.
        public var wrongAnswers: Int { misses.filter(\.answeredWrong).count }

        /// Correct answers over questions (0 for an empty set).
        public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

        /// The score line, then every miss.
        public var description: String {
            let percent = (accuracy * 1000).rounded() / 10
            var lines = ["\(translator): \(correct)/\(total) correct (\(percent)%), \(wrongAnswers) answered wrong (exit 0), \(total - correct - wrongAnswers) refused or failed"]
            if !misses.isEmpty {
                lines.append("")
                lines += misses.map(\.description)
            }
            return lines.joined(separator: "\n")
        }
    }
}
