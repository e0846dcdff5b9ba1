import AurumCore

/// Finds the ``InsightFact``s of a period against the one before, from Gold's daily rows and the quarantine:
///
/// - per currency, the totals of spend, conversions, CPA and ROAS (context);
/// - campaigns whose spend, conversions, CPA or ROAS changed by ``changeMin`` or more, among the campaigns that
///   matter (at least ``shareMin`` of their currency's spend in either period), largest changes first;
/// - campaigns that spent at least ``shareMin`` of their currency's spend without a single conversion (their
///   conversions, CPA and ROAS changes, consequences of that one fact, are not repeated as changes);
/// - anomalies against a campaign's own recent days (``InsightAnomalies``);
/// - pacing: the month so far against the same days of the previous month (``InsightPacing``);
/// - a quarantine spike: at least ``spikeRowsMin`` rows about days of the period, and at least twice as many as
///   the period before.
///
/// Nothing else: no fact is found that these rules do not compute, so a narrative cannot say more than they do.
public enum InsightFinder {
    /// Smallest relative change reported (30%).
    public static let changeMin = 0.3
    /// Smallest share of its currency's spend that makes a campaign worth a finding (10%).
    public static let shareMin = 0.1
    /// Fewest quarantined rows that make a spike.
    public static let spikeRowsMin = 5
    /// Most campaign changes reported.
    public static let changeCountMax = 8

    /// The facts of `period` over `daily` and `quarantine`; nil when `daily` is empty. `daily` needs only the
    /// rows from ``firstDayRead(for:)`` on, `dataRange` then being the whole data's days.
    public static func facts(daily: Batch, quarantine: Batch, period: ReportPeriod, dataRange: ClosedRange<Date32>? = nil) -> [InsightFact]? {
        guard let report = ClientReport.make(daily: daily, period: period, quarantine: quarantine, dataRange: dataRange) else { return nil }
        var facts: [InsightFact] = []
        var changes: [(ratio: Double, fact: InsightFact)] = []
        var silent: [InsightFact] = []
        for section in report.sections {
            let currency = section.currency
            facts.append(.total(currency: currency, kpi: .spend, previous: section.previous.isEmpty ? nil : section.previous.spend, current: section.current.spend))
            facts.append(.total(currency: currency, kpi: .conversions, previous: section.previous.isEmpty ? nil : section.previous.conversions, current: section.current.conversions))
            facts.append(.total(currency: currency, kpi: .cpa, previous: section.previous.cpa, current: section.current.cpa))
            facts.append(.total(currency: currency, kpi: .roas, previous: section.previous.roas, current: section.current.roas))
            for campaign in section.campaigns {
                let matters = share(campaign.current.spend, of: section.current.spend) >= shareMin
                    || share(campaign.previous.spend, of: section.previous.spend) >= shareMin
                guard matters else { continue }
                let withoutConversions = campaign.current.spend > 0 && campaign.current.conversions == 0
                if withoutConversions && share(campaign.current.spend, of: section.current.spend) >= shareMin {
                    silent.append(.spendWithoutConversions(campaign: campaign.name, currency: currency, spend: campaign.current.spend, previousConversions: campaign.previous.conversions))
                }
                for kpi in InsightFact.KPI.allCases {
                    // Without conversions, their fall (and CPA's and ROAS's with them) is the one fact already stated.
                    if withoutConversions && kpi != .spend { continue }
                    let (previous, current) = values(kpi, campaign)
                    guard let previous, let current, let ratio = InsightFact.change(previous, current), abs(ratio) >= changeMin else { continue }
                    changes.append((ratio, .campaignChange(campaign: campaign.name, currency: currency, kpi: kpi, previous: previous, current: current)))
                }
            }
        }
        changes.sort { abs($0.ratio) != abs($1.ratio) ? abs($0.ratio) > abs($1.ratio) : String(describing: $0.fact) < String(describing: $1.fact) }
        facts += changes.prefix(changeCountMax).map(\.fact)
        facts += silent
        facts += InsightAnomalies.facts(daily: daily, period: period)
        facts += InsightPacing.facts(daily: daily, lastDay: period.last)
        let previousPeriod = ReportPeriod(first: period.previousFirst, last: period.previousLast, previousFirst: period.previousFirst, previousLast: period.previousLast)
        let current = report.quarantine.total
        let previous = ClientReport.quarantineNote(quarantine, period: previousPeriod).total
        if current >= spikeRowsMin && current >= 2 * previous { facts.append(.quarantineSpike(current: current, previous: previous)) }
        return facts
    }

    /// The first day whose daily rows the facts of `period` read: the period before it, a campaign's baseline
    /// days before the last one (``InsightAnomalies``), and the previous month (``InsightPacing``).
    public static func firstDayRead(for period: ReportPeriod) -> Date32 {
        let (year, month, _) = period.last.civil
        let previousMonth = month == 1 ? Date32(year: year - 1, month: 12, day: 1) : Date32(year: year, month: month - 1, day: 1)
        let baselineFirst = Date32(days: period.last.days - Int32(InsightAnomalies.baselineDays))
        return [period.previousFirst, baselineFirst, previousMonth ?? period.previousFirst].min()!
    }

    private static func share(_ part: Double, of whole: Double) -> Double { whole > 0 ? part / whole : 0 }

    private static func values(_ kpi: InsightFact.KPI, _ campaign: ClientReport.Campaign) -> (Double?, Double?) {
        switch kpi {
        case .spend: (campaign.previous.spend, campaign.current.spend)
        case .conversions: (campaign.previous.conversions, campaign.current.conversions)
        case .cpa: (campaign.previous.cpa, campaign.current.cpa)
        case .roas: (campaign.previous.roas, campaign.current.roas)
        }
    }
}
