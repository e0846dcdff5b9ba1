/// A measure a question can ask for, and how to compute it over any group of rows.
///
/// Additive measures are sums of a column. KPIs are ratios of sums (CTR = sum(clicks) / sum(impressions)),
/// never averages of per-row ratios, so that they are right over any group or period. `/` in Aurum's language
/// divides as DOUBLE and gives NULL for a zero divisor.
enum Metric: String, CaseIterable, Sendable {
    case spend, impressions, clicks, conversions
    case conversionValue = "conversion_value"
    case ctr, cpc, cpm, cpa, roas
    case conversionRate = "conversion_rate"
    case averageOrderValue = "average_order_value"
    /// `count(DISTINCT campaign_id)`: "how many campaigns".
    case campaignCount = "campaigns"
    /// `count(DISTINCT ad_id)`: "how many ads" (Silver only).
    case adCount = "ads"
    /// `count(DISTINCT account_id)`: "how many accounts".
    case accountCount = "accounts"

    /// The result column's name.
    var alias: String { rawValue }

    /// The column summed by an additive measure; nil for ratios and counts.
    var summedColumn: String? {
        switch self {
        case .spend, .impressions, .clicks, .conversions: rawValue
        case .conversionValue: "conversion_value"
        default: nil
        }
    }

    /// Whether the measure is a ratio of two sums.
    var isRatio: Bool { denominatorColumn != nil }

    /// The column whose sum divides a ratio (groups where it is 0 have no value and are left out of rankings).
    var denominatorColumn: String? {
        switch self {
        case .ctr, .cpm: "impressions"
        case .cpc, .conversionRate: "clicks"
        case .cpa, .averageOrderValue: "conversions"
        case .roas: "spend"
        default: nil
        }
    }

    /// The aggregate expression over the rows of a group.
    var expression: String {
        switch self {
        case .spend, .impressions, .clicks, .conversions, .conversionValue: "sum(\(summedColumn ?? rawValue))"
        case .ctr: "sum(clicks) / sum(impressions)"
        case .cpc: "sum(spend) / sum(clicks)"
        case .cpm: "1000 * sum(spend) / sum(impressions)"
        case .cpa: "sum(spend) / sum(conversions)"
        case .roas: "sum(conversion_value) / sum(spend)"
        case .conversionRate: "sum(conversions) / sum(clicks)"
        case .averageOrderValue: "sum(conversion_value) / sum(conversions)"
        case .campaignCount: "count(DISTINCT campaign_id)"
        case .adCount: "count(DISTINCT ad_id)"
        case .accountCount: "count(DISTINCT account_id)"
        }
    }

    /// Whether more is better ("best ROAS" is the highest; "best CPA" is the lowest).
    var higherIsBetter: Bool {
        switch self {
        case .cpc, .cpm, .cpa: false
        default: true
        }
    }

    /// Whether the measure is money or built on money (spend, conversion value and their KPIs): such a measure
    /// over rows of more than one currency is given per currency, never added (docs/currencies.md). ROAS is a
    /// ratio of two amounts in the same currency, but its sums still must not mix currencies.
    var isMoney: Bool {
        switch self {
        case .spend, .conversionValue, .cpc, .cpm, .cpa, .roas, .averageOrderValue: true
        default: false
        }
    }

    /// Whether only the Silver table (`ad_insights`) has what the measure needs.
    var needsAdLevel: Bool { self == .adCount }
}
