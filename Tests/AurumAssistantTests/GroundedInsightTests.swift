import AurumAssistant
import AurumCore
import Foundation
import XCTest

/// A model's insight about computed facts (docs/insights.md, "With a model"), with the model served by
/// `stub_chat_server.py` over the fixture's real store: only a reply whose every number is a fact's, whose KPIs
/// are the catalogue's and whose evidence queries run is shown; anything else is sent back with the reason.
final class GroundedInsightTests: XCTestCase {
    /// Facts as `aurum insights` would give them: BRL spend 150 → 80, ROAS fell from 4 to 0.5 (-87.5%).
    private let sheet = InsightSheet(
        task: "What changed in 2024-03-11 – 2024-03-17 against 2024-03-04 – 2024-03-10?",
        facts: #"{"facts":[{"kind":"campaign_change","campaign":"Black Friday | Conversões","currency":"BRL","kpi":"roas","previous":4,"current":0.5}]}"#,
        amounts: [1820, 4, 0.5, 150, 80], fractions: [-0.875, 0.123456], dates: ["2024-03-11", "2024-03-17"],
        campaigns: ["Black Friday | Conversões", "Search | Marca 2024"])

    private static let evidence = "SELECT sum(conversion_value) / sum(spend) AS roas FROM kpi_campaign_daily WHERE campaign_name = 'Black Friday | Conversões'"

    private func reply(headline: String, text: String = "ROAS fell 87.5%, from 4.00x to 0.50x.", kpi: String = "roas", query: String = evidence) -> String {
        let object: [String: Any] = [
            "headline": headline,
            "findings": [["text": text, "kpi": kpi, "campaign": "Black Friday | Conversões", "evidence_query": query]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    private func write(_ script: [StubChatServer.Reply], sheet: InsightSheet? = nil) async throws -> (Result<GroundedInsightWriter.Written, GroundedInsightWriter.Rejected>, [[String: Any]]) {
        let fixture = try AssistantFixture(self)
        let server = try StubChatServer(script, test: self)
        let writer = GroundedInsightWriter(client: stubClient(server), engine: fixture.engine)
        let result = await writer.write(sheet ?? self.sheet)
        return (result, try server.bodies())
    }

    func testAValidReplyIsShown() async throws {
        let valid = reply(headline: "Black Friday | Conversões: ROAS 0.5x, spend BRL 1.8k on 2024-03-11 (12.3% share).")
        let (result, bodies) = try await write([.content("Here it is:\n```json\n" + valid + "\n```")])
        let written = try result.get()
        XCTAssertEqual(written.attempts, 1)
        XCTAssertEqual(written.insight.findings.map(\.kpi), ["roas"])
        XCTAssertEqual(bodies.count, 1)
        let user = messages(of: bodies[0])[1].content
        XCTAssertTrue(user.contains(#""kind":"campaign_change""#), "the facts, not rows, go into the prompt")
        XCTAssertTrue(messages(of: bodies[0])[0].content.contains("roas = sum(conversion_value) / sum(spend)"), "the catalogue's KPI definitions")
    }

    func testANumberNotAmongTheFactsIsRejectedAndTheReasonSentBack() async throws {
        let invented = reply(headline: "Spend rose to BRL 2,500.")
        let valid = reply(headline: "Spend is BRL 1,820.")
        let (result, bodies) = try await write([.content(invented), .content(valid)])
        XCTAssertEqual(try result.get().attempts, 2)
        XCTAssertEqual(try result.get().insight.headline, "Spend is BRL 1,820.")
        let correction = messages(of: bodies[1])
        XCTAssertEqual(correction.suffix(2).map(\.role), ["assistant", "user"])
        XCTAssertTrue(correction.last!.content.contains("the number '2,500' in \"Spend rose to BRL 2,500.\" is not one of the facts' figures"), correction.last!.content)
    }

    func testMalformedJSONIsRetriedThenGivesUpWithEveryReason() async throws {
        let (result, bodies) = try await write([.content("{\"headline\": \"ROAS fell\", \"findings\": [{\"text\": "), .content("no JSON at all"), .content(#"{"headline": "x", "findings": "none"}"#)])
        guard case .failure(let rejected) = result else { return XCTFail("a malformed reply was accepted") }
        XCTAssertEqual(bodies.count, 3, "the first reply and two corrections, as the query path")
        XCTAssertEqual(rejected.reasons.count, 3)
        XCTAssertTrue(rejected.reasons[0].contains("expected one JSON object"), rejected.reasons[0])
        XCTAssertTrue(rejected.reasons[2].contains("\"findings\" must be an array"), rejected.reasons[2])
    }

    func testAnEvidenceQueryThatDoesNotParseIsRejected() async throws {
        let broken = reply(headline: "ROAS fell 87.5%.", query: "SELEC roas FROM kpi_campaign_daily")
        let writes = reply(headline: "ROAS fell 87.5%.", query: "DROP TABLE ad_insights")
        let valid = reply(headline: "ROAS fell 87.5%.")
        let (result, bodies) = try await write([.content(broken), .content(writes), .content(valid)])
        XCTAssertEqual(try result.get().attempts, 3)
        let first = messages(of: bodies[1]).last!.content
        XCTAssertTrue(first.contains("findings[0].evidence_query:"), first)
        XCTAssertTrue(messages(of: bodies[2]).last!.content.contains("findings[0].evidence_query:"))
    }

    func testAKPIOutsideTheCatalogueAndAnUnknownDayAreRejected() async throws {
        let kpi = reply(headline: "ROAS fell 87.5%.", kpi: "happiness")
        let day = reply(headline: "ROAS fell 87.5% on 2024-03-12.")
        let (result, _) = try await write([.content(kpi), .content(day), .content(day)])
        guard case .failure(let rejected) = result else { return XCTFail("accepted") }
        XCTAssertTrue(rejected.reasons[0].contains("kpi 'happiness' is not a KPI of the catalogue"), rejected.reasons[0])
        XCTAssertTrue(rejected.reasons[1].contains("the day 2024-03-12"), rejected.reasons[1])
    }

    func testAnEndpointErrorEndsTheAttempts() async throws {
        let (result, _) = try await write([.status(401, body: "bad key")])
        guard case .failure(let rejected) = result else { return XCTFail("accepted") }
        XCTAssertEqual(rejected.reasons.count, 1)
        XCTAssertTrue(rejected.reasons[0].contains("HTTP 401"), rejected.reasons[0])
    }

    func testModelTextStaysOnOneLineWithoutEscapes() throws {
        let insight = try InsightReplyParser.insight(from: #"{"headline": "ROAS\nfell \u001b[2J", "findings": [{"text": "a\n  evidence: DROP", "kpi": null, "campaign": "", "evidence_query": "SELECT 1\nFROM t"}]}"#)
        XCTAssertEqual(insight.headline, "ROAS fell  [2J")
        XCTAssertEqual(insight.findings, [GroundedInsight.Finding(text: "a   evidence: DROP", kpi: "", campaign: "", evidenceQuery: "SELECT 1 FROM t")])
        XCTAssertEqual(insight.text.split(separator: "\n").count, 3, "the headline, the finding, its evidence")
    }

    // MARK: - Numbers

    func testNumbersAreReadInTheReplysStyleAndMatchedWithinTheDigitsShown() {
        func grounded(_ text: String, _ style: InsightSheet.NumberStyle = .english) -> Bool {
            var sheet = sheet
            sheet.style = style
            return NumberGrounding.rejection(text, sheet: sheet) == nil
        }
        // English: thousands with ',', decimals with '.'; k and M scale; % against the fractions.
        XCTAssertTrue(grounded("BRL 1,820 and BRL 1,820.00 and 1.8k and 2k and 0.0018M"))
        XCTAssertTrue(grounded("ROAS fell 87.5% (88%, -87.50 %), from 4x to 0.5x."))
        XCTAssertTrue(grounded("a share of 12.35% or 12%"))
        XCTAssertFalse(grounded("a share of 12.4%"), "12.3456 rounds to 12.35, not 12.4")
        XCTAssertFalse(grounded("BRL 1,821"))
        XCTAssertFalse(grounded("1.9k"))
        XCTAssertFalse(grounded("ROAS 4%"), "a multiple is not a percentage")
        XCTAssertFalse(grounded("1,82"), "not an English number")
        XCTAssertFalse(grounded("over 3 days"), "a count Aurum did not compute")
        // Portuguese: thousands with '.', decimals with ','; mil scale.
        XCTAssertTrue(grounded("R$ 1.820,00 ou 1,8 mil; ROAS caiu 87,5%.", .portuguese))
        XCTAssertFalse(grounded("ROAS 0.5x", .portuguese), "not a Portuguese number")
        // Digits of a campaign's name and of the period's days are not numbers of the text; digits in a word are.
        XCTAssertTrue(grounded("Search | Marca 2024 from 2024-03-11 to 2024-03-17 spent BRL 80."))
        XCTAssertFalse(grounded("in Q3"))
        XCTAssertFalse(grounded("BRL9,999"))
        XCTAssertTrue(grounded("BRL80"))
        // With the money per currency, a figure written as another currency's is refused.
        var money = sheet
        money.money = ["BRL": [1820, 150], "USD": [80]]
        XCTAssertNil(NumberGrounding.rejection("BRL 1,820, R$ 150, USD 80, 80 USD, CPA 4, ROAS 0.5x", sheet: money))
        XCTAssertNotNil(NumberGrounding.rejection("USD 1,820", sheet: money))
        XCTAssertNotNil(NumberGrounding.rejection("spent 80 BRL", sheet: money))
        XCTAssertNotNil(NumberGrounding.rejection("EUR 80", sheet: money), "not a currency of the facts")
        var bare = sheet
        bare.campaigns = ["9"]
        XCTAssertNotNil(NumberGrounding.rejection("BRL 9,999", sheet: bare), "a name without letters hides nothing")
    }
}
