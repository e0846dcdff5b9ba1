extension Evaluation {
    /// A question the translator got wrong (or that could not be judged), and why.
    public struct Miss: Sendable, Equatable, CustomStringConvertible {
        public var question: String
        public var today: String
        public var expected: String
        /// The translator's query; nil when it produced none.
        public var produced: String?
        public var reason: String

        public init(question: String, today: String, expected: String, produced: String?, reason: String) {
            self.question = question
            self.today = today
            self.expected = expected
            self.produced = produced
            self.reason = reason
        }

        public var description: String {
            """
            ✗ \(question)  (today \(today))
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

        /// Correct answers over questions (0 for an empty set).
        public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

        /// The score line, then every miss.
        public var description: String {
            let percent = (accuracy * 1000).rounded() / 10
            var lines = ["\(translator): \(correct)/\(total) correct (\(percent)%)"]
            if !misses.isEmpty {
                lines.append("")
                lines += misses.map(\.description)
            }
            return lines.joined(separator: "\n")
        }
    }
}
