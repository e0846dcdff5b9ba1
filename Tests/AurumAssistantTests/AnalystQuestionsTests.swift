import AurumCore
import XCTest

@testable import AurumAssistant

/// The categories issue 14 added to the offline translator, piece by piece: periods compared, shares, first and
/// last days, data quality, numbers as analysts write them, exclusions, and the line of what a query computes.
final class AnalystQuestionsTests: XCTestCase {
    private let today = Date32(iso: "2024-04-15")!  // a Monday
    private let names = ["Search | Marca", "Performance Max | Loja", "Black Friday | Escala", "Shopping | Eletrônicos"]

    private func intent(_ question: String, file: StaticString = #filePath, line: UInt = #line) -> QuestionIntent? {
        do {
            return try OfflineTranslator.intent(question, today: today, campaignNames: names, currencies: ["BRL", "USD"])
        } catch {
            XCTFail("\"\(question)\" refused: \(error)", file: file, line: line)
            return nil
        }
    }

    private func query(_ question: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        intent(question, file: file, line: line).map(QueryComposer.query(for:)) ?? ""
    }

    private func refusal(_ question: String) -> Misunderstanding? {
        do {
            _ = try OfflineTranslator.intent(question, today: today, campaignNames: names, currencies: ["BRL", "USD"])
            return nil
        } catch {
            return error
        }
    }

    func testPeriodsComparedSideBySideWithTheChange() {
        let march = "date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31'"
        let february = "date BETWEEN DATE '2024-02-01' AND DATE '2024-02-29'"
        let (before, after) = ("sum(CASE WHEN \(february) THEN clicks END)", "sum(CASE WHEN \(march) THEN clicks END)")
        XCTAssertEqual(
            query("clicks in March vs February"),
            "SELECT \(before) AS clicks_2024_02_01, \(after) AS clicks_2024_03_01, (\(after)) - (\(before)) AS clicks_change, "
                + "((\(after)) - (\(before))) / (\(before)) AS clicks_change_fraction FROM kpi_campaign_daily WHERE (\(february) OR \(march))")
        // One period and a change word: against the period before it.
        XCTAssertEqual(intent("did CPC go up or down last month?")?.windows.map(\.description), ["2024-02-01..2024-02-29", "2024-03-01..2024-03-31"])
        XCTAssertEqual(intent("variação do CTR na semana passada")?.windows.map(\.description), ["2024-04-01..2024-04-07", "2024-04-08..2024-04-14"])
        XCTAssertEqual(intent("clicks last week vs the week before")?.windows.map(\.description), ["2024-04-01..2024-04-07", "2024-04-08..2024-04-14"])
        XCTAssertEqual(intent("variação do faturamento do 4º para o 1º trimestre")?.windows.map(\.description), ["2023-10-01..2023-12-31", "2024-01-01..2024-03-31"])
        // Ranked by the change (within each currency).
        XCTAssertTrue(query("which campaigns grew spend the most week over week?").hasSuffix("GROUP BY campaign_name, currency ORDER BY currency, spend_change DESC NULLS LAST"))
        // Not with a period breakdown, a condition, or nothing to compare.
        XCTAssertEqual(refusal("weekly spend March vs February"), .comparisonTooComplex)
        XCTAssertEqual(refusal("how did CPC change?"), .changeWithoutPeriod)
        XCTAssertEqual(refusal("spend on Search campaigns vs last month"), .nothingCompared)
    }

    /// "Is ROAS improving?": per week against the week before, judged by the catalogue's better direction.
    func testTrendIsJudgedByTheBetterDirection() {
        let roas = query("is ROAS improving?")
        XCTAssertTrue(roas.hasPrefix("WITH weekly AS (SELECT date_trunc('week', date) AS week, currency, sum(conversion_value) / sum(spend) AS roas FROM kpi_campaign_daily WHERE date BETWEEN DATE '2024-03-11' AND DATE '2024-04-14' "), roas)
        XCTAssertTrue(roas.contains("CASE WHEN w.roas > p.roas THEN 'improved' WHEN w.roas < p.roas THEN 'worsened' WHEN w.roas = p.roas THEN 'unchanged' END AS roas_trend"), roas)
        XCTAssertTrue(roas.contains("LEFT JOIN weekly AS p ON p.week = w.week - 7 AND coalesce(p.currency, '') = coalesce(w.currency, '') WHERE w.week >= DATE '2024-03-18'"), roas)
        // Less CPA is better; the labels are in the question's language.
        XCTAssertTrue(query("o CPA está melhorando?").contains("CASE WHEN w.cpa > p.cpa THEN 'piorou' WHEN w.cpa < p.cpa THEN 'melhorou' WHEN w.cpa = p.cpa THEN 'igual' END AS cpa_trend"))
        // With a period: the period against the one before, with the trend beside the change.
        XCTAssertEqual(intent("did ROAS improve last month?")?.trend, .comparison)
        XCTAssertTrue(query("did ROAS improve last month?").hasSuffix("THEN 'unchanged' END AS roas_trend FROM kpi_campaign_daily WHERE (date BETWEEN DATE '2024-02-01' AND DATE '2024-02-29' OR date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31') GROUP BY currency ORDER BY currency"))
        // Ranked: the most improved first (CPA falling), or the most worsened first.
        XCTAssertEqual(intent("which campaigns improved CPA the most last month?")?.ranking?.descending, false)
        XCTAssertEqual(intent("which campaigns improved ROAS the most last month?")?.ranking?.descending, true)
        XCTAssertEqual(intent("quais campanhas mais pioraram o CPA no mês passado?")?.ranking?.descending, true)
        // Spend has no better direction; a weekly trend is not ranked.
        XCTAssertEqual(refusal("is spend improving?"), .noBetterDirection("spend"))
        XCTAssertEqual(refusal("which campaign is improving ROAS the most?"), .rankingPerPeriod)
        // The reason is in the question's language.
        XCTAssertTrue(RefusalReason.text(question: "o gasto está melhorando?", misunderstanding: .noBetterDirection("spend"), campaignNames: []).hasPrefix("gasto não fica melhor nem pior"))
        XCTAssertTrue(RefusalReason.text(question: "is spend improving?", misunderstanding: .noBetterDirection("spend"), campaignNames: []).hasPrefix("spend is neither better nor worse"))
    }

    func testThePeriodBefore() {
        func previous(_ first: String, _ last: String) -> String {
            PeriodComparison.previous(DateWindow(first: Date32(iso: first)!, last: Date32(iso: last)!)).description
        }
        XCTAssertEqual(previous("2024-03-01", "2024-03-31"), "2024-02-01..2024-02-29")
        XCTAssertEqual(previous("2024-01-01", "2024-03-31"), "2023-10-01..2023-12-31")
        XCTAssertEqual(previous("2024-04-01", "2024-04-14"), "2024-03-01..2024-03-14")  // month to date
        XCTAssertEqual(previous("2024-03-31", "2024-03-31"), "2024-03-30..2024-03-30")
        XCTAssertEqual(previous("2024-04-08", "2024-04-14"), "2024-04-01..2024-04-07")
    }

    func testSharesOfATotal() {
        XCTAssertEqual(
            query("what share of spend went to Google?"),
            "SELECT currency, sum(CASE WHEN (source = 'google') THEN spend ELSE 0 END) AS spend_part, sum(spend) AS spend_total, "
                + "sum(CASE WHEN (source = 'google') THEN spend ELSE 0 END) / sum(spend) AS spend_share FROM kpi_campaign_total GROUP BY currency ORDER BY currency")
        XCTAssertEqual(intent("que percentual das conversões veio das campanhas Search?")?.share, .names(["Search"]))
        XCTAssertEqual(refusal("share of ROAS from Google"), .shareWithoutSubject)
        XCTAssertEqual(refusal("share of spend"), .shareWithoutSubject)
        // Each group's share: a window over the groups' sums, per currency; a platform that holds the groups filters.
        XCTAssertEqual(
            query("share of spend per campaign on Meta"),
            "SELECT campaign_name, currency, sum(spend) AS spend, sum(spend) / sum(sum(spend)) OVER (PARTITION BY currency) AS spend_share FROM kpi_campaign_total WHERE source = 'meta' GROUP BY campaign_name, currency ORDER BY spend_share DESC NULLS LAST")
        XCTAssertEqual(
            query("share of clicks by platform"),
            "SELECT source, sum(clicks) AS clicks, sum(clicks) / sum(sum(clicks)) OVER () AS clicks_share FROM kpi_campaign_total GROUP BY source ORDER BY clicks_share DESC NULLS LAST")
        // A condition would leave groups out of the total each share is taken of.
        XCTAssertEqual(refusal("share of spend per campaign with at least 100 clicks"), .shareOfConditionalGroups)
    }

    func testFirstAndLastDays() {
        XCTAssertEqual(query("when did the Black Friday campaign start?"), "SELECT min(date) AS first_day FROM kpi_campaign_daily WHERE campaign_name ILIKE '%Black%Friday%'")
        XCTAssertEqual(query("último dia com dados"), "SELECT max(date) AS last_day FROM kpi_campaign_daily")
        // The window bounds the first day, not the rows; a platform does not make the campaigns one total.
        XCTAssertEqual(
            query("campanhas que começaram em março no Google"),
            "SELECT campaign_name, min(date) AS first_day FROM kpi_campaign_daily WHERE source = 'google' GROUP BY campaign_name HAVING min(date) BETWEEN DATE '2024-03-01' AND DATE '2024-03-31' ORDER BY first_day")
    }

    func testDataQuality() {
        XCTAssertEqual(query("how many rows were quarantined, by reason?"), "SELECT reason, count(*) AS quarantined_rows FROM quarantine GROUP BY reason ORDER BY reason")
        XCTAssertEqual(
            query("qual o principal motivo de quarentena do Google?"),
            "SELECT reason, count(*) AS quarantined_rows FROM quarantine WHERE source = 'google' GROUP BY reason ORDER BY quarantined_rows DESC, reason LIMIT 1")
        XCTAssertEqual(query("quando foi a última ingestão?"), "SELECT max(ingested_at) AS last_ingest FROM bronze_files")
        XCTAssertEqual(query("arquivos ingeridos por plataforma"), "SELECT source, count(*) AS files FROM bronze_files GROUP BY source ORDER BY source")
        XCTAssertEqual(refusal("quarantined rows last week"), .qualityTooComplex)
        XCTAssertEqual(refusal("quarantined rows and spend"), .qualityTooComplex)
    }

    func testNumbersAsAnalystsWriteThem() {
        for (question, value) in [
            ("campaigns with more than 20k clicks", "20000"), ("campaigns with over 1.5M impressions", "1500000"),
            ("campanhas com mais de 20 mil cliques", "20000"), ("campanhas com mais de 1,5 mi de impressões", "1500000"),
            ("campanhas com mais de 2 milhões de impressões", "2000000"), ("campaigns with at least 1,000 clicks", "1000"),
        ] {
            XCTAssertTrue(query(question).contains(" \(value) ORDER BY"), "\(question): \(query(question))")
        }
    }

    func testExclusionsAndDistinctCounts() {
        XCTAssertEqual(
            query("spend excluding Meta and the Search campaigns"),
            "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total WHERE source <> 'meta' AND coalesce(campaign_name, '') NOT ILIKE '%Search%' GROUP BY currency ORDER BY currency")
        XCTAssertEqual(query("gasto exceto campanhas de Shopping"), "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total WHERE coalesce(campaign_name, '') NOT ILIKE '%Shopping%' GROUP BY currency ORDER BY currency")
        XCTAssertEqual(query("quantos anúncios diferentes rodaram em março"), "SELECT count(DISTINCT ad_id) AS ads FROM ad_insights WHERE date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31'")
        XCTAssertEqual(refusal("distinct spend"), .unplacedWords(["distinct"]))
        XCTAssertEqual(query("how many ad sets per account"), "SELECT account_id, count(DISTINCT adset_id) AS ad_sets FROM ad_insights GROUP BY account_id ORDER BY ad_sets DESC")
        XCTAssertEqual(refusal("quarantined rows and ad sets"), .qualityTooComplex)
        // Excluding a currency: the currencies left are shown; rows with no currency are kept.
        XCTAssertEqual(
            query("CPA on Meta excluding USD"),
            "SELECT currency, sum(spend) / sum(conversions) AS cpa FROM kpi_campaign_total WHERE source = 'meta' AND coalesce(currency, '') <> 'USD' GROUP BY currency ORDER BY currency")
        XCTAssertEqual(refusal("spend in USD excluding dollars"), .conflictingSources)
        XCTAssertEqual(query("ROAS of the USD accounts"), "SELECT sum(conversion_value) / sum(spend) AS roas FROM kpi_campaign_total WHERE currency = 'USD'")
    }

    func testGroupsOfCampaignsAreOneTotalEachUnlessCombined() {
        XCTAssertEqual(intent("Search vs Shopping spend")?.breakdowns, [.campaignGroup, .currency])
        XCTAssertEqual(intent("gasto das campanhas Search e Shopping somadas")?.breakdowns, [.currency])
        XCTAssertEqual(
            query("spend of Search and Shopping campaigns combined"),
            "SELECT currency, sum(spend) AS spend FROM kpi_campaign_total WHERE (campaign_name ILIKE '%Search%' OR campaign_name ILIKE '%Shopping%') GROUP BY currency ORDER BY currency")
    }

    func testDaysOfTheWeekByISONumber() {
        XCTAssertEqual(
            query("clicks by day of the week"),
            "SELECT CASE extract(isodow FROM date) WHEN 1 THEN 'Monday' WHEN 2 THEN 'Tuesday' WHEN 3 THEN 'Wednesday' WHEN 4 THEN 'Thursday' WHEN 5 THEN 'Friday' WHEN 6 THEN 'Saturday' WHEN 7 THEN 'Sunday' END AS weekday, sum(clicks) AS clicks FROM kpi_campaign_daily GROUP BY extract(isodow FROM date) ORDER BY extract(isodow FROM date)")
        XCTAssertTrue(query("cliques por dia da semana").contains("WHEN 6 THEN 'sábado' WHEN 7 THEN 'domingo' END AS weekday"))
        XCTAssertEqual(intent("which weekday has the best ROAS?")?.ranking?.limit, 1)
        XCTAssertTrue(query("fim de semana vs dias úteis: cliques").hasPrefix("SELECT CASE WHEN extract(isodow FROM date) >= 6 THEN 'fim de semana' ELSE 'dia útil' END AS week_part"))
    }

    func testTheLineOfWhatItComputesIsInTheQuestionsLanguage() {
        func line(_ question: String) -> String {
            guard let intent = intent(question) else { return "" }
            return ComputedLine.text(for: intent, language: QuestionLanguage(QuestionTokenizer.tokens(question)))
        }
        XCTAssertEqual(line("spend by campaign on Meta last quarter"), "Spend by campaign, Meta only, 2024-01-01 – 2024-03-31, BRL and USD shown apart")
        XCTAssertEqual(line("gasto por campanha no Meta no trimestre passado"), "Gasto por campanha, só Meta, 2024-01-01 – 2024-03-31, BRL e USD separados")
        XCTAssertEqual(line("cliques em março vs fevereiro"), "Cliques, 2024-02-01 – 2024-02-29 vs 2024-03-01 – 2024-03-31, com a variação")
        XCTAssertEqual(line("Search vs Shopping spend yesterday"), "Spend by campaign group, groups 'Search', 'Shopping' (one total each), 2024-04-14, BRL and USD shown apart")
        XCTAssertEqual(
            line("5 piores campanhas por CPA em reais exceto Google"),
            "CPA por campanha, exceto Google, todo o período, os 5 primeiros por CPA, do maior para o menor, só em BRL")
    }
}
