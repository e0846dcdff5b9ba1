import AurumDomain

/// A measure a question can ask for, and how to compute it over any group of rows.
///
/// Additive measures are sums of a column (a ``Measure`` of the domain catalogue). KPIs are ratios of sums
/// (CTR = sum(clicks) / sum(impressions)), never averages of per-row ratios, so that they are right over any
/// group or period; their formulas, directions and currencies are the catalogue's (``KPI``). The rest are counts
/// of distinct ids, which only the translator asks for.
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

    /// The domain measure this is, when it is a sum of one.
    var measure: Measure? { Measure(rawValue: rawValue) }

    /// The domain KPI this is, when it is a ratio of sums.
    var kpi: KPI? { KPI(rawValue: rawValue) }

    /// The column summed by an additive measure; nil for ratios and counts.
    var summedColumn: String? { measure?.column }

    /// Whether the measure is a ratio of two sums.
    var isRatio: Bool { kpi != nil }

    /// The column whose sum divides a ratio (groups where it is 0 have no value and are left out of rankings).
    var denominatorColumn: String? { kpi?.denominator.column }

    /// The aggregate expression over the rows of a group.
    var expression: String {
        if let measure { return "sum(\(measure.column))" }
        if let kpi { return kpi.sumRatioExpression }
        switch self {
        case .campaignCount: return "count(DISTINCT campaign_id)"
        case .adCount: return "count(DISTINCT ad_id)"
        case .accountCount: return "count(DISTINCT account_id)"
        default: preconditionFailure("\(rawValue) is a measure or a KPI of the domain catalogue")
        }
    }

    /// Whether more is better ("best ROAS" is the highest; "best CPA" is the lowest): the catalogue's direction
    /// for KPIs; more of a sum or a count is better.
    var higherIsBetter: Bool { kpi.map { $0.betterDirection == .higher } ?? true }

    /// Whether the measure is money or built on money (spend, conversion value and the KPIs that sum them, ROAS
    /// included: ``KPI/sumsMoney``): such a measure over rows of more than one currency is given per currency,
    /// never added (docs/currencies.md).
    var isMoney: Bool { measure?.isMoney ?? kpi?.sumsMoney ?? false }

    /// Whether only the Silver table (`ad_insights`) has what the measure needs.
    var needsAdLevel: Bool { self == .adCount }
}
