import AurumCore

/// Writes the one query of Aurum's language that answers a ``QuestionIntent``.
///
/// - Table: `ad_insights` (Silver) for ads and ad sets; `kpi_campaign_total` for all-time figures with no
///   period breakdown; `kpi_campaign_daily` otherwise (it has the date, the campaign's name and the sums).
///   Measures are always computed from summed columns, never from a Gold table's per-row KPI columns.
/// - Windows are literal dates (`date BETWEEN DATE '…' AND DATE '…'`), so the text is reproducible and prunes.
/// - "Average daily X" divides the total by the number of days in the window (a literal), or by
///   `count(DISTINCT date)` (days with data) when there is no window or the answer is broken down by period.
/// - Rankings by a ratio leave out groups whose denominator is 0 (`HAVING sum(x) > 0`), and sort
///   `NULLS LAST`. Series are ordered by period; other breakdowns by their first measure, largest first.
/// - Money is never added across currencies: a question about money over data in several currencies is answered
///   per currency (`currency` is grouped by, after the question's own breakdowns), or for the one currency it
///   names ("em reais" → `currency = 'BRL'`). A ranking over several currencies ("top 5 by spend") gives the
///   first N of each currency (`QUALIFY row_number() OVER (PARTITION BY currency …) <= N`); amounts are not
///   converted (use `--currency` with loaded rates for one list in one currency).
/// - Nothing is rounded: the numbers are exact, presentation rounds.
enum QueryComposer {
    static func query(for intent: QuestionIntent) -> String {
        if let quality = intent.quality {
            return QualityMeasure.query(
                quality, breakdowns: intent.breakdowns, sources: intent.sources, excludedSources: intent.excludedSources, ranked: intent.qualityRanked,
                limit: intent.qualityLimit)
        }
        let hasTimeBreakdown = intent.breakdowns.contains(where: \.isTime)
        let table =
            intent.needsAdLevel
            ? "ad_insights"
            : intent.windows.isEmpty && !hasTimeBreakdown && !intent.averageDaily && intent.dayExtremes.isEmpty
                && !intent.breakdowns.contains(where: { $0 == .weekday || $0 == .weekPart }) ? "kpi_campaign_total" : "kpi_campaign_daily"
        let dayDivisor = intent.windows.count == 1 && !hasTimeBreakdown ? String(intent.windows[0].dayCount) : "count(DISTINCT date)"

        func expression(_ metric: Metric) -> String {
            guard intent.averageDaily, metric.summedColumn != nil else { return metric.expression }
            return "\(metric.expression) / \(dayDivisor)"
        }
        func alias(_ metric: Metric) -> String {
            intent.averageDaily && metric.summedColumn != nil ? "average_daily_\(metric.alias)" : metric.alias
        }
        /// The column a measure is ordered by: itself, its change between two periods, or its share.
        func orderColumn(_ metric: Metric) -> String {
            if intent.comparesPeriods { return "\(alias(metric))_change" }
            if intent.share != nil { return "\(alias(metric))_share" }
            return alias(metric)
        }
        func items(_ metric: Metric) -> [String] {
            if intent.comparesPeriods {
                let trend = intent.trend.map { _ in
                    { (earlier: String, later: String) in
                        Trend.label(earlier: earlier, later: later, higherIsBetter: metric.higherIsBetter, language: intent.language)
                    }
                }
                return PeriodComparison.items(expression: expression(metric), alias: alias(metric), windows: intent.windows, divisor: { _ in nil }, trend: trend)
            }
            if let share = intent.share { return share.items(expression: expression(metric), alias: alias(metric), byCurrency: intent.breakdowns.contains(.currency)) }
            return ["\(expression(metric)) AS \(alias(metric))"]
        }
        var adSetItems: [String] {
            let count = "count(DISTINCT adset_id)"
            if intent.comparesPeriods { return PeriodComparison.items(expression: count, alias: "ad_sets", windows: intent.windows, divisor: { _ in nil }) }
            return ["\(count) AS ad_sets"]
        }
        // "Campaigns launched in 2025": the window bounds the first (or last) day, not the rows counted.
        let windowBoundsExtremes = !intent.dayExtremes.isEmpty && !intent.breakdowns.isEmpty && intent.windows.count == 1

        let groups = CampaignGroups.expression(intent.nameFilters)
        /// The select item and GROUP BY key of breakdowns written from the question (name groups, weekdays).
        func written(_ breakdown: Breakdown) -> String? {
            switch breakdown {
            case .campaignGroup: groups
            case .weekday: Weekday.label(intent.language)
            case .weekPart: Weekday.part(intent.language)
            default: nil
            }
        }
        let items =
            intent.breakdowns.map { breakdown in written(breakdown).map { "\($0) AS \(breakdown.rawValue)" } ?? breakdown.selectItem }
            + intent.metrics.flatMap(items) + (intent.countsAdSets ? adSetItems : []) + intent.dayExtremes.map { "\($0.expression) AS \($0.rawValue)" }
        var text = "SELECT " + items.joined(separator: ", ") + " FROM " + table

        var conditions: [String] = []
        if windowBoundsExtremes {
            // In HAVING below.
        } else if intent.windows.count == 1 {
            conditions.append(intent.windows[0].condition)
        } else if intent.windows.count > 1 {
            conditions.append("(" + intent.windows.map(\.condition).joined(separator: " OR ") + ")")
        }
        if let source = intent.sources.first { conditions.append("source = \(literal(source.rawValue))") }
        conditions += intent.excludedSources.map { "source <> \(literal($0.rawValue))" }
        if intent.currencies.count == 1 {
            conditions.append("currency = \(literal(intent.currencies[0]))")
        } else if intent.currencies.count > 1 {
            conditions.append("currency IN (" + intent.currencies.map(literal).joined(separator: ", ") + ")")
        }
        // A row with no currency is not one in the excluded currency: keep it.
        conditions += intent.excludedCurrencies.map { "coalesce(currency, '') <> \(literal($0))" }
        if intent.accounts.count == 1 {
            conditions.append("account_id = \(literal(intent.accounts[0]))")
        } else if intent.accounts.count > 1 {
            conditions.append("account_id IN (" + intent.accounts.map(literal).joined(separator: ", ") + ")")
        }
        let nameConditions = intent.nameFilters.map { "campaign_name ILIKE \(literal("%\($0)%"))" }
        if nameConditions.count == 1 {
            conditions.append(nameConditions[0])
        } else if nameConditions.count > 1 {
            conditions.append("(" + nameConditions.joined(separator: " OR ") + ")")
        }
        // A campaign with no name is not one "containing" the excluded text: keep it.
        conditions += intent.excludedNames.map { "coalesce(campaign_name, '') NOT ILIKE \(literal("%\($0)%"))" }
        if intent.trend == .weekly, let window = intent.windows.first {
            return Trend.weeklyQuery(
                metrics: intent.metrics, breakdowns: intent.breakdowns,
                selectItem: { breakdown in written(breakdown).map { "\($0) AS \(breakdown.rawValue)" } ?? breakdown.selectItem },
                groupKey: { breakdown in written(breakdown) ?? breakdown.groupKeys.joined(separator: ", ") }, window: window,
                conditions: Array(conditions.dropFirst()) /* the window's own condition first: the trend reads a week more */, language: intent.language)
        }
        if !conditions.isEmpty { text += " WHERE " + conditions.joined(separator: " AND ") }

        if !intent.breakdowns.isEmpty {
            text += " GROUP BY " + intent.breakdowns.flatMap { breakdown in breakdown == .weekday ? breakdown.groupKeys : written(breakdown).map { [$0] } ?? breakdown.groupKeys }.joined(separator: ", ")
        }

        var having: [String] = []
        if let ranking = intent.ranking, let denominator = ranking.metric.denominatorColumn {
            having.append("sum(\(denominator)) > 0")
        }
        having += intent.thresholds.map { "\(expression($0.metric)) \($0.comparison.rawValue) \(number($0.value))" }
        if windowBoundsExtremes { having += intent.dayExtremes.map { "\($0.expression) BETWEEN DATE '\(intent.windows[0].first)' AND DATE '\(intent.windows[0].last)'" } }
        if !having.isEmpty { text += " HAVING " + having.joined(separator: " AND ") }

        if let ranking = intent.ranking {
            let column = orderColumn(ranking.metric)
            let order = "\(ranking.descending ? "DESC" : "ASC") NULLS LAST"
            if intent.ranksPerCurrency {
                // A ranking over several currencies is given per currency (the data contract): each currency's
                // rows in order, cut to the first `limit` of each, never amounts of two currencies compared. The
                // window orders by the measure's expression, since its alias (`spend`, `cpa`) is also a column of
                // the Gold tables.
                if let limit = ranking.limit {
                    let ranked = column == alias(ranking.metric) ? expression(ranking.metric) : column
                    text += " QUALIFY row_number() OVER (PARTITION BY currency ORDER BY \(ranked) \(order)) <= \(limit)"
                }
                text += " ORDER BY currency, \(column) \(order)"
            } else {
                text += " ORDER BY \(column) \(order)"
                if let limit = ranking.limit { text += " LIMIT \(limit)" }
            }
        } else if hasTimeBreakdown {
            let time = intent.breakdowns.filter(\.isTime) + intent.breakdowns.filter { !$0.isTime }
            text += " ORDER BY " + time.map(\.orderKey).joined(separator: ", ")
        } else if intent.breakdowns.contains(.weekday) {
            // Monday first, as a calendar reads.
            text += " ORDER BY " + intent.breakdowns.map(\.orderKey).joined(separator: ", ")
        } else if intent.breakdowns == [.currency] {
            text += " ORDER BY currency"
        } else if let first = intent.metrics.first, !intent.breakdowns.isEmpty {
            text += " ORDER BY \(orderColumn(first)) DESC NULLS LAST"
        } else if intent.countsAdSets, !intent.breakdowns.isEmpty {
            text += " ORDER BY ad_sets DESC"
        } else if let extreme = intent.dayExtremes.first, !intent.breakdowns.isEmpty {
            text += " ORDER BY \(extreme.rawValue)"
        } else if !intent.breakdowns.isEmpty {
            text += " ORDER BY " + intent.breakdowns.map(\.orderKey).joined(separator: ", ")
        }
        return text
    }

    /// A text literal, quotes doubled.
    static func literal(_ text: String) -> String {
        "'" + String(text.flatMap { $0 == "'" ? ["'", "'"] : [$0] }) + "'"
    }

    /// A number literal: whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return DoubleFormat.roundTrip(value)
    }
}
