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
    /// Many more rows were quarantined about days of the period than of the previous one.
    case quarantineSpike(current: Int, previous: Int)

    /// The relative change `current` / `previous` - 1 (nil when it has no meaning: nothing before, or a value missing).
    public static func change(_ previous: Double?, _ current: Double?) -> Double? {
        guard let previous, let current, previous != 0 else { return nil }
        return (current - previous) / abs(previous)
    }
}
