import Foundation

extension Evaluation {
    /// One question of an evaluation set: a line `{"question": …, "expected_query": …, "today": "YYYY-MM-DD"}`.
    public struct Case: Sendable, Equatable, Codable {
        public var question: String
        /// The query a careful analyst would write; the translator's query need not match its text, only its result.
        public var expectedQuery: String
        /// What "today" is for the question's relative windows.
        public var today: String

        public init(question: String, expectedQuery: String, today: String) {
            self.question = question
            self.expectedQuery = expectedQuery
            self.today = today
        }

        enum CodingKeys: String, CodingKey {
            case question
            case expectedQuery = "expected_query"
            case today
        }
    }

    /// The cases of a JSON Lines text (blank lines and lines starting with `//` skipped), and a miss for each
    /// line that is not a case, so that a broken line counts against the score instead of vanishing.
    public static func cases(jsonLines text: String) -> (cases: [Case], unreadable: [Miss]) {
        var cases: [Case] = []
        var unreadable: [Miss] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
            do {
                cases.append(try decoder.decode(Case.self, from: Data(trimmed.utf8)))
            } catch {
                unreadable.append(Miss(question: String(trimmed.prefix(80)), today: "", expected: "", produced: nil, reason: "line \(index + 1) is not a case ({\"question\", \"expected_query\", \"today\"}): \(error)"))
            }
        }
        return (cases, unreadable)
    }
}
