import AurumCore

/// Anomalies against a campaign's own recent days (docs/insights.md): on the data's last day, a campaign's spend
/// or CPA more than ``deviationsMin`` robust deviations away from the median of its previous ``baselineDays``
/// days.
///
/// The robust deviation is 1.4826 × the median absolute deviation of those days (the standard deviation of normal
/// data, but not moved by one odd day), floored at ``scaleFloor`` of the median so that a campaign that spends the
/// same every day is not flagged for an ordinary few percent. Only days with rows count (a campaign that did not
/// run is not a day of zero); CPA counts only days with conversions. A campaign needs ``baselineDaysMin`` such
/// days and a row on the last day, and at least ``InsightFinder/shareMin`` of its currency's spend in the period.
enum InsightAnomalies {
    /// Days before the last one that make a campaign's baseline.
    static let baselineDays = 14
    /// Fewest baseline days with a value.
    static let baselineDaysMin = 7
    /// Robust deviations beyond which a day is an anomaly.
    static let deviationsMin = 3.0
    /// The robust deviation is never taken below this share of the median.
    static let scaleFloor = 0.1
    /// MAD × this estimates the standard deviation of normal data.
    static let madScale = 1.4826

    private struct Day {
        var spend = 0.0
        var conversions = 0.0
    }

    private struct Campaign {
        var name: String
        var currency: String
        var days: [Int32: Day] = [:]
        var periodSpend = 0.0
    }

    static func facts(daily: Batch, period: ReportPeriod) -> [InsightFact] {
        guard case .date(let dates)? = daily.column(named: "date"), case .string(let currencies)? = daily.column(named: "currency"),
            case .string(let sources)? = daily.column(named: "source"), case .string(let accounts)? = daily.column(named: "account_id"),
            case .string(let campaignIDs)? = daily.column(named: "campaign_id"), case .string(let names)? = daily.column(named: "campaign_name"),
            case .double(let spend)? = daily.column(named: "spend"), case .double(let conversions)? = daily.column(named: "conversions")
        else { return [] }
        let last = period.last.days
        let first = last - Int32(baselineDays)
        var campaigns: [String: Campaign] = [:]
        var currencySpend: [String: Double] = [:]
        for row in 0..<daily.rowCount {
            let day = dates.values[row]
            let currency = currencies[row] ?? ""
            let inPeriod = day >= period.first.days && day <= last
            guard inPeriod || (day >= first && day <= last) else { continue }
            let key = [currency, sources[row] ?? "", accounts[row] ?? "", campaignIDs[row] ?? ""].joined(separator: "\u{1F}")
            let name = (names[row] ?? "").isEmpty ? (campaignIDs[row] ?? "") : (names[row] ?? "")
            if inPeriod { currencySpend[currency, default: 0] += spend.values[row] }
            // Changed where it is kept: a copy taken out and put back would copy its days on every row.
            func add(to campaign: inout Campaign) {
                if inPeriod { campaign.periodSpend += spend.values[row] }
                if day >= first {
                    campaign.days[day, default: Day()].spend += spend.values[row]
                    campaign.days[day, default: Day()].conversions += conversions.values[row]
                }
            }
            add(to: &campaigns[key, default: Campaign(name: name, currency: currency)])
        }
        var found: [(score: Double, fact: InsightFact)] = []
        for key in campaigns.keys.sorted() {
            guard let campaign = campaigns[key], let today = campaign.days[last] else { continue }
            let whole = currencySpend[campaign.currency] ?? 0
            guard whole > 0, campaign.periodSpend / whole >= InsightFinder.shareMin else { continue }
            let before = campaign.days.filter { $0.key < last }.sorted { $0.key < $1.key }.map(\.value)
            let spendDays = before.map(\.spend)
            let cpaDays = before.filter { $0.conversions > 0 }.map { $0.spend / $0.conversions }
            let candidates: [(InsightFact.KPI, Double?, [Double])] = [
                (.spend, today.spend, spendDays), (.cpa, today.conversions > 0 ? today.spend / today.conversions : nil, cpaDays),
            ]
            for (kpi, value, baseline) in candidates {
                guard let value, baseline.count >= baselineDaysMin else { continue }
                let center = median(baseline)
                let scale = max(madScale * median(baseline.map { abs($0 - center) }), scaleFloor * abs(center))
                guard scale > 0, abs(value - center) > deviationsMin * scale else { continue }
                found.append((abs(value - center) / scale, .anomaly(
                    campaign: campaign.name, currency: campaign.currency, kpi: kpi, day: period.last, value: value, median: center,
                    baselineDays: baseline.count)))
            }
        }
        return found.sorted { $0.score > $1.score }.map(\.fact)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
