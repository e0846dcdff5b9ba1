import AurumCore

/// One thing Aurum found in the data for `aurum insights`, with the figures behind it: every number a narrative
/// says comes from one of these (computed from Gold and the quarantine, never written by hand or by a model).
public enum InsightFact: Sendable, Equatable {
    /// A KPI that can be compared between the periods.
    public enum KPI: String, Sendable, CaseIterable {
        case spend, conversions, cpa, roas
    }

    /// A currency's total `kpi` in the period against the previous one (context, always stated).
    case total(currency: String, kpi: KPI, previous: Double?, current: Double?)
    /// A campaign's `kpi` changed by at least ``InsightFinder/changeMin`` of its previous value.
    case campaignChange(campaign: String, currency: String, kpi: KPI, previous: Double, current: Double)
    /// A campaign spent in the period without one conversion (`previousConversions` the period before).
    case spendWithoutConversions(campaign: String, currency: String, spend: Double, previousConversions: Double)
    /// On `day` (the data's last), a campaign's `kpi` (spend or CPA) was far from the `median` of its previous
    /// `baselineDays` days with a value (``InsightAnomalies``).
    case anomaly(campaign: String, currency: String, kpi: KPI, day: Date32, value: Double, median: Double, baselineDays: Int)
    /// A currency's spend from the month's `first` day to the data's `last` day, against the same days of the
    /// previous month (`previousFirst`…`previousLast`) and that whole month (``InsightPacing``).
    case pacing(currency: String, first: Date32, last: Date32, spend: Double, previousFirst: Date32, previousLast: Date32, previousSpend: Double, previousMonthSpend: Double)
    /// Many more rows were quarantined about days of the period than of the previous one.
    case quarantineSpike(current: Int, previous: Int)

    /// The relative change `current` / `previous` - 1 (nil when it has no meaning: nothing before, or a value missing).
    public static func change(_ previous: Double?, _ current: Double?) -> Double? {
        guard let previous, let current, previous != 0 else { return nil }
        return (current - previous) / abs(previous)
    }

    /// The campaign the fact is about, if one.
    public var campaign: String? {
        switch self {
        case .campaignChange(let campaign, _, _, _, _), .spendWithoutConversions(let campaign, _, _, _), .anomaly(let campaign, _, _, _, _, _, _): campaign
        case .total, .pacing, .quarantineSpike: nil
        }
    }

    /// The (before, after) pairs the fact compares, each of whose relative change may be stated.
    public var comparedFigures: [(Double?, Double?)] {
        switch self {
        case .total(_, _, let previous, let current): [(previous, current)]
        case .campaignChange(_, _, _, let previous, let current): [(previous, current)]
        case .anomaly(_, _, _, _, let value, let median, _): [(median, value)]
        case .pacing(_, _, _, let spend, _, _, let previousSpend, _): [(previousSpend, spend)]
        case .quarantineSpike(let current, let previous): [(Double(previous), Double(current))]
        case .spendWithoutConversions: []
        }
    }

    /// The fact's other figures (counts and amounts stated but not compared).
    public var otherFigures: [Double] {
        switch self {
        case .spendWithoutConversions(_, _, let spend, let previousConversions): [spend, previousConversions]
        case .anomaly(_, _, _, _, _, _, let baselineDays): [Double(baselineDays)]
        case .pacing(_, let first, let last, _, _, _, _, let previousMonthSpend): [previousMonthSpend, Double(last.days - first.days + 1)]
        case .total, .campaignChange, .quarantineSpike: []
        }
    }

    /// The fact's amounts of money and their currency (nil when it states none).
    public var money: (currency: String, figures: [Double])? {
        switch self {
        case .total(let currency, let kpi, let previous, let current) where kpi == .spend || kpi == .cpa:
            (currency, [previous, current].compactMap { $0 })
        case .campaignChange(_, let currency, let kpi, let previous, let current) where kpi == .spend || kpi == .cpa: (currency, [previous, current])
        case .spendWithoutConversions(_, let currency, let spend, _): (currency, [spend])
        case .anomaly(_, let currency, _, _, let value, let median, _): (currency, [value, median])
        case .pacing(let currency, _, _, let spend, _, _, let previousSpend, let previousMonthSpend): (currency, [spend, previousSpend, previousMonthSpend])
        case .total, .campaignChange, .quarantineSpike: nil
        }
    }

    /// The days the fact names.
    public var days: [Date32] {
        switch self {
        case .anomaly(_, _, _, let day, _, _, _): [day]
        case .pacing(_, let first, let last, _, let previousFirst, let previousLast, _, _): [first, last, previousFirst, previousLast]
        case .total, .campaignChange, .spendWithoutConversions, .quarantineSpike: []
        }
    }
}
