import AurumCore
import AurumQuery
import XCTest

@testable import AurumAssistant

/// The rule that matters most: a word that narrows or groups the data (a platform, a currency, a campaign-name
/// phrase, an account, a device, a country) is never dropped. Each question below is one the translator reads
/// whole, with one such word planted that it does not know; every one must be refused, and the refusal must name
/// the planted word (issue 14). The questions run against the sample's real context (its campaign names and its
/// two currencies), so a planted word is not rescued by a name either.
final class NeverDropTests: XCTestCase {
    /// Narrowing words the translator does not know, English then Portuguese.
    static let englishWords = ["TikTok", "Bing", "LinkedIn", "remarketing", "prospecting", "mobile", "Android", "Chile", "Instagram", "carousel"]
    static let portugueseWords = ["TikTok", "Pinterest", "remarketing", "prospecção", "celular", "iPhone", "Nordeste", "vídeo", "institucionais", "Kwai"]

    static let englishTemplates = [
        "spend on {w} campaigns last month", "total spend for {w} last quarter", "top 5 {w} campaigns by ROAS",
        "clicks from {w} in March", "CPA of {w} ads last week",
    ]
    static let portugueseTemplates = [
        "gasto em campanhas de {w} no mês passado", "quanto gastamos com {w} em março", "top 5 campanhas {w} por ROAS",
        "cliques no {w} na semana passada", "CPA dos anúncios de {w} ontem",
    ]

    /// 100 questions: every word in every template of its language.
    static var questions: [(question: String, word: String)] {
        var result: [(String, String)] = []
        for (words, templates) in [(englishWords, englishTemplates), (portugueseWords, portugueseTemplates)] {
            for word in words {
                for template in templates { result.append((template.replacingOccurrences(of: "{w}", with: word), word)) }
            }
        }
        return result
    }

    func testEveryPlantedNarrowingWordIsRefusedByName() async throws {
        let engine = try SampleData.engine(today: "2024-04-15")
        let context = Evaluation.context(for: engine)
        XCTAssertGreaterThan(context.campaignNames.count, 10, "the sample's names are part of the test")
        let questions = Self.questions
        XCTAssertEqual(questions.count, 100)
        for (question, word) in questions {
            do {
                let translation = try await OfflineTranslator().translate(question, context: context, previousAttempt: nil)
                XCTFail("\"\(question)\" answered without '\(word)': \(translation.query)")
            } catch {
                guard case .notUnderstood(_, _, let reason) = error else {
                    XCTFail("\"\(question)\": \(error)")
                    continue
                }
                XCTAssertTrue(reason.contains(word), "\"\(question)\" refused without naming '\(word)': \(reason)")
            }
        }
    }

    /// Without the planted word each template is understood: the refusal is the planted word's doing.
    func testTheTemplatesAreUnderstoodWithoutThePlantedWord() throws {
        let today = Date32(iso: "2024-04-15")!
        for template in Self.englishTemplates + Self.portugueseTemplates {
            let plain = template.replacingOccurrences(of: "{w} ", with: "").replacingOccurrences(of: " de {w}", with: "")
                .replacingOccurrences(of: " com {w}", with: "").replacingOccurrences(of: " no {w}", with: "")
                .replacingOccurrences(of: " for {w}", with: "").replacingOccurrences(of: " from {w}", with: "")
                .replacingOccurrences(of: " of {w}", with: "")
            XCTAssertFalse(plain.contains("{w}"), plain)
            XCTAssertNoThrow(try OfflineTranslator.intent(plain, today: today), plain)
        }
    }

    /// The three wrong answers with exit 0 that issue 14 found, now right: a currency mark is a filter, a known
    /// name phrase made of lexicon words ("Performance Max") is a filter, and a named group is one total.
    func testTheThreeKnownWrongAnswers() throws {
        let today = Date32(iso: "2024-04-15")!
        let names = ["Performance Max | Loja Virtual", "Search | Marca + Produto", "Remarketing | Carrinho", "Remarketing | Visitantes"]
        func query(_ question: String) throws -> String {
            QueryComposer.query(for: try OfflineTranslator.intent(question, today: today, campaignNames: names, currencies: ["BRL", "USD"]))
        }
        XCTAssertEqual(
            try query("gasto acima de R$ 20 mil por campanha"),
            "SELECT campaign_name, sum(spend) AS spend FROM kpi_campaign_total WHERE currency = 'BRL' GROUP BY campaign_name HAVING sum(spend) > 20000 ORDER BY spend DESC NULLS LAST")
        XCTAssertTrue(try query("spend in US$ last month").contains("currency = 'USD'"))
        XCTAssertThrowsError(try query("spend above $1,000 by campaign"), "a bare $ names no one currency") { error in
            XCTAssertEqual(error as? Misunderstanding, .unplacedWords(["above $ 1,000"]))
        }
        XCTAssertEqual(
            try query("spend on Performance Max campaigns last quarter"),
            "SELECT currency, sum(spend) AS spend FROM kpi_campaign_daily WHERE date BETWEEN DATE '2024-01-01' AND DATE '2024-03-31' AND campaign_name ILIKE '%Performance%Max%' GROUP BY currency ORDER BY currency")
        XCTAssertEqual(
            try query("total spend on remarketing campaigns"),
            "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total WHERE campaign_name ILIKE '%Remarketing%' GROUP BY currency ORDER BY currency")
        // Asked per campaign, listed per campaign.
        XCTAssertTrue(try query("spend per remarketing campaign").hasPrefix("SELECT campaign_name, currency"))
        let which = try query("which remarketing campaigns spent the most")
        XCTAssertTrue(which.hasPrefix("SELECT campaign_name, currency"), which)
        // Two groups: one total each, never one total of both.
        XCTAssertEqual(
            try query("Search vs Performance Max spend"),
            "SELECT CASE WHEN campaign_name ILIKE '%Search%' THEN 'Search' WHEN campaign_name ILIKE '%Performance%Max%' THEN 'Performance Max' END AS campaign_group, currency, sum(spend) AS spend FROM kpi_campaign_total WHERE (campaign_name ILIKE '%Search%' OR campaign_name ILIKE '%Performance%Max%') GROUP BY CASE WHEN campaign_name ILIKE '%Search%' THEN 'Search' WHEN campaign_name ILIKE '%Performance%Max%' THEN 'Performance Max' END, currency ORDER BY spend DESC NULLS LAST")
        // Groups that share a campaign would count it once, in the first: refused.
        XCTAssertThrowsError(try query("Search vs Marca spend")) { error in
            XCTAssertEqual(error as? Misunderstanding, .overlappingGroups("Search", "Marca"))
        }
    }

    /// The refusal says what was understood and what was not, in the question's language.
    func testTheRefusalSaysWhatWasUnderstood() {
        let today = Date32(iso: "2024-04-15")!
        func reason(_ question: String) -> String {
            guard case .failure(let misunderstanding) = OfflineTranslator().interpret(question, context: TranslationContext(tables: [], today: today)) else {
                return "answered"
            }
            return RefusalReason.text(question: question, misunderstanding: misunderstanding, campaignNames: [])
        }
        XCTAssertEqual(reason("spend last quarter on the TikTok account"), "I understood 'spend', 'last quarter', 'account', but not 'TikTok'")
        XCTAssertEqual(reason("gasto no trimestre passado em vídeo curto"), "entendi 'gasto', 'trimestre passado', mas não 'vídeo curto'")
    }
}
