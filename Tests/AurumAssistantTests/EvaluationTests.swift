import AurumCore
import AurumQuery
import XCTest

@testable import AurumAssistant

/// The evaluation runner: reading JSON Lines, scoring by results, sending failed queries back for correction.
final class EvaluationTests: XCTestCase {
    /// Answers from a fixed list, in turn; records the attempts it was sent back.
    private final class ScriptedTranslator: Translator, @unchecked Sendable {
        var replies: [String]
        var attempts: [FailedAttempt?] = []
        init(_ replies: [String]) { self.replies = replies }
        var name: String { "scripted" }
        func translate(_ question: String, context: TranslationContext, previousAttempt: FailedAttempt?) async throws(AssistantError) -> Translation {
            attempts.append(previousAttempt)
            guard !replies.isEmpty else { throw .notUnderstood(question: question, examples: []) }
            return Translation(query: replies.removeFirst(), explanation: "")
        }
    }

    private let spendLastWeek = Evaluation.Case(
        question: "spend last week", expectedQuery: "SELECT sum(spend) FROM kpi_campaign_daily WHERE date BETWEEN current_date - 7 AND current_date - 1",
        today: "2024-04-15")

    func testReadsJSONLinesAndReportsBrokenLines() {
        let text = """
            {"question": "spend last week", "expected_query": "SELECT 1", "today": "2024-04-15"}

            // a comment
            {"question": "broken"
            """
        let (cases, unreadable) = Evaluation.cases(jsonLines: text)
        XCTAssertEqual(cases, [Evaluation.Case(question: "spend last week", expectedQuery: "SELECT 1", today: "2024-04-15")])
        XCTAssertEqual(unreadable.count, 1)
        XCTAssertTrue(unreadable[0].reason.hasPrefix("line 4 is not a case"), unreadable[0].reason)
    }

    func testScoresByResultsNotText() async {
        let evaluation = Evaluation(makeEngine: SampleData.engine(today:))
        let right = ScriptedTranslator(["SELECT sum(spend) AS total FROM kpi_campaign_daily WHERE date >= '2024-04-08' AND date <= '2024-04-14'"])
        let report = await evaluation.run([spendLastWeek], translator: right)
        XCTAssertEqual(report.correct, 1)
        XCTAssertEqual(report.accuracy, 1)

        let wrong = ScriptedTranslator(["SELECT sum(spend) FROM kpi_campaign_daily WHERE date BETWEEN '2024-04-07' AND '2024-04-14'"])
        let missed = await evaluation.run([spendLastWeek], translator: wrong)
        XCTAssertEqual(missed.correct, 0)
        XCTAssertEqual(missed.misses.first?.reason.hasPrefix("row 1 differs") ?? false || missed.misses.first?.reason.contains("missing") ?? false, true)
        XCTAssertTrue(missed.description.contains("0/1 correct"))
    }

    func testSendsAnInvalidQueryBackForCorrection() async {
        let evaluation = Evaluation(makeEngine: SampleData.engine(today:))
        let translator = ScriptedTranslator([
            "SELECT sum(cost) FROM kpi_campaign_daily",
            "SELECT sum(spend) FROM kpi_campaign_daily WHERE date BETWEEN '2024-04-08' AND '2024-04-14'",
        ])
        let report = await evaluation.run([spendLastWeek], translator: translator)
        XCTAssertEqual(report.correct, 1)
        XCTAssertEqual(translator.attempts.count, 2)
        XCTAssertEqual(translator.attempts[1]?.query, "SELECT sum(cost) FROM kpi_campaign_daily")
        XCTAssertTrue(translator.attempts[1]?.error.contains("did you mean 'spend'") ?? false, translator.attempts[1]?.error ?? "")
    }

    func testRefusalsAndBrokenExpectationsAreMisses() async {
        let evaluation = Evaluation(makeEngine: SampleData.engine(today:))
        let refused = await evaluation.run([spendLastWeek], translator: ScriptedTranslator([]))
        XCTAssertEqual(refused.misses.map(\.produced), [nil])
        var broken = spendLastWeek
        broken.expectedQuery = "SELECT nonsense FROM kpi_campaign_daily"
        let report = await evaluation.run([broken], translator: OfflineTranslator())
        XCTAssertTrue(report.misses[0].reason.hasPrefix("the expected query fails"))
        var badDay = spendLastWeek
        badDay.today = "15/04/2024"
        let dayReport = await evaluation.run([badDay], translator: OfflineTranslator())
        XCTAssertTrue(dayReport.misses[0].reason.contains("is not YYYY-MM-DD"))
    }
}
