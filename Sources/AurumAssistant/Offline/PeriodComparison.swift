import AurumCore

/// Two periods side by side ("June compared with May", "this week vs last week", "did CPC go up last month?"):
/// each measure once per period as a conditional sum, then the change, absolute and relative.
///
/// Columns, for each measure `m`, periods in date order: `m_<first day of the earlier period>` and
/// `m_<first day of the later one>` (`spend_2024_03_01`), `m_change` (later − earlier) and `m_change_fraction`
/// ((later − earlier) / earlier, a fraction: 0.25 is +25%; NULL when the earlier value is 0 or missing). Each
/// period's value is computed from its own rows only: `sum(CASE WHEN date BETWEEN … THEN spend END)`, ratios as
/// ratios of such sums (docs/offline-translator.md).
enum PeriodComparison {
    /// The period before `window` that a change is measured against: the same number of whole months (or the
    /// same days of the previous month, for a month under way), otherwise the same number of days just before.
    static func previous(_ window: DateWindow) -> DateWindow {
        let (year, month, day) = window.first.civil
        if day == 1 {
            let after = window.last.adding(days: 1)
            if after.civil.day == 1 {
                let months = (after.civil.year * 12 + after.civil.month) - (year * 12 + month)
                return DateWindow(first: Date32.firstDay(year: year, month: month - months), last: window.first.adding(days: -1))
            }
            let start = Date32.firstDay(year: year, month: month - 1)
            return DateWindow(first: start, last: min(start.adding(days: window.dayCount - 1), window.first.adding(days: -1)))
        }
        return DateWindow(first: window.first.adding(days: -window.dayCount), last: window.first.adding(days: -1))
    }

    /// `expression` with each aggregate restricted to the rows where `condition` holds: `sum(x)` becomes
    /// `sum(CASE WHEN condition THEN x END)`, `count(DISTINCT x)` becomes `count(DISTINCT CASE WHEN … THEN x END)`.
    static func restricted(_ expression: String, to condition: String, otherwise: String = "") -> String {
        var text = expression
        for column in ["spend", "impressions", "clicks", "conversions", "conversion_value"] {
            text = text.replacingOccurrences(of: "sum(\(column))", with: "sum(CASE WHEN \(condition) THEN \(column)\(otherwise) END)")
        }
        for column in ["campaign_id", "ad_id", "account_id", "adset_id"] {
            text = text.replacingOccurrences(of: "count(DISTINCT \(column))", with: "count(DISTINCT CASE WHEN \(condition) THEN \(column) END)")
        }
        return text
    }

    /// The column suffix of a period: its first day, `2024_03_01`.
    static func suffix(_ window: DateWindow) -> String {
        "\(window.first)".replacingOccurrences(of: "-", with: "_")
    }

    /// The select items of one measure compared over `windows` (two, in date order); with `trend`, also
    /// `m_trend`, which way the measure went (``Trend/label(earlier:later:higherIsBetter:language:)``).
    static func items(
        expression: String, alias: String, windows: [DateWindow], divisor: (DateWindow) -> String?, trend: ((String, String) -> String)? = nil
    ) -> [String] {
        let values = windows.map { window -> String in
            let value = restricted(expression, to: window.condition)
            return divisor(window).map { "(\(value)) / \($0)" } ?? value
        }
        let (earlier, later) = ("(\(values[0]))", "(\(values[1]))")
        return [
            "\(values[0]) AS \(alias)_\(suffix(windows[0]))", "\(values[1]) AS \(alias)_\(suffix(windows[1]))",
            "\(later) - \(earlier) AS \(alias)_change", "(\(later) - \(earlier)) / \(earlier) AS \(alias)_change_fraction",
        ] + (trend.map { ["\($0(earlier, later)) AS \(alias)_trend"] } ?? [])
    }
}
