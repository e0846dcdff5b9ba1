/// What a question breaks its measures down by.
enum Breakdown: String, CaseIterable, Sendable {
    case campaign, account, source, day, week, month, quarter, year, adset, ad
    /// The account currency: money of different currencies is never added (docs/currencies.md).
    case currency
    /// Groups of campaigns named in the question ("Search vs Performance Max"), each one total. The composer
    /// writes the `CASE` from the question's name filters (``CampaignGroups``); here it is only the column's name.
    case campaignGroup = "campaign_group"
    /// The day of the week (``Weekday``); labels in the question's language, written by the composer.
    case weekday
    /// Weekend or weekday (``Weekday``).
    case weekPart = "week_part"
    /// Why a row was quarantined (the `quarantine` table's `reason`; data-quality questions only).
    case reason

    /// The select-list item (with its alias where it is an expression).
    var selectItem: String {
        switch self {
        case .campaign: "campaign_name"
        case .account: "account_id"
        case .source: "source"
        case .day: "date"
        case .week: "date_trunc('week', date) AS week"
        case .month: "date_trunc('month', date) AS month"
        case .quarter: "date_trunc('quarter', date) AS quarter"
        case .year: "date_trunc('year', date) AS year"
        case .adset: "adset_name"
        case .ad: "ad_name"
        case .currency: "currency"
        case .campaignGroup: "campaign_group"
        case .weekday: "weekday"
        case .weekPart: "week_part"
        case .reason: "reason"
        }
    }

    /// The GROUP BY keys. Campaigns are grouped by name, as an analyst reads them: Gold gives every campaign
    /// one name (its latest), so a name is a campaign, except that campaigns with no name at all fall together
    /// under NULL. Ad sets and ads are grouped by id as well as name (the result shows only the name), because
    /// Google often sends no ad name and whole accounts of ads would otherwise merge.
    var groupKeys: [String] {
        switch self {
        case .campaign: ["campaign_name"]
        case .account: ["account_id"]
        case .source: ["source"]
        case .day: ["date"]
        case .week: ["date_trunc('week', date)"]
        case .month: ["date_trunc('month', date)"]
        case .quarter: ["date_trunc('quarter', date)"]
        case .year: ["date_trunc('year', date)"]
        case .adset: ["adset_id", "adset_name"]
        case .ad: ["ad_id", "ad_name"]
        case .currency: ["currency"]
        case .campaignGroup: ["campaign_group"]
        case .weekday: [Weekday.index]
        case .weekPart: ["week_part"]
        case .reason: ["reason"]
        }
    }

    /// The name ORDER BY uses for this column.
    var orderKey: String {
        switch self {
        case .campaign: "campaign_name"
        case .account: "account_id"
        case .source: "source"
        case .day: "date"
        case .week: "week"
        case .month: "month"
        case .quarter: "quarter"
        case .year: "year"
        case .adset: "adset_name"
        case .ad: "ad_name"
        case .currency: "currency"
        case .campaignGroup: "campaign_group"
        case .weekday: Weekday.index
        case .weekPart: "week_part"
        case .reason: "reason"
        }
    }

    /// Whether this is a calendar period (a series is ordered by it).
    var isTime: Bool { [.day, .week, .month, .quarter, .year].contains(self) }

    /// Whether only the Silver table (`ad_insights`) has the column.
    var needsAdLevel: Bool { self == .adset || self == .ad }
}
