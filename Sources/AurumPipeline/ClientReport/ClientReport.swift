import AurumCore

/// What a client report shows (`aurum report --html`), computed from Gold's daily rows: per currency — money is
/// never added across currencies — the period's totals against the previous period's, each day's spend and
/// conversions, and every campaign's totals in both periods (for the top, the bottom and the biggest movers);
/// and how many quarantined rows are about days in the period.
public struct ClientReport: Sendable {
    /// One campaign's totals in the period and the previous one.
    public struct Campaign: Sendable, Equatable {
        /// The campaign's key (data contract: source, account_id, campaign_id).
        public var source: String
        public var accountID: String
        public var campaignID: String
        /// The campaign's name (its id when the name is empty).
        public var name: String
        /// Its totals in the period and in the previous one.
        public var current: ReportTotals
        public var previous: ReportTotals
    }

    /// Everything in one currency.
    public struct Section: Sendable {
        /// The currency every amount of the section is in.
        public var currency: String
        /// The currency's totals in the period and in the previous one.
        public var current: ReportTotals
        public var previous: ReportTotals
        /// Each day of the period.
        public var days: [Date32]
        /// Spend and conversions on each day of ``days``: 0 on a day with no rows inside the data's range, nil
        /// outside it (before the data's first day: no data, not no spend).
        public var dailySpend: [Double?]
        public var dailyConversions: [Double?]
        /// Every campaign with rows in either period.
        public var campaigns: [Campaign]

        /// The `count` campaigns that spent most in the period, most first.
        public func top(_ count: Int) -> [Campaign] {
            Array(campaigns.filter { $0.current.spend > 0 }.sorted { order($0.current.spend, $1.current.spend, $0, $1, descending: true) }.prefix(count))
        }

        /// The `count` campaigns with the lowest ROAS among those that spent in the period, lowest first.
        public func lowestROAS(_ count: Int) -> [Campaign] {
            Array(campaigns.filter { $0.current.spend > 0 }.sorted { order($0.current.roas ?? 0, $1.current.roas ?? 0, $0, $1, descending: false) }.prefix(count))
        }

        /// The `count` campaigns whose spend changed most against the previous period (either way), largest
        /// change first; campaigns whose spend did not change are left out.
        public func movers(_ count: Int) -> [Campaign] {
            Array(
                campaigns.filter { $0.current.spend != $0.previous.spend }
                    .sorted { order(abs($0.current.spend - $0.previous.spend), abs($1.current.spend - $1.previous.spend), $0, $1, descending: true) }
                    .prefix(count))
        }

        /// Campaigns that spent in the period without a single conversion, most spend first.
        public var spendingWithoutConversions: [Campaign] {
            campaigns.filter { $0.current.spend > 0 && $0.current.conversions == 0 }.sorted { order($0.current.spend, $1.current.spend, $0, $1, descending: true) }
        }

        /// A total order: by `first`/`second`, then by campaign key, so equal values list the same way every run.
        private func order(_ first: Double, _ second: Double, _ a: Campaign, _ b: Campaign, descending: Bool) -> Bool {
            if first != second { return descending ? first > second : first < second }
            return (a.source, a.accountID, a.campaignID) < (b.source, b.accountID, b.campaignID)
        }
    }

    /// Quarantined rows about days in the period (by reason), and those whose day cannot be read.
    public struct QuarantineNote: Sendable, Equatable {
        /// Reason code and count, most frequent first.
        public var inPeriod: [ReasonCount]
        /// Rows with no readable date (quarantined for it, usually): they may belong to the period.
        public var undated: Int

        /// How many rows were quarantined for one reason.
        public struct ReasonCount: Sendable, Equatable {
            /// The reason code (data contract, rule 3).
            public var reason: String
            /// Rows.
            public var count: Int
        }

        /// Rows about days in the period.
        public var total: Int { inPeriod.reduce(0) { $0 + $1.count } }
    }

    /// The days covered and compared with.
    public var period: ReportPeriod
    /// The last day of the data (every currency).
    public var lastDay: Date32
    /// One section per currency, in currency order.
    public var sections: [Section]
    /// The quarantined rows about days of the period.
    public var quarantine: QuarantineNote

    /// The last and first day of `daily` (Gold's `kpi_campaign_daily` rows); nil when it is empty.
    public static func dataRange(of daily: Batch) -> ClosedRange<Date32>? {
        guard case .date(let dates)? = daily.column(named: "date"), let low = dates.values.min(), let high = dates.values.max() else { return nil }
        return Date32(days: low)...Date32(days: high)
    }

    /// The report of `period` over `daily` (Gold's daily rows, already restricted to a client or converted as
    /// asked) and `quarantine` (the quarantine table's rows). Nil when `daily` is empty.
    ///
    /// `daily` needs only the rows of `period` and the period before; with fewer rows than the data has (a read
    /// from ``ReportPeriod/previousFirst`` on), `dataRange` gives the whole data's days, as the rows would.
    public static func make(daily: Batch, period: ReportPeriod, quarantine: Batch, dataRange: ClosedRange<Date32>? = nil) -> ClientReport? {
        guard let range = dataRange ?? Self.dataRange(of: daily), case .date(let dates)? = daily.column(named: "date"),
            case .string(let currencies)? = daily.column(named: "currency"), case .string(let sources)? = daily.column(named: "source"),
            case .string(let accounts)? = daily.column(named: "account_id"), case .string(let campaignIDs)? = daily.column(named: "campaign_id"),
            case .string(let names)? = daily.column(named: "campaign_name"), case .int64(let impressions)? = daily.column(named: "impressions"),
            case .int64(let clicks)? = daily.column(named: "clicks"), case .double(let spend)? = daily.column(named: "spend"),
            case .double(let conversions)? = daily.column(named: "conversions"), case .double(let value)? = daily.column(named: "conversion_value")
        else { return nil }
        let days = (period.first.days...period.last.days).map(Date32.init(days:))
        struct Building {
            var current = ReportTotals()
            var previous = ReportTotals()
            var spend: [Double?]
            var conversions: [Double?]
            var campaigns: [String: Campaign] = [:]
        }
        let empty = days.map { range.contains($0) ? 0.0 : nil }
        var building: [String: Building] = [:]
        for row in 0..<daily.rowCount {
            let day = dates.values[row]
            let inCurrent = day >= period.first.days && day <= period.last.days
            let inPrevious = day >= period.previousFirst.days && day <= period.previousLast.days
            guard inCurrent || inPrevious else { continue }
            let (source, account, campaignID) = (sources[row] ?? "", accounts[row] ?? "", campaignIDs[row] ?? "")
            let key = [source, account, campaignID].joined(separator: "\u{1F}")
            func add(_ totals: inout ReportTotals) {
                totals.add(
                    impressions: impressions.values[row], clicks: clicks.values[row], spend: spend.values[row], conversions: conversions.values[row],
                    conversionValue: value.values[row])
            }
            // Sections and campaigns are changed where they are kept: a copy taken out and put back would copy the
            // section's whole campaign dictionary on every row.
            func add(to section: inout Building) {
                func fresh() -> Campaign {
                    Campaign(
                        source: source, accountID: account, campaignID: campaignID,
                        name: (names[row] ?? "").isEmpty ? campaignID : (names[row] ?? ""), current: ReportTotals(), previous: ReportTotals())
                }
                if inCurrent {
                    add(&section.current)
                    add(&section.campaigns[key, default: fresh()].current)
                    let index = Int(day - period.first.days)
                    section.spend[index] = (section.spend[index] ?? 0) + spend.values[row]
                    section.conversions[index] = (section.conversions[index] ?? 0) + conversions.values[row]
                } else {
                    add(&section.previous)
                    add(&section.campaigns[key, default: fresh()].previous)
                }
            }
            add(to: &building[currencies[row] ?? "", default: Building(spend: empty, conversions: empty)])
        }
        let sections = building.keys.sorted().compactMap { currency -> Section? in
            guard let section = building[currency] else { return nil }
            let campaigns = section.campaigns.keys.sorted().compactMap { section.campaigns[$0] }
            return Section(
                currency: currency, current: section.current, previous: section.previous, days: days, dailySpend: section.spend,
                dailyConversions: section.conversions, campaigns: campaigns)
        }
        return ClientReport(period: period, lastDay: range.upperBound, sections: sections, quarantine: quarantineNote(quarantine, period: period))
    }

    /// Counts `quarantine`'s rows about days in `period`, by reason, and those without a readable day.
    static func quarantineNote(_ quarantine: Batch, period: ReportPeriod) -> QuarantineNote {
        guard case .string(let reasons)? = quarantine.column(named: "reason"), case .string(let raws)? = quarantine.column(named: "raw") else {
            return QuarantineNote(inPeriod: [], undated: 0)
        }
        var counts: [String: Int] = [:]
        var undated = 0
        for row in 0..<quarantine.rowCount {
            guard let day = QuarantineDates.date(inRaw: raws[row] ?? "") else {
                undated += 1
                continue
            }
            if day >= period.first && day <= period.last { counts[reasons[row] ?? "", default: 0] += 1 }
        }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return QuarantineNote(inPeriod: ordered.map { QuarantineNote.ReasonCount(reason: $0.key, count: $0.value) }, undated: undated)
    }
}
