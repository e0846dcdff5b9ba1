import AurumAssistant
import XCTest

final class ReplyParserTests: XCTestCase {
    private let query = "SELECT campaign_name, sum(spend) FROM kpi_campaign_daily GROUP BY 1"

    private func parse(_ reply: String) throws -> Translation {
        try ReplyParser.translation(from: reply)
    }

    func testPlainJSON() throws {
        XCTAssertEqual(try parse(#"{"query": "\#(query)", "explanation": "spend"}"#), Translation(query: query, explanation: "spend"))
        XCTAssertEqual(try parse(#"  {"Query": "\#(query)"}  "#).query, query, "key case and a missing explanation")
    }

    func testFencedJSON() throws {
        XCTAssertEqual(try parse("```json\n{\"query\": \"\(query)\", \"explanation\": \"x\"}\n```").query, query)
        XCTAssertEqual(try parse("```\n{\"query\": \"\(query)\"}\n```").query, query)
        XCTAssertEqual(try parse("```json\n{\"query\": \"\(query)\"}").query, query, "an unclosed fence")
    }

    func testProseAroundJSON() throws {
        let reply = "Here you go {not json} and then {\"query\": \"\(query) -- a } brace\", \"explanation\": \"with {braces}\"} done."
        let translation = try parse(reply)
        XCTAssertEqual(translation.query, query + " -- a } brace")
        XCTAssertEqual(translation.explanation, "with {braces}")
    }

    func testSQLFenceLastResort() throws {
        XCTAssertEqual(try parse("The query:\n```sql\n\(query)\n```"), Translation(query: query, explanation: ""))
        XCTAssertEqual(try parse("```sql\n-- spend\n\(query)\n```").query, "-- spend\n" + query)
    }

    func testNotUsable() {
        for reply in ["", "   ", "I don't know.", "```sql\nDROP TABLE x\n```", "{\"answer\": 42}", "[1, 2]"] {
            XCTAssertThrowsError(try parse(reply), reply) { error in
                guard case .malformedReply = error as? AssistantError else { return XCTFail("\(error)") }
            }
        }
    }

    func testEmptyQueryCarriesTheModelsReason() {
        XCTAssertThrowsError(try parse(#"{"query": "", "explanation": "there is no weather table"}"#)) { error in
            XCTAssertEqual(error as? AssistantError, .malformedReply("the model gave no query: there is no weather table"))
        }
    }
}
