import AurumCore
import AurumQuery
import Foundation
import XCTest

@testable import AurumAssistant

/// The repository's evaluation set (datasets/eval/questions.jsonl) through the offline translator, over the
/// bundled sample: every expected query must run, and the translator must answer at least 90% right.
final class OfflineEvaluationTests: XCTestCase {
    /// The cases of `datasets/eval/<file>`, every line a case, and the offline translator's report on them, with no
    /// broken expected query.
    private func report(_ file: String) async throws -> (cases: [Evaluation.Case], report: Evaluation.Report) {
        let root = try XCTUnwrap(SampleData.repositoryRoot(), "datasets/ not found")
        let text = try String(contentsOfFile: root + "/datasets/eval/" + file, encoding: .utf8)
        let (cases, unreadable) = Evaluation.cases(jsonLines: text)
        XCTAssertEqual(unreadable, [], "every line of the set is a case")
        let evaluation = Evaluation(makeEngine: SampleData.engine(today:))
        let report = await evaluation.run(cases, unreadable: unreadable, translator: OfflineTranslator())
        print(report)
        let brokenExpectations = report.misses.filter { $0.reason.hasPrefix("the expected query fails") }
        XCTAssertEqual(brokenExpectations.map(\.question), [], "expected queries that do not run")
        return (cases, report)
    }

    func testOfflineTranslatorScoresAtLeastNinetyPercent() async throws {
        let (cases, report) = try await report("questions.jsonl")
        XCTAssertGreaterThanOrEqual(cases.count, 120)
        XCTAssertGreaterThanOrEqual(report.accuracy, 0.90, "offline accuracy \(report.accuracy)")
        XCTAssertEqual(report.wrongAnswers, 0, "answered wrong with exit 0")
    }

    /// The second set (datasets/eval/analyst-questions.jsonl, issue 14): questions of the analyst's categories
    /// (thresholds, exclusions, groups of campaigns, distinct counts, first/last, data quality, periods compared,
    /// shares, currencies), half in Portuguese. No wrong answer with exit 0, ever; at least 95% right.
    func testAnalystQuestionsAreAnsweredRightOrRefused() async throws {
        let (cases, report) = try await report("analyst-questions.jsonl")
        XCTAssertGreaterThanOrEqual(cases.count, 300)
        let portuguese = cases.filter { QuestionLanguage(QuestionTokenizer.tokens($0.question)) == .portuguese }.count
        XCTAssertGreaterThanOrEqual(Double(portuguese) / Double(cases.count), 0.45, "about half the questions are Portuguese")
        XCTAssertEqual(report.wrongAnswers, 0, "answered wrong with exit 0: \(report.misses.filter(\.answeredWrong).map(\.question))")
        XCTAssertGreaterThanOrEqual(report.accuracy, 0.95, "offline accuracy \(report.accuracy)")
    }

    /// Every expected query returns rows for at least some questions: a set whose answers are all empty would
    /// score anything that returns nothing.
    func testMostExpectedAnswersAreNotEmpty() throws {
        let root = try XCTUnwrap(SampleData.repositoryRoot())
        let text = try String(contentsOfFile: root + "/datasets/eval/questions.jsonl", encoding: .utf8)
        let cases = Evaluation.cases(jsonLines: text).cases
        var empty: [String] = []
        for testCase in cases {
            let engine = try SampleData.engine(today: testCase.today)
            let batch = try engine.run(testCase.expectedQuery).batch
            let allNull = (0..<batch.rowCount).allSatisfy { row in batch.columns.allSatisfy { $0.isNull(row) } }
            if batch.rowCount == 0 || allNull { empty.append(testCase.question) }
        }
        XCTAssertLessThanOrEqual(empty.count, cases.count / 20, "questions with empty answers: \(empty)")
    }
}
