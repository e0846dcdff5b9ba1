import AurumCore

/// What a question asks, once its pieces are put together: measures, breakdowns, dates, ranking, filters.
///
/// Built from a ``QuestionReader/Reading``; every piece must find its place, or the question is refused with a
/// ``Misunderstanding`` (the translator never drops a word it read).
struct QuestionIntent: Equatable, Sendable {
    struct Ranking: Equatable, Sendable {
        var metric: Metric
        var descending: Bool
        /// Nil keeps every group, ranked.
        var limit: Int?
    }

    struct Threshold: Equatable, Sendable {
        var metric: Metric
        var comparison: ThresholdOperator
        var value: Double
    }

    var metrics: [Metric] = []
    var breakdowns: [Breakdown] = []
    /// Zero, one, or several periods of one kind being compared (then the period is a breakdown).
    var windows: [DateWindow] = []
    var ranking: Ranking?
    var sources: [SourcePlatform] = []
    var excludedSources: [SourcePlatform] = []
    var nameFilters: [String] = []
    var excludedNames: [String] = []
    var accounts: [String] = []
    /// Currency filters ("in USD", "em reais"): ISO 4217 codes.
    var currencies: [String] = []
    /// Currencies left out ("excluding USD", "exceto dólares").
    var excludedCurrencies: [String] = []
    var thresholds: [Threshold] = []
    /// Additive measures are divided by the number of days ("average daily spend").
    var averageDaily = false
    /// The two ``windows`` side by side, with the change (``PeriodComparison``), instead of rows per period.
    var comparesPeriods = false
    /// Whether the change is judged better or worse ("is ROAS improving?"): beside two periods, or per week (``Trend``).
    var trend: Trend?
    /// The share of each measure that this subject holds of the total (``ShareOfTotal``).
    var share: ShareOfTotal?
    /// First/last day with data, asked as measures ("when did campaign X start").
    var dayExtremes: [DayExtreme] = []
    /// A measure of the data's quality (quarantine, files, ingest) instead of ads measures; ranked largest first
    /// when `ranking` would be (its metric unused), cut to ``qualityLimit``.
    var quality: QualityMeasure?
    var qualityRanked = false
    var qualityLimit: Int?
    /// "How many ad sets": `count(DISTINCT adset_id) AS ad_sets` (Silver), beside the measures.
    var countsAdSets = false
    /// The question's language: labels the query writes (weekdays) are in it.
    var language: QuestionLanguage = .english
    /// The data's currencies when the answer is given per currency by the currency rule (not asked for).
    var currenciesApart: [String] = []

    /// A ranking over rows of several currencies is given per currency, as the data contract wants of any
    /// ranking: each currency's rows in order, and its first N when the ranking is cut (shares are fractions of
    /// each currency's own total, so they rank as they are).
    var ranksPerCurrency: Bool { ranking != nil && breakdowns.contains(.currency) && share == nil }

    init(metrics: [Metric] = [], breakdowns: [Breakdown] = [], windows: [DateWindow] = [], ranking: Ranking? = nil) {
        self.metrics = metrics
        self.breakdowns = breakdowns
        self.windows = windows
        self.ranking = ranking
    }

    /// Whether the question needs Silver (`ad_insights`): ads, ad sets, or counting ads.
    var needsAdLevel: Bool { breakdowns.contains(where: \.needsAdLevel) || metrics.contains(where: \.needsAdLevel) || countsAdSets }

    /// Whether the answer holds money: a measure, condition or ranking on spend, conversion value or a KPI
    /// built on them.
    var involvesMoney: Bool {
        metrics.contains(where: \.isMoney) || thresholds.contains { $0.metric.isMoney } || ranking?.metric.isMoney == true
    }

    /// - Parameters:
    ///   - storeCurrencies: the currencies of the data (empty when unknown or when there is no data).
    ///   - campaignNames: the known campaign names (to refuse groups of campaigns that overlap).
    init(reading: QuestionReader.Reading, today: Date32, storeCurrencies: [String] = [], campaignNames: [String] = []) throws(Misunderstanding) {
        guard reading.unplaced.isEmpty else { throw .unplacedWords(reading.unplaced) }
        var builder = Builder()
        let pieces = reading.pieces.map(\.piece).filter { $0 != .filler }
        guard !pieces.isEmpty else { throw .empty }
        try builder.take(pieces)
        self = try builder.finish(today: today)
        if breakdowns.contains(.campaignGroup), let (first, second) = CampaignGroups.overlap(nameFilters, names: campaignNames) {
            throw .overlappingGroups(first, second)
        }
        applyCurrencyRule(storeCurrencies: storeCurrencies)
    }

    /// Money is never added across currencies (docs/currencies.md): when the answer holds money and the rows it
    /// covers may be in more than one currency (the data has several and the question keeps more than one), the
    /// currency becomes a breakdown, after the question's own. A single currency kept by a filter, or data in one
    /// currency, needs none; a question that only excludes currencies shows the ones left.
    private mutating func applyCurrencyRule(storeCurrencies: [String]) {
        guard involvesMoney, !breakdowns.contains(.currency) else { return }
        let kept = (currencies.isEmpty ? storeCurrencies : currencies).filter { !excludedCurrencies.contains($0) }
        // "Excluding USD" names no currency that is left: the answer shows it.
        if kept.count > 1 || (!excludedCurrencies.isEmpty && currencies.isEmpty) {
            breakdowns.append(.currency)
            currenciesApart = kept
        }
    }

    /// Collects the pieces in order, then checks that they fit together.
    private struct Builder {
        var metricMentions: [(metric: Metric, position: Int)] = []
        var breakdownMentions: [(breakdown: Breakdown, plural: Bool, explicit: Bool)] = []
        var windowPhrases: [WindowPhrase] = []
        var ranks: [(word: RankWord, count: Int?, position: Int)] = []
        var counts: [Int] = []
        var intent = QuestionIntent()
        var mentionsAverage = false
        var mentionsAverageDaily = false
        var asksTotal = false
        var asksList = false
        var asksCombined = false
        var mentionsVersus = false
        var mentionsChange = false
        var mentionsImprovement = false
        /// "Worsened", "piorou": a ranking puts the most worsened first.
        var mentionsWorsening = false
        var mentionsShare = false
        var qualities: [QualityMeasure] = []
        /// Measures named only as "without …" ("sem conversões").
        var negatedMetrics: [Metric] = []

        mutating func take(_ pieces: [QuestionPiece]) throws(Misunderstanding) {
            var pieces = pieces
            var index = 0
            while index < pieces.count {
                let next: QuestionPiece? = index + 1 < pieces.count ? pieces[index + 1] : nil
                if pieces[index] == .no {
                    if case .metric = next { pieces[index] = .negation } else { pieces[index] = .filler }
                }
                switch pieces[index] {
                case .negation:
                    switch next {
                    case .metric(let metric) where !metric.isRatio:
                        // "campaigns without conversions": a condition; the zeros are not worth a column.
                        if !negatedMetrics.contains(metric) { negatedMetrics.append(metric) }
                        intent.thresholds.append(Threshold(metric: metric, comparison: .equal, value: 0))
                    case .source(let source): intent.excludedSources.append(source)
                    case .currency(let code): intent.excludedCurrencies.append(code)
                    case .nameContains(let text): intent.excludedNames.append(text)
                    case .breakdown(.campaign, let plural, false):
                        // "exceto campanhas de Search": the campaigns named after the word are the ones excluded.
                        guard index + 2 < pieces.count, case .nameContains(let text) = pieces[index + 2] else { throw .danglingNegation }
                        intent.excludedNames.append(text)
                        breakdownMentions.append((.campaign, plural, false))
                        index += 3
                        Self.carryNegation(&pieces, at: index)
                        continue
                    default: throw .danglingNegation
                    }
                    index += 2
                    if case .metric = next {} else { Self.carryNegation(&pieces, at: index) }
                    continue
                case .howMany:
                    // "how many (distinct) ads", "quantos anúncios (diferentes)".
                    let start = next == .distinct ? index + 2 : index + 1
                    if start < pieces.count, case .breakdown(let breakdown, _, _) = pieces[start], Self.countMetric(breakdown) != nil || breakdown == .adset {
                        if let counted = Self.countMetric(breakdown) { metricMentions.append((counted, start)) } else { intent.countsAdSets = true }
                        index = start + 1 < pieces.count && pieces[start + 1] == .distinct ? start + 2 : start + 1
                        continue
                    }
                    if next == .distinct { throw .unplacedWords(["distinct"]) }
                case .distinct: throw .unplacedWords(["distinct"])
                case .threshold(let comparison, let value):
                    let previous: QuestionPiece? = index > 0 ? pieces[index - 1] : nil
                    if case .metric(let metric) = previous {
                        intent.thresholds.append(Threshold(metric: metric, comparison: comparison, value: value))
                    } else if case .metric(let metric) = next {
                        intent.thresholds.append(Threshold(metric: metric, comparison: comparison, value: value))
                        metricMentions.append((metric, index + 1))
                        index += 2
                        continue
                    } else {
                        throw .thresholdWithoutMeasure
                    }
                case .metric(let metric): metricMentions.append((metric, index))
                case .breakdown(let breakdown, let plural, var explicit):
                    // "by platform and campaign": the "by" carries over the conjunction.
                    if !explicit, index >= 2, pieces[index - 1] == .conjunction, case .breakdown(_, _, true) = pieces[index - 2] {
                        explicit = true
                        pieces[index] = .breakdown(breakdown, plural: plural, explicit: true)
                    }
                    breakdownMentions.append((breakdown, plural, explicit))
                case .window(let phrase): windowPhrases.append(phrase)
                case .windowPair(let first, let second):
                    windowPhrases += [first, second]
                    mentionsVersus = true
                case .rank(let word, let count): ranks.append((word, count, index))
                case .count(let count): counts.append(count)
                case .source(let source): intent.sources.append(source)
                case .nameContains(let text): intent.nameFilters.append(text)
                case .account(let id): intent.accounts.append(id)
                case .currency(let code): intent.currencies.append(code)
                case .average: mentionsAverage = true
                case .averageDaily: mentionsAverageDaily = true
                case .total: asksTotal = true
                case .combined:
                    asksTotal = true
                    asksCombined = true
                case .listing: asksList = true
                case .versus: mentionsVersus = true
                case .change: mentionsChange = true
                case .improvement(let worse):
                    mentionsChange = true
                    mentionsImprovement = true
                    mentionsWorsening = mentionsWorsening || worse
                case .share: mentionsShare = true
                case .quality(let measure): if !qualities.contains(measure) { qualities.append(measure) }
                case .dayExtreme(let extreme): if !intent.dayExtremes.contains(extreme) { intent.dayExtremes.append(extreme) }
                case .unsupported(let phrase): throw .unplacedWords([phrase])
                case .conjunction, .filler, .no: break
                }
                index += 1
            }
        }

        /// "Variação de março a abril", "growth from January to March": a range of months asked as a change is its
        /// first and last month compared, not one window.
        static func comparedPeriods(_ phrases: [WindowPhrase], mentionsChange: Bool) -> [WindowPhrase] {
            guard mentionsChange, phrases.count == 1, case .monthRange(let first, let firstYear, let last, let lastYear) = phrases[0], first != last || firstYear != lastYear
            else { return phrases }
            let earlierYear = firstYear ?? lastYear.map { first > last ? $0 - 1 : $0 }
            return [.month(first, year: earlierYear), .month(last, year: lastYear)]
        }

        /// A question about the data's quality: one measure, by platform and reason, for one platform.
        func finishQuality() throws(Misunderstanding) -> QuestionIntent {
            guard qualities.count == 1, let measure = qualities.first, metricMentions.isEmpty, windowPhrases.isEmpty, intent.dayExtremes.isEmpty,
                intent.nameFilters.isEmpty, intent.excludedNames.isEmpty, intent.accounts.isEmpty, intent.currencies.isEmpty,
                intent.excludedCurrencies.isEmpty,
                intent.thresholds.isEmpty, !mentionsShare, !mentionsChange, !mentionsAverage, !mentionsAverageDaily, negatedMetrics.isEmpty,
                !intent.countsAdSets
            else { throw .qualityTooComplex }
            var result = QuestionIntent()
            result.quality = measure
            var plural = false
            for (breakdown, isPlural, _) in breakdownMentions {
                guard breakdown == .source || (breakdown == .reason && measure == .quarantinedRows) else { throw .qualityTooComplex }
                if !result.breakdowns.contains(breakdown) { result.breakdowns.append(breakdown) }
                plural = plural || isPlural
            }
            let sources = Self.unique(intent.sources)
            if sources.count > 1 {
                if !result.breakdowns.contains(.source) { result.breakdowns.append(.source) }
            } else {
                result.sources = sources
            }
            result.excludedSources = Self.unique(intent.excludedSources)
            if !ranks.isEmpty {
                guard !result.breakdowns.isEmpty, measure != .lastIngest else { throw .rankingWithoutBreakdown }
                let explicit = ranks.compactMap(\.count)
                result.qualityRanked = true
                result.qualityLimit = explicit.first ?? counts.first ?? (plural ? nil : 1)
            } else if let count = counts.first {
                throw .strayNumber(count)
            }
            return result
        }

        /// "excluding Meta and the Search campaigns": an exclusion carries over "and" to the next platform or name.
        static func carryNegation(_ pieces: inout [QuestionPiece], at index: Int) {
            guard index + 1 < pieces.count, pieces[index] == .conjunction else { return }
            switch pieces[index + 1] {
            case .source, .nameContains, .currency, .breakdown(.campaign, _, false): pieces[index] = .negation
            default: break
            }
        }

        static func countMetric(_ breakdown: Breakdown) -> Metric? {
            switch breakdown {
            case .campaign: .campaignCount
            case .ad: .adCount
            case .account: .accountCount
            default: nil
            }
        }

        mutating func finish(today: Date32) throws(Misunderstanding) -> QuestionIntent {
            if !qualities.isEmpty { return try finishQuality() }
            for (metric, _) in metricMentions where !intent.metrics.contains(metric) { intent.metrics.append(metric) }

            // Breakdowns. "By campaign" always groups, and so do "campaigns" that are ranked ("top 5
            // campaigns") or filtered by a measure ("campaigns with ROAS above 3"). Otherwise "campaigns" said in
            // passing is the subject, not a breakdown, when the question asks for a total ("total revenue of
            // Meta campaigns"), when something else breaks the answer down ("weekly spend of Meta campaigns"),
            // when a name picks one campaign ("the 'Natal' campaign"), or when only a platform qualifies them
            // ("CTR das campanhas do Meta"), or when a name phrase makes them a group ("spend on Search campaigns"
            // is one total, as "remarketing campaigns" is): "which/list Search campaigns" lists them.
            let otherBreakdown = breakdownMentions.contains { $0.breakdown != .campaign } || windowPhrases.count > 1
            var pluralByBreakdown: [Breakdown: Bool] = [:]
            for (breakdown, plural, explicit) in breakdownMentions {
                // "ROAS of the USD accounts", "gasto das contas do Meta": accounts qualified by a currency or a
                // platform, and neither ranked nor filtered by a measure, are the subject, not a breakdown.
                if breakdown == .account, !explicit, ranks.isEmpty, intent.thresholds.isEmpty, negatedMetrics.isEmpty,
                    !intent.currencies.isEmpty || !intent.sources.isEmpty
                {
                    continue
                }
                if breakdown == .campaign, !explicit, ranks.isEmpty, intent.thresholds.isEmpty,
                    asksTotal || otherBreakdown || (!(intent.nameFilters + intent.excludedNames).isEmpty && (!plural || !asksList))
                        || (!intent.sources.isEmpty && intent.nameFilters.isEmpty && (intent.dayExtremes.isEmpty || !plural))
                {
                    continue
                }
                // "Total spend across all platforms": the platforms are summed over, not listed.
                if !breakdown.isTime, !explicit, ranks.isEmpty, intent.thresholds.isEmpty, asksTotal { continue }
                if pluralByBreakdown[breakdown] == nil {
                    intent.breakdowns.append(breakdown)
                    pluralByBreakdown[breakdown] = plural
                }
            }

            // "Spend on Search campaigns vs last month": a comparison word with nothing to compare is not dropped.
            if mentionsVersus, !mentionsChange, windowPhrases.count < 2, Self.unique(intent.sources).count < 2, intent.nameFilters.count < 2,
                intent.metrics.count < 2, intent.accounts.count < 2, !breakdownMentions.contains(where: \.explicit)
            {
                throw .nothingCompared
            }

            // A share: the platform, name phrases or accounts named are the part, the rest of the question the whole.
            if mentionsShare {
                guard !intent.metrics.isEmpty, intent.metrics.allSatisfy({ $0.summedColumn != nil }) else { throw .shareWithoutSubject }
                // "Share of spend per campaign (on Meta)": each group of one explicit breakdown is a part of the rows
                // kept. A platform or an account that holds the groups is then a filter, not the part (a campaign
                // is on one platform: "Meta's share of each campaign" would be all or nothing).
                let groups = intent.breakdowns.filter { $0 != .currency }
                if groups.count == 1, let group = groups.first, [.campaign, .account, .adset, .ad, .source].contains(group),
                    breakdownMentions.contains(where: { $0.breakdown == group && $0.explicit }), intent.sources.count <= 1,
                    group != .source || intent.sources.isEmpty, group != .account || intent.accounts.isEmpty
                {
                    intent.share = .perGroup
                } else if intent.sources.count == 1 {
                    intent.share = .source(intent.sources[0])
                    intent.sources = []
                } else if !intent.nameFilters.isEmpty, intent.sources.isEmpty {
                    intent.share = .names(intent.nameFilters)
                    intent.nameFilters = []
                    intent.breakdowns.removeAll { $0 == .campaign }
                } else if !intent.accounts.isEmpty, intent.sources.isEmpty {
                    intent.share = .accounts(Self.unique(intent.accounts))
                    intent.accounts = []
                    intent.breakdowns.removeAll { $0 == .account }
                } else {
                    throw .shareWithoutSubject
                }
            }

            // Platforms: naming both means comparing them.
            intent.sources = Self.unique(intent.sources)
            intent.excludedSources = Self.unique(intent.excludedSources)
            if intent.sources.contains(where: intent.excludedSources.contains) { throw .conflictingSources }
            if intent.sources.count > 1 {
                intent.sources = []
                if !intent.breakdowns.contains(.source) {
                    intent.breakdowns.append(.source)
                    pluralByBreakdown[.source] = false
                }
            }

            // Several name phrases and no campaign list: each phrase is a group with its own total.
            if intent.nameFilters.count > 1, !intent.breakdowns.contains(.campaign), !asksCombined {
                intent.breakdowns.insert(.campaignGroup, at: 0)
                pluralByBreakdown[.campaignGroup] = true
            }

            // Windows: several periods of one kind ("March vs April") are compared by that period.
            if mentionsChange || mentionsVersus { windowPhrases = Self.comparedPeriods(windowPhrases, mentionsChange: mentionsChange) }
            // "Week-over-week growth", "month over month": the latest full period against the one before.
            if mentionsChange, windowPhrases.isEmpty, let period = intent.breakdowns.first(where: { [.week, .month, .quarter].contains($0) }),
                breakdownMentions.contains(where: { $0.breakdown == period && !$0.explicit })
            {
                intent.breakdowns.removeAll { $0 == period }
                windowPhrases = [period == .week ? .lastWeek : period == .month ? .lastMonth : .lastQuarter]
            }
            for phrase in windowPhrases {
                guard let window = phrase.resolve(today: today) else { throw .impossibleWindow }
                intent.windows.append(window)
            }
            if mentionsImprovement {
                // "Is spend improving?": more spend is neither better nor worse.
                if let metric = intent.metrics.first(where: { $0 == .spend }) { throw .noBetterDirection(metric.alias) }
                intent.trend = .comparison
            }
            // "Is ROAS improving?" with no period: each of the last full weeks against the week before (``Trend``).
            // Otherwise two periods compared ("June vs May"), or a change over one ("did CPC go up last month?"):
            // side by side.
            if mentionsImprovement, intent.windows.isEmpty {
                intent.breakdowns.removeAll { $0 == .week }
                guard intent.breakdowns.allSatisfy(Trend.weeklyBreakdowns.contains), intent.thresholds.isEmpty, !mentionsAverageDaily,
                    intent.share == nil, intent.dayExtremes.isEmpty, !intent.countsAdSets, !intent.metrics.isEmpty, !intent.metrics.contains(where: \.needsAdLevel)
                else { throw .comparisonTooComplex }
                guard ranks.isEmpty else { throw .rankingPerPeriod }
                intent.trend = .weekly
                guard let window = WindowPhrase.lastWeeks(Trend.weeks).resolve(today: today) else { throw .impossibleWindow }
                intent.windows = [window]
            } else if mentionsChange || (mentionsVersus && intent.windows.count == 2) {
                if intent.windows.count == 1 { intent.windows.insert(PeriodComparison.previous(intent.windows[0]), at: 0) }
                guard intent.windows.count == 2 else { throw mentionsChange && intent.windows.isEmpty ? .changeWithoutPeriod : .conflictingWindows }
                // "Last week vs the week before": the same period named twice means it and the one before it.
                if intent.windows[0] == intent.windows[1] { intent.windows[0] = PeriodComparison.previous(intent.windows[1]) }
                intent.windows.sort { $0.first < $1.first }
                guard !intent.breakdowns.contains(where: \.isTime), intent.thresholds.isEmpty, !mentionsAverageDaily, intent.share == nil,
                    intent.dayExtremes.isEmpty
                else { throw .comparisonTooComplex }
                intent.comparesPeriods = true
            } else if windowPhrases.count > 1 {
                guard let period = windowPhrases[0].period, windowPhrases.allSatisfy({ $0.period == period }) else {
                    throw .conflictingWindows
                }
                if !intent.breakdowns.contains(period) {
                    intent.breakdowns.insert(period, at: 0)
                    pluralByBreakdown[period] = true
                }
            }

            // "Which campaigns had no conversions" lists the campaigns; "spend without …" needs the measure.
            if intent.metrics.isEmpty && intent.breakdowns.isEmpty && intent.dayExtremes.isEmpty && !intent.countsAdSets { intent.metrics = negatedMetrics }
            guard !intent.metrics.isEmpty || !intent.dayExtremes.isEmpty || intent.countsAdSets || (!negatedMetrics.isEmpty && ranks.isEmpty) else {
                throw .noMeasure
            }

            // "How many campaigns launched last month": a first day and a measure with nothing listed would count
            // the campaigns active in the window, not those that started in it.
            if !intent.dayExtremes.isEmpty, !intent.metrics.isEmpty, intent.breakdowns.isEmpty { throw .measureOfFirstDays }

            // Averages: of a ratio, the ratio itself; of a total, only per day.
            let hasAdditive = intent.metrics.contains { $0.summedColumn != nil }
            if mentionsAverageDaily || (mentionsAverage && hasAdditive && intent.breakdowns.contains(.day)) {
                intent.averageDaily = hasAdditive
                if hasAdditive { intent.breakdowns.removeAll { $0 == .day } }
            } else if mentionsAverage && hasAdditive {
                throw .averageOfTotal
            }

            // Ranking.
            if ranks.isEmpty {
                if let count = counts.first { throw .strayNumber(count) }
            } else {
                let words = Set(ranks.map(\.word))
                // An explicit order ("descending") decides the direction; then best/worst; then highest/lowest.
                let orders = words.intersection([.descendingOrder, .ascendingOrder])
                let judgements = words.intersection([.best, .worst])
                let extremes = words.intersection([.highest, .lowest])
                let word: RankWord
                if orders.count > 1 || judgements.count > 1 || (orders.isEmpty && judgements.isEmpty && extremes.count > 1) {
                    throw .conflictingRankings
                } else if let order = orders.first {
                    word = order
                } else if let judgement = judgements.first {
                    word = judgement
                } else {
                    word = extremes.first ?? .ranking
                }
                let explicitCounts = ranks.compactMap(\.count)
                guard Set(explicitCounts).count <= 1, counts.count + (explicitCounts.isEmpty ? 0 : 1) <= 1 else {
                    throw .strayNumber((explicitCounts + counts).last ?? 0)
                }
                guard let ranked = intent.breakdowns.first else { throw .rankingWithoutBreakdown }
                guard !intent.metrics.isEmpty else { throw .noMeasure }
                if intent.breakdowns.contains(where: \.isTime), intent.breakdowns.contains(where: { !$0.isTime }) {
                    throw .rankingPerPeriod
                }
                let position = ranks[0].position
                let metric =
                    metricMentions.first(where: { $0.position > position })?.metric
                    ?? metricMentions.last(where: { $0.position < position })?.metric ?? intent.metrics[0]
                var descending: Bool
                switch word {
                case .highest, .descendingOrder: descending = true
                case .lowest, .ascendingOrder: descending = false
                case .best, .ranking: descending = metric.higherIsBetter
                case .worst: descending = !metric.higherIsBetter
                }
                // "Which campaigns improved CPA the most": the most improved first, whichever way is better ("worsened
                // the most": the most worsened first). An explicit order stands.
                if mentionsImprovement, ![.descendingOrder, .ascendingOrder].contains(word) {
                    descending = ([.highest, .best, .ranking].contains(word) != mentionsWorsening) == metric.higherIsBetter
                }
                let limit = explicitCounts.first ?? counts.first ?? (!words.isDisjoint(with: [.ranking, .descendingOrder, .ascendingOrder]) || pluralByBreakdown[ranked] == true ? nil : 1)
                intent.ranking = Ranking(metric: metric, descending: descending, limit: limit)
            }
            // A condition or a ranking by a ratio drops groups from the total each share is taken of: refused.
            if intent.share == .perGroup, !intent.thresholds.isEmpty || intent.ranking.map({ $0.metric.summedColumn == nil }) == true {
                throw .shareOfConditionalGroups
            }
            intent.accounts = Self.unique(intent.accounts)
            intent.currencies = Self.unique(intent.currencies)
            intent.excludedCurrencies = Self.unique(intent.excludedCurrencies)
            if intent.currencies.contains(where: intent.excludedCurrencies.contains) { throw .conflictingSources }
            return intent
        }

        static func unique<T: Equatable>(_ values: [T]) -> [T] {
            var result: [T] = []
            for value in values where !result.contains(value) { result.append(value) }
            return result
        }
    }
}
