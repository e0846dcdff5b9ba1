import AurumCore

/// "Is ROAS improving?", "o CPA está melhorando?", "ROAS trend": whether a measure moves the way that is better
/// for it (the domain catalogue's ``KPI/betterDirection``: more ROAS is better, less CPA is better; more of a count
/// or of revenue is better; spend has no better direction and is refused).
///
/// - With a period ("is ROAS improving this month?", "o CPA melhorou no mês passado?", "week over week") the
///   period is compared with the one before it (``PeriodComparison``) and a column `m_trend` says which way it went.
/// - Without one, the measure is shown per ISO week over the last ``weeks`` full weeks, each week beside the week
///   before it (read too, so the first week has its change): `m`, `m_change`, `m_change_fraction`, `m_trend`. The
///   week before is found by a join on `week - 7`, not by `lag`, so that a week without rows is no value rather
///   than the change from an older week.
enum Trend: Equatable, Sendable {
    /// Two periods side by side with the change and which way it went.
    case comparison
    /// The measure per ISO week, each against the week before.
    case weekly

    /// Full ISO weeks shown when the question names no period.
    static let weeks = 4

    /// The breakdowns a weekly trend can keep beside the week (each week is joined to the week before on them).
    static let weeklyBreakdowns: Set<Breakdown> = [.campaign, .account, .source, .currency, .campaignGroup]

    /// `CASE WHEN later > earlier THEN 'improved' WHEN later < earlier THEN 'worsened' WHEN later = earlier THEN
    /// 'unchanged' END` (the first two swapped when less is better), labels in the question's language.
    static func label(earlier: String, later: String, higherIsBetter: Bool, language: QuestionLanguage) -> String {
        let (better, worse, same) = language == .portuguese ? ("melhorou", "piorou", "igual") : ("improved", "worsened", "unchanged")
        let (up, down) = higherIsBetter ? (better, worse) : (worse, better)
        return "CASE WHEN \(later) > \(earlier) THEN '\(up)' WHEN \(later) < \(earlier) THEN '\(down)' WHEN \(later) = \(earlier) THEN '\(same)' END"
    }

    /// The query of a weekly trend: a `weekly` CTE (the measures per week and breakdown over `window` and the week
    /// before it, under `conditions`), then each week of `window` beside the week before.
    static func weeklyQuery(
        metrics: [Metric], breakdowns: [Breakdown], selectItem: (Breakdown) -> String, groupKey: (Breakdown) -> String, window: DateWindow,
        conditions: [String], language: QuestionLanguage
    ) -> String {
        let read = DateWindow(first: window.first.adding(days: -7), last: window.last)
        let inner =
            ["date_trunc('week', date) AS week"] + breakdowns.map(selectItem) + metrics.map { "\($0.expression) AS \($0.alias)" }
        var cte = "SELECT " + inner.joined(separator: ", ") + " FROM kpi_campaign_daily WHERE " + ([read.condition] + conditions).joined(separator: " AND ")
        cte += " GROUP BY " + (["date_trunc('week', date)"] + breakdowns.map(groupKey)).joined(separator: ", ")
        let columns = breakdowns.map(\.orderKey)
        var items = ["w.week"] + columns.map { "w.\($0)" }
        for metric in metrics {
            let (now, before) = ("w.\(metric.alias)", "p.\(metric.alias)")
            items += [
                "\(now) AS \(metric.alias)", "\(now) - \(before) AS \(metric.alias)_change", "(\(now) - \(before)) / \(before) AS \(metric.alias)_change_fraction",
                "\(label(earlier: before, later: now, higherIsBetter: metric.higherIsBetter, language: language)) AS \(metric.alias)_trend",
            ]
        }
        // A text key with no value (a campaign without a name) is still the same group from week to week.
        let join = ["p.week = w.week - 7"] + columns.map { "coalesce(p.\($0), '') = coalesce(w.\($0), '')" }
        return "WITH weekly AS (\(cte)) SELECT " + items.joined(separator: ", ") + " FROM weekly AS w LEFT JOIN weekly AS p ON "
            + join.joined(separator: " AND ") + " WHERE w.week >= DATE '\(window.first)' ORDER BY " + (["w.week"] + columns.map { "w.\($0)" }).joined(separator: ", ")
    }
}
