import AurumCore
import AurumStorage

/// The demo's summary of Gold: the top campaigns by spend over the latest weeks, with their KPIs computed as
/// ratios of the summed measures (never averages of weekly ratios).
public struct GoldReport: Sendable {
    public struct Line: Sendable {
        public var source: String
        public var accountID: String
        public var campaignID: String
        public var campaignName: String
        public var currency: String
        public var impressions: Int64
        public var clicks: Int64
        public var spend: Double
        public var conversions: Double
        public var conversionValue: Double
        public var ctr: Double? { impressions == 0 ? nil : Double(clicks) / Double(impressions) }
        public var cpc: Double? { clicks == 0 ? nil : spend / Double(clicks) }
        public var cpa: Double? { conversions == 0 ? nil : spend / conversions }
        public var roas: Double? { spend == 0 ? nil : conversionValue / spend }
    }

    /// The first and last ISO week (Mondays) covered.
    public var weeks: ClosedRange<Date32>?
    public var lines: [Line]
    /// Campaigns with spend in those weeks.
    public var campaignCount: Int

    /// Top `top` campaigns by spend over the latest `weekCount` weeks present in `kpi_campaign_weekly`.
    public static func make(store: Store, weekCount: Int, top: Int) throws -> GoldReport {
        let weekly = try TableReader.readSorted(.kpiCampaignWeekly, store: store)
        guard weekly.rowCount > 0, case .date(let weeks) = weekly.column(named: "week") else {
            return GoldReport(weeks: nil, lines: [], campaignCount: 0)
        }
        let distinctWeeks = Array(Set(weeks.values)).sorted()
        let chosen = Set(distinctWeeks.suffix(max(1, weekCount)))
        var lines: [CampaignKey: Line] = [:]
        let text = { (name: String, row: Int) -> String in
            if case .string(let column) = weekly.column(named: name) { return column[row] ?? "" }
            return ""
        }
        guard case .int64(let impressions) = weekly.column(named: "impressions"), case .int64(let clicks) = weekly.column(named: "clicks"),
            case .double(let spend) = weekly.column(named: "spend"), case .double(let conversions) = weekly.column(named: "conversions"),
            case .double(let value) = weekly.column(named: "conversion_value")
        else { return GoldReport(weeks: nil, lines: [], campaignCount: 0) }
        for row in 0..<weekly.rowCount where chosen.contains(weeks.values[row]) {
            let key = CampaignKey(source: text("source", row), accountID: text("account_id", row), campaignID: text("campaign_id", row))
            var line = lines[key] ?? Line(
                source: key.source, accountID: key.accountID, campaignID: key.campaignID, campaignName: text("campaign_name", row),
                currency: text("currency", row), impressions: 0, clicks: 0, spend: 0, conversions: 0, conversionValue: 0)
            line.impressions += impressions.values[row]
            line.clicks += clicks.values[row]
            line.spend += spend.values[row]
            line.conversions += conversions.values[row]
            line.conversionValue += value.values[row]
            lines[key] = line
        }
        let ranked = lines.values.sorted { $0.spend != $1.spend ? $0.spend > $1.spend : $0.campaignID < $1.campaignID }
        let first = Date32(days: distinctWeeks.suffix(max(1, weekCount)).first ?? 0)
        let last = Date32(days: distinctWeeks.last ?? 0)
        return GoldReport(weeks: first...last, lines: Array(ranked.prefix(top)), campaignCount: ranked.count)
    }
}
