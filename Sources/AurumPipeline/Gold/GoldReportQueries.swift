/// The query text of `aurum report` (``GoldReport``): a campaign's and a currency's sums over the latest weeks of
/// the Gold weekly table, which the query engine adds exactly as decimals (money and conversions are declared
/// ``AurumCore/Field/decimal``), the same sums `SELECT sum(spend) …` gives.
enum GoldReportQueries {
    /// The table name the weekly rows have in the report's catalogue.
    static let weeklyTable = "weekly"

    /// Every campaign's sums over the weeks from `firstWeek` (a Monday, `YYYY-MM-DD`) on, ranked within its
    /// currency by spend, largest first (ties: by campaign_id, then source and account_id, as bytes). A NULL name
    /// or currency reads as empty text.
    static func lines(from firstWeek: String) -> String {
        """
        SELECT coalesce(currency, '') AS currency, source, account_id, campaign_id, coalesce(campaign_name, '') AS campaign_name, \(GoldQueries.sums)
        FROM \(weeklyTable) WHERE week >= DATE '\(firstWeek)'
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1, spend DESC, campaign_id, source, account_id
        """
    }

    /// Each currency's sums over the weeks from `firstWeek` on, by currency.
    static func totals(from firstWeek: String) -> String {
        """
        SELECT coalesce(currency, '') AS currency, \(GoldQueries.sums) FROM \(weeklyTable) WHERE week >= DATE '\(firstWeek)'
        GROUP BY 1 ORDER BY 1
        """
    }
}
