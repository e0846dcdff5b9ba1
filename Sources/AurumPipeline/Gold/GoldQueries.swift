import AurumCore
import AurumQuery

/// The query text of the Gold tables (``GoldBuilder`` runs it through the query engine).
///
/// Written as SQL rather than as a plan built in code: the engine's language already has every piece (exact
/// decimal `sum` of ``AurumCore/Field/decimal`` columns, QUALIFY, CTEs, LEFT JOIN), the text reads as the data
/// contract's definition, and `aurum query` can run the same text by hand. Each query's columns come in the order
/// Gold stores them (the keys, campaign_name, currency, the five measures), sorted by key.
enum GoldQueries {
    /// The ISO week (its Monday) of a daily row.
    static let week = "date_trunc('week', date)"

    /// The summed measures, named as Gold stores them. `sum` of spend, conversions and conversion_value is the
    /// exact decimal sum, as those columns are declared decimal.
    static let sums = [
        "sum(impressions) AS impressions", "sum(clicks) AS clicks", "sum(spend) AS spend", "sum(conversions) AS conversions",
        "sum(conversion_value) AS conversion_value",
    ].joined(separator: ", ")

    private static let campaign = "source, account_id, campaign_id"

    /// `kpi_campaign_daily` over Silver (`ad_insights`).
    ///
    /// Each campaign's name (currency) is that of its latest row by (date, file_id, row) among the rows that have
    /// one: with `orderKey`, one `arg_max` per campaign over the packed key; without (a store too large to pack
    /// its bounds), in two steps.
    static func daily(orderKey: ProvenanceOrderKey?) -> String {
        let join = { (left: String, right: String) in
            ["source", "account_id", "campaign_id"].map { "\(left).\($0) = \(right).\($0)" }.joined(separator: " AND ")
        }
        if let orderKey {
            // arg_max skips NULL names and currencies by itself; the FILTER skips empty names.
            return """
                WITH latest AS (SELECT \(campaign), arg_max(campaign_name, \(orderKey.sql)) FILTER (WHERE campaign_name <> '') AS campaign_name,
                    arg_max(currency, \(orderKey.sql)) AS currency FROM ad_insights GROUP BY \(campaign)),
                sums AS (SELECT \(campaign), date, \(sums) FROM ad_insights GROUP BY \(campaign), date)
                SELECT s.source, s.account_id, s.campaign_id, s.date, l.campaign_name, l.currency,
                    s.impressions, s.clicks, s.spend, s.conversions, s.conversion_value
                FROM sums s LEFT JOIN latest l ON \(join("s", "l"))
                ORDER BY s.source, s.account_id, s.campaign_id, s.date
                """
        }
        // The row each campaign's name (currency) comes from: its latest by (date, file_id, row) among the rows that
        // have one. Its day first (an aggregate), then among that day's rows the greatest (file_id, row): the
        // window then sorts a day's rows, not all of them.
        let latest = { (name: String, column: String, has: String) in
            """
            \(name)_day AS (SELECT \(campaign), max(date) AS date FROM ad_insights WHERE \(has) GROUP BY \(campaign)),
            \(name) AS (SELECT a.source, a.account_id, a.campaign_id, a.\(column) FROM ad_insights a JOIN \(name)_day d
                ON \(join("a", "d")) AND a.date = d.date WHERE a.\(has)
                QUALIFY row_number() OVER (PARTITION BY a.source, a.account_id, a.campaign_id ORDER BY a.file_id DESC, a."row" DESC) = 1)
            """
        }
        return """
            WITH \(latest("named", "campaign_name", "campaign_name <> ''")),
            \(latest("priced", "currency", "currency IS NOT NULL")),
            sums AS (SELECT \(campaign), date, \(sums) FROM ad_insights GROUP BY \(campaign), date)
            SELECT s.source, s.account_id, s.campaign_id, s.date, n.campaign_name, p.currency,
                s.impressions, s.clicks, s.spend, s.conversions, s.conversion_value
            FROM sums s LEFT JOIN named n ON \(join("s", "n")) LEFT JOIN priced p ON \(join("s", "p"))
            ORDER BY s.source, s.account_id, s.campaign_id, s.date
            """
    }

    /// `kpi_campaign_daily`'s sums of the campaigns with these ids on these days, in its columns and key order,
    /// without names or currencies (NULL): what an incremental refresh re-adds (``GoldDayRefresh``, which knows each
    /// campaign's latest text from its own scan). The date range lets the scan skip row groups by zone map.
    ///
    /// An id or day list longer than the language allows in one IN list (``AurumQuery/QueryLimits/maxListItems``:
    /// a run that touches that many campaigns or days) is left out, so rows of other campaigns or days inside the
    /// range may come along: the caller keeps only the (campaign, day)s it asked for.
    static func daySums(campaignIDs: [String], days: [Date32]) -> String {
        let dates = days.map { "DATE '\($0)'" }
        var conditions = ["date BETWEEN \(dates.first ?? "NULL") AND \(dates.last ?? "NULL")"]
        if dates.count <= QueryLimits.maxListItems { conditions.append("date IN (\(dates.joined(separator: ", ")))") }
        if campaignIDs.count <= QueryLimits.maxListItems {
            conditions.insert("campaign_id IN (\(campaignIDs.map(literal).joined(separator: ", ")))", at: 0)
        }
        return """
            SELECT \(campaign), date, CAST(NULL AS VARCHAR) AS campaign_name, CAST(NULL AS VARCHAR) AS currency, \(sums)
            FROM ad_insights WHERE \(conditions.joined(separator: " AND "))
            GROUP BY \(campaign), date ORDER BY \(campaign), date
            """
    }

    /// The daily rows of `table` summed per campaign and `period` (all time when nil). A campaign's name and
    /// currency are the same on all its daily rows, so grouping by them too keeps them.
    static func rollUp(of table: String, period: String?) -> String {
        let keys = "\(campaign)\(period.map { ", \($0)" } ?? "")"
        return """
            SELECT \(keys), campaign_name, currency, \(sums) FROM \(table)
            GROUP BY \(keys), campaign_name, currency ORDER BY \(keys)
            """
    }

    /// The sums of `table` per campaign and `period` as doubles, integers included, in key order: what finds the
    /// group whose integer sum left Int64 once the engine has refused it (of every campaign when the ids are more
    /// than one IN list takes).
    static func sumsAsDoubles(from table: String, period: String?, campaignIDs: [String]?) -> String {
        let keys = "\(campaign)\(period.map { ", \($0)" } ?? "")"
        let only = campaignIDs.flatMap { ids in
            ids.count <= QueryLimits.maxListItems ? " WHERE campaign_id IN (\(ids.map(literal).joined(separator: ", ")))" : nil
        } ?? ""
        return """
            SELECT \(keys), sum(CAST(impressions AS DOUBLE)) AS impressions, sum(CAST(clicks AS DOUBLE)) AS clicks,
                sum(spend) AS spend, sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
            FROM \(table)\(only) GROUP BY \(keys) ORDER BY \(keys)
            """
    }

    /// `schema` with its money and conversions declared decimal (as Silver's are), so that summing Gold rows
    /// again — weekly from daily, the report's weeks — is exact.
    static func declaringDecimals(_ schema: Schema) -> Schema {
        let decimals = ContractTable.adInsights.decimalColumns
        return Schema(schema.fields.map { Field($0.name, $0.type, nullable: $0.nullable, decimal: decimals.contains($0.name)) })
    }

    /// `text` as an SQL string literal.
    private static func literal(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
