import AurumCore
import AurumDomain
import AurumQuery
import AurumStorage

/// The demo's summary of Gold: the top campaigns by spend over the latest weeks, with their KPIs computed as
/// ratios of the summed measures (never averages of weekly ratios).
///
/// Money is never added or ranked across currencies (docs/currencies.md): campaigns are ranked within their
/// account's currency, one ``Section`` per currency, each with its own totals. With a conversion (the weekly
/// table converted by ``CurrencyConversion``) there is one section, in the converted currency.
public struct GoldReport: Sendable {
    /// The KPIs the report shows for each campaign and total, in its column order (CPM is left out: the report
    /// ranks by spend and shows the per-result costs).
    public static let kpis: [KPI] = [.ctr, .cpc, .cpa, .roas]

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

        /// The sum of `measure` over the line's weeks.
        public func sum(_ measure: Measure) -> Double {
            switch measure {
            case .impressions: Double(impressions)
            case .clicks: Double(clicks)
            case .spend: spend
            case .conversions: conversions
            case .conversionValue: conversionValue
            }
        }

        /// `kpi` as the ratio of the line's sums (the domain catalogue's formula); nil where its denominator is 0.
        public func value(_ kpi: KPI) -> Double? {
            kpi.value(numerator: sum(kpi.numerator), denominator: sum(kpi.denominator))
        }

    }

    /// The campaigns of one currency.
    public struct Section: Sendable {
        public var currency: String
        /// The top campaigns by spend, largest first.
        public var lines: [Line]
        /// Campaigns of this currency in the weeks covered.
        public var campaignCount: Int
        /// Every campaign of this currency in the weeks covered, summed (its KPIs are ratios of these sums).
        public var total: Line
    }

    /// A week of the report with fewer days of data than seven.
    public struct PartialWeek: Sendable, Equatable {
        public var week: Date32
        /// Days of the week with data (1 to 6).
        public var dayCount: Int
        public var firstDay: Date32
        public var lastDay: Date32
    }

    /// The first and last ISO week (Mondays) covered.
    public var weeks: ClosedRange<Date32>?
    /// One section per currency, sorted by currency code.
    public var sections: [Section]
    /// Weeks of the report that the data covers only in part (the latest week, usually): their totals are not
    /// comparable with full weeks.
    public var partialWeeks: [PartialWeek]

    /// Top `top` campaigns by spend per currency over the latest `weekCount` weeks of `weekly` (the Gold weekly
    /// table, converted or not); `days` are the distinct days of `kpi_campaign_daily`, for partial weeks.
    ///
    /// A campaign's and a currency's sums are queries over `weekly` that the engine runs (``GoldReportQueries``),
    /// adding money exactly as decimals.
    public static func make(weekly: Batch, days: [Int32], weekCount: Int, top: Int) throws -> GoldReport {
        guard weekly.rowCount > 0, case .date(let weeks) = weekly.column(named: "week") else {
            return GoldReport(weeks: nil, sections: [], partialWeeks: [])
        }
        let distinctWeeks = Array(Set(weeks.values)).sorted()
        let chosenWeeks = Array(distinctWeeks.suffix(max(1, weekCount)))
        let firstWeek = Date32(days: chosenWeeks.first ?? 0).description
        let table = LazyTable(schema: GoldQueries.declaringDecimals(weekly.schema)) { weekly }
        let engine = QueryEngine(catalog: DictionaryCatalog([GoldReportQueries.weeklyTable: table]), today: Date32(days: 0))
        let ranked = try lines(of: try run(GoldReportQueries.lines(from: firstWeek), on: engine), campaigns: true)
        let totals = try lines(of: try run(GoldReportQueries.totals(from: firstWeek), on: engine), campaigns: false)
        let byCurrency = Dictionary(grouping: ranked, by: \.currency)
        let sections = totals.map { total in
            let members = byCurrency[total.currency] ?? []
            return Section(currency: total.currency, lines: Array(members.prefix(top)), campaignCount: members.count, total: total)
        }
        var daysByWeek: [Int32: [Int32]] = [:]
        for day in Set(days) { daysByWeek[Date32(days: day).weekStart.days, default: []].append(day) }
        let partial = chosenWeeks.compactMap { week -> PartialWeek? in
            guard let present = daysByWeek[week], present.count < 7, let first = present.min(), let last = present.max() else { return nil }
            return PartialWeek(week: Date32(days: week), dayCount: present.count, firstDay: Date32(days: first), lastDay: Date32(days: last))
        }
        return GoldReport(
            weeks: Date32(days: chosenWeeks.first ?? 0)...Date32(days: chosenWeeks.last ?? 0), sections: sections, partialWeeks: partial)
    }

    private static func run(_ query: String, on engine: QueryEngine) throws -> Batch {
        do throws(QueryError) { return try engine.run(query).batch } catch { throw PipelineError.goldQueryFailed(table: "report", reason: error.description) }
    }

    /// The rows of a ``GoldReportQueries`` result as lines (the currency totals' without a campaign when
    /// `campaigns` is false), in the result's order.
    private static func lines(of batch: Batch, campaigns: Bool) throws -> [Line] {
        let text = { (name: String, row: Int) -> String in
            if case .string(let column)? = batch.column(named: name) { return column[row] ?? "" }
            return ""
        }
        guard case .int64(let impressions)? = batch.column(named: "impressions"), case .int64(let clicks)? = batch.column(named: "clicks"),
            case .double(let spend)? = batch.column(named: "spend"), case .double(let conversions)? = batch.column(named: "conversions"),
            case .double(let value)? = batch.column(named: "conversion_value")
        else { throw PipelineError.goldQueryFailed(table: "report", reason: "the sums have unexpected types") }
        return (0..<batch.rowCount).map { row in
            Line(
                source: campaigns ? text("source", row) : "", accountID: campaigns ? text("account_id", row) : "",
                campaignID: campaigns ? text("campaign_id", row) : "", campaignName: campaigns ? text("campaign_name", row) : "",
                currency: text("currency", row), impressions: impressions.values[row], clicks: clicks.values[row], spend: spend.values[row],
                conversions: conversions.values[row], conversionValue: value.values[row])
        }
    }

    /// The distinct days of `kpi_campaign_daily`; only of the rows `restrict` keeps of its `date`, `source` and
    /// `account_id` columns when given (a client's accounts).
    public static func days(store: Store, restrict: ((Batch) throws -> Batch)? = nil) throws -> [Int32] {
        guard store.manifest.tables[ContractTable.kpiCampaignDaily.rawValue] != nil else { return [] }
        var daily = try store.readAll(ContractTable.kpiCampaignDaily.rawValue, columns: restrict == nil ? ["date"] : ["date", "source", "account_id"])
        if let restrict { daily = try restrict(daily) }
        guard case .date(let dates)? = daily.column(named: "date") else { return [] }
        return Array(Set(dates.values))
    }
}
