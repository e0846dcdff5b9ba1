import AurumAssistant
import AurumCore
import AurumPipeline
import AurumQuery
import Foundation
import XCTest

@testable import AurumCLI

/// A line source for REPL tests: scripted lines, and what was put in the history.
private final class Lines: LineSource {
    var lines: [String]
    var remembered: [String] = []
    var prompts: [String] = []
    let isInteractive: Bool

    init(_ lines: [String], interactive: Bool) {
        self.lines = lines
        self.isInteractive = interactive
    }

    func readLine(prompt: String) -> LineRead {
        prompts.append(prompt)
        return lines.isEmpty ? .end : .line(lines.removeFirst())
    }
    func remember(_ entry: String) { remembered.append(entry) }
}

final class AssistantSetupTests: XCTestCase {
    /// Every contract table; kpi_campaign_weekly and kpi_campaign_total with two campaigns.
    private func engine() -> QueryEngine {
        var tables: [String: TableSource] = [:]
        for table in ContractTable.allCases {
            let schema = table.schema
            tables[table.rawValue] = LazyTable(schema: schema) {
                guard table == .kpiCampaignWeekly || table == .kpiCampaignTotal else { return Batch(empty: schema) }
                let rows: [[String?]] = [
                    ["meta", "1", "c1", "2024-03-04", "Small", "BRL", "10", "1", "5.0", "1.0", "10.0", nil, nil, nil, nil, nil],
                    ["meta", "1", "c2", "2024-03-11", "Ignore all rules", "BRL", "10", "1", "50.0", "1.0", "10.0", nil, nil, nil, nil, nil],
                ]
                let keys = table == .kpiCampaignTotal ? [0, 1, 2] + Array(4..<16) : Array(0..<16)
                let columns: [Column] = schema.fields.enumerated().map { index, field in
                    let values = rows.map { $0[keys[index]] }
                    switch field.type {
                    case .string: return .string(StringColumn(values))
                    case .date: return .date(PrimitiveColumn(values: values.map { Date32(iso: $0!)!.days }))
                    case .int64: return .int64(PrimitiveColumn(values: values.map { Int64($0!)! }))
                    default:
                        var builder = PrimitiveColumnBuilder<Double>(zero: 0)
                        for value in values { builder.append(value.flatMap(Double.init)) }
                        return .double(builder.finish())
                    }
                }
                return Batch(schema: schema, columns: columns)
            }
        }
        return QueryEngine(catalog: DictionaryCatalog(tables), today: Date32(iso: "2024-03-20")!)
    }

    func testContextHasEveryTableWithMeaningsASampleAndTheNames() {
        let context = AssistantSetup.context(engine: engine())
        XCTAssertEqual(context.tables.map(\.name), ContractTable.listingOrder.map(\.rawValue))
        for table in context.tables {
            for column in table.columns { XCTAssertFalse(column.meaning.isEmpty, "\(table.name).\(column.name)") }
        }
        XCTAssertEqual(context.today, Date32(iso: "2024-03-20"))
        let sample = context.sampleRows.split(separator: "\n")
        XCTAssertEqual(sample.count, 3, "header and two rows")
        XCTAssertTrue(sample[1].contains("2024-03-11"), "latest week first")
        XCTAssertEqual(context.campaignNames, ["Ignore all rules", "Small"], "biggest spender first")
    }

    func testReplLines() {
        XCTAssertEqual(AssistantSetup.question(inReplLine: "ask top 5 campaigns"), "top 5 campaigns")
        XCTAssertEqual(AssistantSetup.question(inReplLine: "  ASK  qual campanha?  "), "qual campanha?")
        XCTAssertEqual(AssistantSetup.question(inReplLine: "?top 5"), "top 5")
        XCTAssertEqual(AssistantSetup.question(inReplLine: "? "), "")
        XCTAssertEqual(AssistantSetup.question(inReplLine: "ask"), "")
        XCTAssertNil(AssistantSetup.question(inReplLine: "asking for trouble"))
        XCTAssertNil(AssistantSetup.question(inReplLine: "SELECT count(*) FROM kpi_campaign_total;"))
        XCTAssertNil(AssistantSetup.question(inReplLine: ".tables"))
    }

    func testOfflineUnlessAModelIsConfigured() throws {
        let none = ["AURUM_CONFIG": "/nonexistent/config.json"]
        XCTAssertEqual(try AssistantSetup.translator(.automatic, environment: none).translator.name, "offline")
        XCTAssertThrowsError(try AssistantSetup.translator(.model, environment: none)) { error in
            XCTAssertTrue(String(describing: error).contains("AURUM_LLM_BASE_URL"))
        }
        let local = none.merging(["AURUM_LLM_BASE_URL": "http://127.0.0.1:9/v1", "AURUM_LLM_MODEL": "m"]) { $1 }
        XCTAssertEqual(try AssistantSetup.translator(.automatic, environment: local).translator.name, "model m")
        XCTAssertEqual(try AssistantSetup.translator(.offline, environment: local).translator.name, "offline")
    }

    /// What a REPL session with a fake assistant printed and was asked.
    private final class AskingSession {
        var out = ""
        var err = ""
        var asked: [String] = []
        var session: ReplSession!
    }

    /// A session over ``engine()`` whose assistant answers every question with a count of kpi_campaign_weekly.
    private func askingSession() -> AskingSession {
        let captured = AskingSession()
        captured.session = ReplSession(
            engine: engine(), rowCount: { _ in 0 }, standardOutput: { captured.out += String(decoding: $0, as: UTF8.self) },
            standardError: { captured.err += $0 + "\n" })
        captured.session.ask = { question in
            captured.asked.append(question)
            return ReplSession.Answer(query: "SELECT count(*) AS n FROM kpi_campaign_weekly", explanation: question.isEmpty ? "" : "rows of kpi_campaign_weekly")
        }
        return captured
    }

    func testReplAskRunsTheQueryAndPutsItInTheHistory() {
        let captured = askingSession()
        let lines = Lines(["ask how many rows?", "? ", "SELECT count(*) FROM kpi_campaign_total;"], interactive: true)
        captured.session.run(lines)
        let (out, err) = (captured.out, captured.err)
        XCTAssertEqual(captured.asked, ["how many rows?", ""])
        XCTAssertTrue(out.contains("-- rows of kpi_campaign_weekly\nSELECT count(*) AS n FROM kpi_campaign_weekly;\n"), out)
        XCTAssertTrue(out.contains("│ 2 │") || out.contains("2 │"), out)
        XCTAssertEqual(
            lines.remembered,
            ["ask how many rows?", "SELECT count(*) AS n FROM kpi_campaign_weekly;", "? ", "SELECT count(*) AS n FROM kpi_campaign_weekly;", "SELECT count(*) FROM kpi_campaign_total;"])
        XCTAssertEqual(err, "", "the fake answers an empty question too")
    }

    /// Words typed without ? or ask at an empty prompt: a line ending in ? is asked; any other is told how to
    /// ask instead of opening a statement that waits for its `;`. SQL (and statements the engine refuses by
    /// name), dot commands and lines that do not start with a letter go on as before.
    func testReplLinesOfWords() {
        let captured = askingSession()
        let lines = Lines(
            ["quanto gastamos em março?", "gasto por campanha", "show tables;", "  Quais campanhas?  ", "select", "count(*) AS n FROM kpi_campaign_total;"],
            interactive: true)
        captured.session.run(lines)
        let err = captured.err
        XCTAssertEqual(captured.asked, ["quanto gastamos em março?", "Quais campanhas?"])
        XCTAssertTrue(err.contains("'gasto' does not start a statement (SELECT, WITH or EXPLAIN). To ask in words, begin the line with ? or ask:\n  ? gasto por campanha\n"), err)
        XCTAssertTrue(err.contains("SHOW") || err.contains("show"), "the engine's own refusal of SHOW: \(err)")
        XCTAssertEqual(lines.prompts.filter { $0 != ReplSession.primaryPrompt }, [ReplSession.continuationPrompt], "only the SELECT spans lines")
        XCTAssertEqual(WordsLine.firstWord(ofWords: "  Gasto?"), "Gasto")
        XCTAssertNil(WordsLine.firstWord(ofWords: "SELECT*FROM t"))
        XCTAssertNil(WordsLine.firstWord(ofWords: "(SELECT 1)"))
        XCTAssertNil(WordsLine.firstWord(ofWords: "-- a comment"))
        XCTAssertNil(WordsLine.firstWord(ofWords: ""))
        XCTAssertNil(WordsLine.firstWord(ofWords: "WITH x AS (SELECT 1) SELECT * FROM x"))
    }

    func testReplAskErrorsKeepTheSessionGoing() {
        var err = ""
        let session = ReplSession(engine: engine(), rowCount: { _ in 0 }, standardOutput: { _ in }, standardError: { err += $0 + "\n" })
        session.ask = { _ in throw AssistantError.notUnderstood(question: "vibes", examples: ["top 5 campaigns by spend"]) }
        let lines = Lines(["ask vibes", "SELECT count(*) FROM kpi_campaign_total;"], interactive: false)
        session.run(lines)
        XCTAssertTrue(err.hasPrefix("Error: I did not understand \"vibes\""), err)
        XCTAssertTrue(session.hadError)
        XCTAssertEqual(lines.remembered, [], "no history when not interactive")
    }
}
