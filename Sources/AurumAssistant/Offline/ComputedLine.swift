/// The one line `ask` prints above a result, in the question's language, saying what the query computes, so that
/// a reader can catch a misreading: "Spend by campaign, Meta only, 2024-04-01 – 2024-06-30, BRL and USD shown
/// apart" / "Gasto por campanha, só Meta, 2024-04-01 – 2024-06-30, BRL e USD separados".
enum ComputedLine {
    static func text(for intent: QuestionIntent, language: QuestionLanguage) -> String {
        let words = language == .portuguese ? Words.portuguese : Words.english
        var parts: [String] = []
        var measures = intent.metrics.map { metric -> String in
            let label = words.measure(metric)
            guard intent.averageDaily, metric.summedColumn != nil else { return label }
            return language == .portuguese ? "média diária de \(label)" : "average daily \(label)"
        }
        if intent.countsAdSets { measures.append(words.measures["ad_sets"] ?? "ad_sets") }
        measures += intent.dayExtremes.map { $0 == .first ? words.firstDay : words.lastDay }
        if let quality = intent.quality { measures.append(words.measures[quality.rawValue] ?? quality.rawValue) }
        let shown = (intent.trend == .weekly ? [.week] : []) + (intent.currenciesApart.isEmpty ? intent.breakdowns : intent.breakdowns.filter { $0 != .currency })
        var head = measures.joined(separator: ", ")
        if !shown.isEmpty { head += " \(words.by) " + shown.map(words.breakdown).joined(separator: " \(words.and) ") }
        parts.append(head.prefix(1).uppercased() + head.dropFirst())
        if intent.share == .perGroup {
            parts.append(words.eachShare)
        } else if let share = intent.share {
            parts.append(words.share(share.label))
        }
        if let source = intent.sources.first { parts.append(words.only(source.displayName)) }
        let excluded = intent.excludedSources.map(\.displayName) + intent.excludedCurrencies
        if !excluded.isEmpty { parts.append(words.excluding + " " + excluded.joined(separator: ", ")) }
        if intent.breakdowns.contains(.campaignGroup) {
            parts.append(words.groups(intent.nameFilters.map { "'\(CampaignGroups.label($0))'" }.joined(separator: ", ")))
        } else if !intent.nameFilters.isEmpty {
            parts.append(words.nameContains + " " + intent.nameFilters.map { "'\(CampaignGroups.label($0))'" }.joined(separator: " \(words.or) "))
        }
        if !intent.excludedNames.isEmpty {
            parts.append(words.nameLacks + " " + intent.excludedNames.map { "'\(CampaignGroups.label($0))'" }.joined(separator: ", "))
        }
        if !intent.accounts.isEmpty { parts.append(words.account + " " + intent.accounts.joined(separator: ", ")) }
        let periods = intent.windows.map { $0.first == $0.last ? "\($0.first)" : "\($0.first) – \($0.last)" }
        if intent.quality != nil {
            // The quarantine and the file catalogue have no dates.
        } else if periods.isEmpty {
            parts.append(words.allDates)
        } else if !intent.dayExtremes.isEmpty, !intent.breakdowns.isEmpty, periods.count == 1 {
            // The window bounds the first (last) day, not the rows measured.
            parts.append((intent.dayExtremes[0] == .first ? words.startedIn : words.endedIn) + " " + periods[0])
        } else if intent.comparesPeriods {
            parts.append(periods.joined(separator: " vs ") + ", " + words.withChange + (intent.trend == nil ? "" : ", " + words.judged))
        } else if intent.trend == .weekly {
            parts.append(periods.joined(separator: " \(words.and) ") + ", " + words.eachWeek + ", " + words.judged)
        } else {
            parts.append(periods.joined(separator: " \(words.and) "))
        }
        if !intent.thresholds.isEmpty {
            let conditions = intent.thresholds.map { "\(words.measure($0.metric)) \($0.comparison.rawValue) \(QueryComposer.number($0.value))" }
            parts.append(words.with + " " + conditions.joined(separator: " \(words.and) "))
        }
        if intent.qualityRanked {
            parts.append(words.ranking(intent.qualityLimit, words.measures[intent.quality?.rawValue ?? ""] ?? "", true))
        }
        if let ranking = intent.ranking {
            parts.append(words.ranking(ranking.limit, words.measure(ranking.metric), ranking.descending))
            if intent.ranksPerCurrency { parts.append(words.eachCurrency) }
        }
        if !intent.currencies.isEmpty { parts.append(words.onlyIn(intent.currencies.joined(separator: ", "))) }
        if !intent.currenciesApart.isEmpty { parts.append(words.apart(intent.currenciesApart.map { $0.isEmpty ? "NULL" : $0 })) }
        return parts.joined(separator: ", ")
    }

    /// The words of one language.
    struct Words: Sendable {
        var measures: [String: String]
        var breakdowns: [Breakdown: String]
        var by, and, or, with, excluding, nameContains, nameLacks, account, allDates, withChange, firstDay, lastDay, startedIn, endedIn: String
        /// "each week against the week before"; "improved or worsened" (by the measure's better direction).
        var eachWeek, judged: String
        /// "each one's share of the total".
        var eachShare: String
        /// After a ranking over several currencies: "in each currency".
        var eachCurrency: String
        var only: @Sendable (String) -> String
        var onlyIn: @Sendable (String) -> String
        var apart: @Sendable ([String]) -> String
        var groups: @Sendable (String) -> String
        var share: @Sendable (String) -> String
        var ranking: @Sendable (Int?, String, Bool) -> String

        func measure(_ metric: Metric) -> String { measures[metric.rawValue] ?? metric.alias }
        func breakdown(_ breakdown: Breakdown) -> String { breakdowns[breakdown] ?? breakdown.rawValue }

        static let english = Words(
            measures: [
                "spend": "spend", "impressions": "impressions", "clicks": "clicks", "conversions": "conversions", "conversion_value": "revenue",
                "ctr": "CTR", "cpc": "CPC", "cpm": "CPM", "cpa": "CPA", "roas": "ROAS", "conversion_rate": "conversion rate",
                "average_order_value": "average order value", "campaigns": "number of campaigns", "ads": "number of ads", "accounts": "number of accounts",
                "ad_sets": "number of ad sets", "quarantined_rows": "quarantined rows", "files": "files ingested", "last_ingest": "last ingest",
            ],
            breakdowns: [
                .campaign: "campaign", .account: "account", .source: "platform", .day: "day", .week: "week", .month: "month", .quarter: "quarter",
                .year: "year", .adset: "ad set", .ad: "ad", .currency: "currency", .campaignGroup: "campaign group", .reason: "reason", .weekday: "day of the week", .weekPart: "weekend or weekday",
            ],
            by: "by", and: "and", or: "or", with: "where", excluding: "excluding", nameContains: "campaign name contains",
            nameLacks: "campaign name does not contain", account: "account", allDates: "all dates", withChange: "with the change",
            firstDay: "first day with data", lastDay: "last day with data", startedIn: "started", endedIn: "ended",
            eachWeek: "each week against the week before", judged: "improved or worsened", eachShare: "each one's share of the total",
            eachCurrency: "in each currency",
            only: { "\($0) only" }, onlyIn: { "in \($0) only" },
            apart: { ($0.count == 2 ? $0.joined(separator: " and ") : $0.joined(separator: ", ")) + " shown apart" },
            groups: { "groups \($0) (one total each)" }, share: { "share of \($0) in the total" },
            ranking: { limit, measure, descending in
                "\(limit.map { "top \($0)" } ?? "all") by \(measure), \(descending ? "highest" : "lowest") first"
            })

        static let portuguese = Words(
            measures: [
                "spend": "gasto", "impressions": "impressões", "clicks": "cliques", "conversions": "conversões", "conversion_value": "receita",
                "ctr": "CTR", "cpc": "CPC", "cpm": "CPM", "cpa": "CPA", "roas": "ROAS", "conversion_rate": "taxa de conversão",
                "average_order_value": "ticket médio", "campaigns": "número de campanhas", "ads": "número de anúncios", "accounts": "número de contas",
                "ad_sets": "número de conjuntos de anúncios", "quarantined_rows": "linhas em quarentena", "files": "arquivos ingeridos", "last_ingest": "última ingestão",
            ],
            breakdowns: [
                .campaign: "campanha", .account: "conta", .source: "plataforma", .day: "dia", .week: "semana", .month: "mês", .quarter: "trimestre",
                .year: "ano", .adset: "conjunto de anúncios", .ad: "anúncio", .currency: "moeda", .campaignGroup: "grupo de campanhas", .reason: "motivo", .weekday: "dia da semana", .weekPart: "fim de semana ou dia útil",
            ],
            by: "por", and: "e", or: "ou", with: "com", excluding: "exceto", nameContains: "nome da campanha contém",
            nameLacks: "nome da campanha não contém", account: "conta", allDates: "todo o período", withChange: "com a variação",
            firstDay: "primeiro dia com dados", lastDay: "último dia com dados", startedIn: "começou em", endedIn: "terminou em",
            eachWeek: "cada semana contra a anterior", judged: "melhorou ou piorou", eachShare: "participação de cada um no total",
            eachCurrency: "em cada moeda",
            only: { "só \($0)" }, onlyIn: { "só em \($0)" },
            apart: { ($0.count == 2 ? $0.joined(separator: " e ") : $0.joined(separator: ", ")) + " separados" },
            groups: { "grupos \($0) (um total cada)" }, share: { "participação de \($0) no total" },
            ranking: { limit, measure, descending in
                "\(limit.map { $0 == 1 ? "o primeiro" : "os \($0) primeiros" } ?? "todos") por \(measure), \(descending ? "do maior para o menor" : "do menor para o maior")"
            })
    }
}
