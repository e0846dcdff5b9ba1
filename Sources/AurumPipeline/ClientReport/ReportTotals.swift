/// Sums over some Gold rows (one currency), and the KPIs built on them as the data contract defines them.
public struct ReportTotals: Sendable, Equatable {
    /// Sums of the Gold rows added.
    public var impressions: Int64 = 0
    public var clicks: Int64 = 0
    public var spend: Double = 0
    public var conversions: Double = 0
    public var conversionValue: Double = 0

    /// Nothing added yet.
    public init() {}

    /// spend / conversions; nil without conversions.
    public var cpa: Double? { conversions == 0 ? nil : spend / conversions }
    /// conversion_value / spend; nil without spend.
    public var roas: Double? { spend == 0 ? nil : conversionValue / spend }
    /// Whether any row was added.
    public var isEmpty: Bool { impressions == 0 && clicks == 0 && spend == 0 && conversions == 0 && conversionValue == 0 }

    mutating func add(impressions: Int64, clicks: Int64, spend: Double, conversions: Double, conversionValue: Double) {
        self.impressions += impressions
        self.clicks += clicks
        self.spend += spend
        self.conversions += conversions
        self.conversionValue += conversionValue
    }
}
