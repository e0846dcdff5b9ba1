import AurumCore
import AurumQuery
import XCTest

@testable import AurumAssistant

/// The offline translator, concern by concern: synonyms, breakdowns, rankings, filters, averages, tables,
/// refusals, and that every query it writes binds against the real catalogue.
final class OfflineTranslatorTests: XCTestCase {
    private let today = Date32(iso: "2024-04-15")!  // a Monday

    private func intent(_ question: String, names: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> QuestionIntent? {
        do {
            return try OfflineTranslator.intent(question, today: today, campaignNames: names)
        } catch {
            XCTFail("\"\(question)\" refused: \(error)", file: file, line: line)
            return nil
        }
    }

    private func query(_ question: String, names: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> String {
        intent(question, names: names, file: file, line: line).map(QueryComposer.query(for:)) ?? ""
    }

    private func refusal(_ question: String) -> Misunderstanding? {
        do {
            _ = try OfflineTranslator.intent(question, today: today)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Currencies

    private func query(_ question: String, currencies: [String], file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return QueryComposer.query(for: try OfflineTranslator.intent(question, today: today, currencies: currencies))
        } catch {
            XCTFail("\"\(question)\" refused: \(error)", file: file, line: line)
            return ""
        }
    }

    func testMoneyOverSeveralCurrenciesIsGivenPerCurrency() {
        let two = ["BRL", "USD"]
        XCTAssertEqual(
            query("how much did we spend last week?", currencies: two),
            "SELECT currency, sum(spend) AS spend FROM kpi_campaign_daily WHERE date BETWEEN DATE '2024-04-08' AND DATE '2024-04-14' GROUP BY currency ORDER BY currency")
        XCTAssertEqual(
            query("top 5 campaigns by CPA", currencies: two),
            "SELECT campaign_name, currency, sum(spend) / sum(conversions) AS cpa FROM kpi_campaign_total GROUP BY campaign_name, currency HAVING sum(conversions) > 0 "
                + "QUALIFY row_number() OVER (PARTITION BY currency ORDER BY sum(spend) / sum(conversions) DESC NULLS LAST) <= 5 ORDER BY currency, cpa DESC NULLS LAST")
        // A ranking cut to its first N is cut in each currency, never across; in one currency, or without a cut, as before.
        XCTAssertTrue(query("5 campanhas com maior gasto", currencies: two).hasSuffix(
            "QUALIFY row_number() OVER (PARTITION BY currency ORDER BY sum(spend) DESC NULLS LAST) <= 5 ORDER BY currency, spend DESC NULLS LAST"))
        XCTAssertTrue(query("top 5 campaigns by spend in USD", currencies: two).hasSuffix("ORDER BY spend DESC NULLS LAST LIMIT 5"))
        XCTAssertTrue(query("top 5 campaigns by spend", currencies: ["BRL"]).hasSuffix("ORDER BY spend DESC NULLS LAST LIMIT 5"))
        XCTAssertEqual(
            query("gasto semanal", currencies: two),
            "SELECT date_trunc('week', date) AS week, currency, sum(spend) AS spend FROM kpi_campaign_daily GROUP BY date_trunc('week', date), currency ORDER BY week, currency")
        // Every money measure counts, ROAS too (a ratio of two sums that must each stay in one currency).
        for question in ["revenue", "cpc", "cpm", "roas", "ticket médio", "campaigns with spend above 100"] {
            XCTAssertTrue(query(question, currencies: two).contains("GROUP BY") && query(question, currencies: two).contains("currency"), question)
        }
        // No money, or one currency in the data: nothing changes.
        XCTAssertEqual(query("clicks last week", currencies: two), "SELECT sum(clicks) AS clicks FROM kpi_campaign_daily WHERE date BETWEEN DATE '2024-04-08' AND DATE '2024-04-14'")
        XCTAssertEqual(query("total spend", currencies: ["BRL"]), "SELECT sum(spend) AS spend FROM kpi_campaign_total")
    }

    func testCurrencyWordsAreFiltersOrABreakdownNeverFiller() {
        let two = ["BRL", "USD"]
        XCTAssertEqual(query("quanto gastamos em reais?", currencies: two), "SELECT sum(spend) AS spend FROM kpi_campaign_total WHERE currency = 'BRL'")
        XCTAssertEqual(query("spend in USD", currencies: two), "SELECT sum(spend) AS spend FROM kpi_campaign_total WHERE currency = 'USD'")
        XCTAssertEqual(query("gasto em dólares", currencies: two), "SELECT sum(spend) AS spend FROM kpi_campaign_total WHERE currency = 'USD'")
        XCTAssertEqual(query("BRL spend", currencies: two), "SELECT sum(spend) AS spend FROM kpi_campaign_total WHERE currency = 'BRL'")
        XCTAssertEqual(query("spend by currency", currencies: two), "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total GROUP BY currency ORDER BY currency")
        XCTAssertEqual(query("gasto por moeda", currencies: ["BRL"]), "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total GROUP BY currency ORDER BY currency")
        XCTAssertEqual(
            query("spend in BRL and USD", currencies: ["BRL", "EUR", "USD"]),
            "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total WHERE currency IN ('BRL', 'USD') GROUP BY currency ORDER BY currency")
    }

    // MARK: - Synonyms

    func testMeasureSynonymsInEnglishAndPortuguese() {
        let synonyms: [Metric: [String]] = [
            .spend: ["spend", "cost", "investment", "gasto", "investimento", "custo", "Investimento", "GASTOS", "how much did we spend"],
            .impressions: ["impressions", "impressões", "impressoes"],
            .clicks: ["clicks", "cliques"],
            .conversions: ["conversions", "purchases", "compras", "conversões", "conversoes", "vendas"],
            .conversionValue: ["conversion value", "revenue", "receita", "faturamento", "valor de conversão", "valor de conversao"],
            .ctr: ["CTR", "click-through rate", "taxa de cliques"],
            .cpc: ["CPC", "cost per click", "custo por clique"],
            .cpm: ["CPM", "custo por mil impressões"],
            .cpa: ["CPA", "custo por aquisição", "custo por conversão", "cost per acquisition", "cost per conversion"],
            .roas: ["ROAS", "retorno", "return on ad spend", "retorno sobre investimento"],
        ]
        for (metric, words) in synonyms {
            for word in words {
                XCTAssertEqual(intent("\(word) last week")?.metrics, [metric], "\(word)")
            }
        }
    }

    func testBreakdownAndPlatformSynonyms() {
        let breakdowns: [(String, Breakdown)] = [
            ("spend by campaign", .campaign), ("gasto por campanha", .campaign), ("spend by account", .account),
            ("gasto por conta", .account), ("spend by source", .source), ("spend by platform", .source),
            ("gasto por plataforma", .source), ("daily spend", .day), ("gasto por dia", .day), ("gasto diário", .day),
            ("weekly spend", .week), ("gasto por semana", .week), ("gasto semanal", .week), ("spend by month", .month),
            ("gasto por mês", .month), ("gasto mensal", .month), ("spend by ad set", .adset), ("gasto por anúncio", .ad),
        ]
        for (question, breakdown) in breakdowns {
            XCTAssertEqual(intent(question)?.breakdowns, [breakdown], question)
        }
        let platforms: [(String, SourcePlatform)] = [
            ("spend on Meta", .meta), ("spend on Facebook", .meta), ("spend on Google", .google),
            ("gasto no Google Ads", .google), ("GOOGLE spend", .google),
        ]
        for (question, platform) in platforms {
            XCTAssertEqual(intent(question)?.sources, [platform], question)
            XCTAssertTrue(query(question).contains("source = '\(platform.rawValue)'"), question)
        }
        // Both platforms named: compared side by side.
        XCTAssertEqual(intent("Meta vs Google spend")?.breakdowns, [.source])
        XCTAssertEqual(intent("Meta vs Google spend")?.sources, [])
    }

    // MARK: - KPIs, windows, tables

    func testKPIsAreRatiosOfSums() {
        XCTAssertTrue(query("CTR by campaign last week").contains("sum(clicks) / sum(impressions) AS ctr"))
        XCTAssertTrue(query("CPC last week").contains("sum(spend) / sum(clicks) AS cpc"))
        XCTAssertTrue(query("CPM last week").contains("1000 * sum(spend) / sum(impressions) AS cpm"))
        XCTAssertTrue(query("CPA last week").contains("sum(spend) / sum(conversions) AS cpa"))
        XCTAssertTrue(query("ROAS last week").contains("sum(conversion_value) / sum(spend) AS roas"))
        for question in ["average CTR by campaign", "CTR médio por plataforma", "average CPC last month"] {
            XCTAssertFalse(query(question).contains("avg("), question)
            XCTAssertFalse(query(question).contains("ctr)"), question)
        }
    }

    func testWindowsAreLiteralDates() {
        XCTAssertEqual(
            query("spend last 7 days"), "SELECT sum(spend) AS spend FROM kpi_campaign_daily WHERE date BETWEEN DATE '2024-04-08' AND DATE '2024-04-14'")
        XCTAssertTrue(query("gasto nos últimos 30 dias").contains("date BETWEEN DATE '2024-03-16' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("spend last week").contains("DATE '2024-04-08' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("gasto na semana passada").contains("DATE '2024-04-08' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("spend last month").contains("DATE '2024-03-01' AND DATE '2024-03-31'"))
        XCTAssertTrue(query("gasto no mês passado").contains("DATE '2024-03-01' AND DATE '2024-03-31'"))
        XCTAssertTrue(query("gasto este mês").contains("DATE '2024-04-01' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("spend year to date").contains("DATE '2024-01-01' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("gasto no ano").contains("DATE '2024-01-01' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("gasto em março").contains("DATE '2024-03-01' AND DATE '2024-03-31'"))
        XCTAssertTrue(query("spend in March").contains("DATE '2024-03-01' AND DATE '2024-03-31'"))
        XCTAssertTrue(query("gasto em março de 2023").contains("DATE '2023-03-01' AND DATE '2023-03-31'"))
        XCTAssertTrue(query("spend March 2023").contains("DATE '2023-03-01' AND DATE '2023-03-31'"))
        XCTAssertTrue(query("spend between 2024-03-01 and 2024-03-15").contains("DATE '2024-03-01' AND DATE '2024-03-15'"))
        XCTAssertTrue(query("gasto de 01/03/2024 a 15/03/2024").contains("DATE '2024-03-01' AND DATE '2024-03-15'"))
        XCTAssertTrue(query("gasto de 1 a 15 de março").contains("DATE '2024-03-01' AND DATE '2024-03-15'"))
        XCTAssertTrue(query("spend yesterday").contains("DATE '2024-04-14' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("gasto ontem").contains("DATE '2024-04-14' AND DATE '2024-04-14'"))
        XCTAssertTrue(query("spend today").contains("DATE '2024-04-15' AND DATE '2024-04-15'"))
        XCTAssertTrue(query("gasto de janeiro a março").contains("DATE '2024-01-01' AND DATE '2024-03-31'"))
        // Two periods named together are listed, one row each; compared ("vs"), they stand side by side.
        let listed = query("gasto em fevereiro e março")
        XCTAssertTrue(listed.contains("GROUP BY date_trunc('month', date)"), listed)
        XCTAssertTrue(listed.contains("(date BETWEEN DATE '2024-02-01' AND DATE '2024-02-29' OR date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31')"))
        let compared = query("gasto em fevereiro vs março")
        XCTAssertTrue(compared.hasPrefix("SELECT sum(CASE WHEN date BETWEEN DATE '2024-02-01' AND DATE '2024-02-29' THEN spend END) AS spend_2024_02_01, "), compared)
        XCTAssertTrue(compared.contains(" AS spend_change, "), compared)
        XCTAssertTrue(compared.contains(" AS spend_change_fraction FROM kpi_campaign_daily"), compared)
    }

    func testTableChoice() {
        XCTAssertTrue(query("spend by campaign").contains("FROM kpi_campaign_total"))
        XCTAssertTrue(query("spend by campaign last week").contains("FROM kpi_campaign_daily"))
        XCTAssertTrue(query("spend by month").contains("FROM kpi_campaign_daily"))
        XCTAssertTrue(query("spend by ad last week").contains("FROM ad_insights"))
        XCTAssertTrue(query("gasto por conjunto de anúncios").contains("FROM ad_insights GROUP BY adset_id, adset_name"))
        XCTAssertTrue(query("how many ads ran last week").contains("count(DISTINCT ad_id)"))
    }

    func testAverageDailyIsTheTotalOverTheDays() {
        XCTAssertTrue(query("average daily spend last 7 days").contains("sum(spend) / 7 AS average_daily_spend"))
        XCTAssertTrue(query("gasto médio diário em março").contains("sum(spend) / 31"))
        XCTAssertTrue(query("média diária de cliques na semana passada").contains("sum(clicks) / 7"))
        XCTAssertTrue(query("average daily spend by week in March").contains("sum(spend) / count(DISTINCT date)"))
        XCTAssertTrue(query("average daily spend").contains("sum(spend) / count(DISTINCT date)"))
        XCTAssertEqual(refusal("average spend last month"), .averageOfTotal)
    }

    // MARK: - Rankings

    func testRankingDirection() throws {
        func ranking(_ question: String) -> QuestionIntent.Ranking? { intent(question)?.ranking }
        XCTAssertEqual(ranking("top 5 campaigns by CPA last 30 days"), .init(metric: .cpa, descending: true, limit: 5))
        XCTAssertEqual(ranking("bottom 3 campaigns by CTR"), .init(metric: .ctr, descending: false, limit: 3))
        XCTAssertEqual(ranking("5 piores campanhas por ROAS"), .init(metric: .roas, descending: false, limit: 5))
        XCTAssertEqual(ranking("5 melhores campanhas por ROAS"), .init(metric: .roas, descending: true, limit: 5))
        // Lower is better for costs.
        XCTAssertEqual(ranking("which campaign had the best CPA last week"), .init(metric: .cpa, descending: false, limit: 1))
        XCTAssertEqual(ranking("qual campanha teve o pior CPA"), .init(metric: .cpa, descending: true, limit: 1))
        XCTAssertEqual(ranking("qual conta teve o melhor CPC"), .init(metric: .cpc, descending: false, limit: 1))
        XCTAssertEqual(ranking("melhor CPC por conta"), .init(metric: .cpc, descending: false, limit: nil))
        XCTAssertEqual(ranking("qual campanha teve o melhor ROAS em março?"), .init(metric: .roas, descending: true, limit: 1))
        XCTAssertEqual(ranking("qual campanha gastou mais"), .init(metric: .spend, descending: true, limit: 1))
        XCTAssertEqual(ranking("qual plataforma gastou menos"), .init(metric: .spend, descending: false, limit: 1))
        XCTAssertEqual(ranking("which campaigns had the highest ROAS"), .init(metric: .roas, descending: true, limit: nil))
        XCTAssertEqual(ranking("top five campaigns by clicks"), .init(metric: .clicks, descending: true, limit: 5))
        XCTAssertEqual(ranking("show clicks and CTR for the top 3 campaigns by spend"), .init(metric: .spend, descending: true, limit: 3))
        XCTAssertEqual(ranking("the 3 cheapest campaigns by CPC"), .init(metric: .cpc, descending: false, limit: 3))
    }

    func testRankingByARatioLeavesOutZeroDenominators() {
        let text = query("top 5 campaigns by ROAS last month")
        XCTAssertTrue(text.hasSuffix("GROUP BY campaign_name HAVING sum(spend) > 0 ORDER BY roas DESC NULLS LAST LIMIT 5"), text)
        XCTAssertTrue(query("5 campanhas com menor CPA").contains("HAVING sum(conversions) > 0 ORDER BY cpa ASC NULLS LAST LIMIT 5"))
        XCTAssertFalse(query("top 5 campaigns by spend").contains("HAVING"))
    }

    func testSeriesAreOrderedByPeriod() {
        XCTAssertTrue(query("daily spend last week").hasSuffix("GROUP BY date ORDER BY date"))
        XCTAssertTrue(query("spend by source and month").hasSuffix("ORDER BY month, source"))
    }

    // MARK: - Filters

    func testCampaignNameFilterQuotesAndEscapes() {
        XCTAssertTrue(query("spend of campaigns with 'Black Friday' in the name").contains("campaign_name ILIKE '%Black Friday%'"))
        XCTAssertTrue(query("gasto das campanhas que contêm \"Natal\"").contains("campaign_name ILIKE '%Natal%'"))
        XCTAssertTrue(query("gasto das campanhas que contêm “Natal”").contains("campaign_name ILIKE '%Natal%'"))
        // A quote inside the name is doubled in the literal.
        let apostrophe = query("spend of campaigns with 'Mother's Day' in the name")
        XCTAssertTrue(apostrophe.contains("campaign_name ILIKE '%Mother''s Day%'"), apostrophe)
        let doubleQuoted = query("spend of campaigns named \"O'Brien's\" last week")
        XCTAssertTrue(doubleQuoted.contains("ILIKE '%O''Brien''s%'"), doubleQuoted)
        XCTAssertTrue(query("spend by campaign not containing 'Search'").contains("coalesce(campaign_name, '') NOT ILIKE '%Search%'"))
    }

    func testUnquotedNamesMatchKnownCampaigns() {
        let names = ["Dia das Mães 💐 | Kits, Perfumes", "Black Friday | Conversões | Escala"]
        XCTAssertEqual(intent("quanto gastou a campanha Dia das Maes em abril", names: names)?.nameFilters, ["Dia%das%Mães"])
        let blackFriday = intent("conversões da campanha black friday", names: names)
        XCTAssertEqual(blackFriday?.nameFilters, ["Black%Friday"])
        XCTAssertEqual(blackFriday?.metrics, [.conversions])
        // Not a known name: refused rather than dropped.
        XCTAssertEqual(refusal("spend of the Carnival campaign"), .unplacedWords(["Carnival"]))
    }

    func testAccountAndExclusionFilters() {
        XCTAssertTrue(query("spend for account 628724671705209 last week").contains("account_id = '628724671705209'"))
        XCTAssertTrue(query("gasto por campanha exceto Google").contains("source <> 'google'"))
        XCTAssertTrue(query("campaigns with no conversions last month").hasSuffix("HAVING sum(conversions) = 0 ORDER BY campaign_name"))
        XCTAssertTrue(query("campanhas com CPA acima de 50").contains("HAVING sum(spend) / sum(conversions) > 50"))
        XCTAssertTrue(query("campaigns with CTR below 1%").contains("HAVING sum(clicks) / sum(impressions) < 0.01"))
    }

    // MARK: - Refusals

    func testRefusesNonsenseAndHalfUnderstoodQuestions() async {
        XCTAssertEqual(refusal(""), .empty)
        XCTAssertEqual(refusal("bake me a chocolate cake"), .unplacedWords(["bake", "chocolate cake"]))
        XCTAssertEqual(refusal("top 5 campaigns by frobnication last week"), .unplacedWords(["frobnication"]))
        XCTAssertEqual(refusal("spend by colour last week"), .unplacedWords(["colour"]))
        XCTAssertEqual(refusal("top 5 campaigns last month"), .noMeasure)
        XCTAssertEqual(refusal("best campaign by ROAS each month"), .rankingPerPeriod)
        XCTAssertEqual(refusal("spend last week and last 30 days"), .conflictingWindows)
        XCTAssertEqual(refusal("spend between 2024-03-10 and 2024-03-01"), .impossibleWindow)
        XCTAssertEqual(refusal("gasto em 31/02/2024"), .unplacedWords(["31/02/2024"]))
        XCTAssertEqual(refusal("spend 17 campaigns"), .strayNumber(17))
        XCTAssertEqual(refusal("gasto por hora"), .unplacedWords(["hour"]))
        XCTAssertEqual(refusal("spend on Meta but not on Meta"), .conflictingSources)

        do {
            _ = try await OfflineTranslator().translate(
                "top 5 campaigns by frobnication", context: TranslationContext(tables: [], today: today), previousAttempt: nil)
            XCTFail("translated a question it does not understand")
        } catch {
            guard case .notUnderstood(let question, let examples, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(question, "top 5 campaigns by frobnication")
            XCTAssertGreaterThanOrEqual(examples.count, 5)
            XCTAssertEqual(Array(examples.prefix(5)), OfflineExamples.english)
            XCTAssertTrue(error.description.hasPrefix("I did not understand \"top 5 campaigns by frobnication\""), error.description)
        }
        do {
            _ = try await OfflineTranslator().translate(
                "quais campanhas tiveram o melhor frobnicador?", context: TranslationContext(tables: [], today: today), previousAttempt: nil)
            XCTFail("translated a question it does not understand")
        } catch {
            guard case .notUnderstood(_, let examples, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(Array(examples.prefix(5)), OfflineExamples.portuguese)
            // The whole refusal is in the question's language, its first words too.
            XCTAssertTrue(error.description.hasPrefix("Não entendi \"quais campanhas tiveram o melhor frobnicador?\""), error.description)
            XCTAssertTrue(error.description.contains("Exemplos de perguntas que entendo:"), error.description)
        }
    }

    /// The examples a refusal shows are themselves understood.
    func testRefusalExamplesAreUnderstood() {
        for example in OfflineExamples.english + OfflineExamples.portuguese {
            XCTAssertNotNil(intent(example), example)
        }
    }

    // MARK: - Against the real catalogue

    func testEveryQueryBindsAgainstTheSampleCatalogue() async throws {
        let engine = try SampleData.engine(today: today)
        let context = Evaluation.context(for: engine)
        let questions = [
            "top 5 campaigns by CPA last 30 days", "qual campanha teve o melhor ROAS em março?", "5 piores campanhas por ROAS",
            "spend, clicks, impressions, conversions, revenue, CTR, CPC, CPM, CPA and ROAS by week this year",
            "average daily spend by campaign on Meta last week", "gasto por conjunto de anúncios no Google em março",
            "how many campaigns by platform", "campanhas sem conversões no mês passado", "Meta vs Google ROAS in Q1 2024",
            "conversion rate and average order value by account", "gasto em fevereiro vs março por plataforma",
            "spend of campaigns with \"it's\" in the name", "quanto gastou a campanha Dia das Mães em abril",
            "top 3 ads by CTR yesterday", "weekly spend for account 628724671705209 since 2024-02-01",
        ]
        for question in questions {
            let translation = try await OfflineTranslator().translate(question, context: context, previousAttempt: nil)
            XCTAssertNoThrow(try engine.prepare(translation.query), "\(question) → \(translation.query)")
            XCTAssertFalse(translation.explanation.isEmpty)
        }
    }
}
