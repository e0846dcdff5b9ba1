import AurumCore
import AurumStorage

/// Money converted into one currency with the store's ``ExchangeRates`` (`--currency` on report, ask and
/// export; docs/currencies.md).
///
/// Each row's amounts (spend, conversion_value) are multiplied by the rate of the row's own day, so a week or
/// all time is the sum of its days converted day by day; the KPIs built on money (cpc, cpm, cpa, roas) are then
/// ratios of those converted sums, never conversions of a ratio. A row whose currency has no rate on or
/// before its day stops the conversion with an error naming the first such day and currency.
public enum CurrencyConversion {
    /// The money columns converted.
    public static let moneyColumns = ["spend", "conversion_value"]

    /// `batch` (which has `date`, `currency` and the money columns) with its money in `target` and its
    /// `currency` column set to `target`. Columns it does not have are left alone.
    public static func convert(_ batch: Batch, to target: String, rates: ExchangeRates) throws(PipelineError) -> Batch {
        guard rates.knows(target) else {
            throw .noRatesInto(currency: target, reportingCurrency: rates.reportingCurrency, known: rates.currencies)
        }
        guard case .date(let dates)? = batch.column(named: "date"), case .string(let currencies)? = batch.column(named: "currency") else {
            preconditionFailure("converted tables have date and currency columns")
        }
        var factors = [Double](repeating: 0, count: batch.rowCount)
        var firstMissing: (day: Int32, currency: String)?
        for row in 0..<batch.rowCount {
            let day = dates.values[row]
            let currency = currencies[row] ?? ""
            if currency == target {
                factors[row] = 1
                continue
            }
            guard let from = rates.rate(currency, on: day), let into = rates.rate(target, on: day) else {
                let missing = rates.rate(currency, on: day) == nil ? (currency.isEmpty ? "(no currency)" : currency) : target
                if firstMissing.map({ (day, missing) < ($0.day, $0.currency) }) ?? true { firstMissing = (day, missing) }
                continue
            }
            factors[row] = from / into
        }
        if let firstMissing {
            throw .missingRate(currency: firstMissing.currency, date: Date32(days: firstMissing.day).description, reportingCurrency: rates.reportingCurrency)
        }
        var columns = batch.columns
        for (index, field) in batch.schema.fields.enumerated() {
            if field.name == "currency" {
                columns[index] = .string(StringColumn(dictionary: [target], codes: [UInt32](repeating: 0, count: batch.rowCount)))
            } else if moneyColumns.contains(field.name), case .double(let amounts) = batch.columns[index] {
                var converted = amounts
                for row in 0..<batch.rowCount { converted.values[row] *= factors[row] }
                columns[index] = .double(converted)
            }
        }
        return Batch(schema: batch.schema, columns: columns)
    }

    /// The three Gold tables with money in `target`, as the contract defines them: the daily table converted
    /// row by row, weekly and total summed from it, KPIs computed from the converted sums.
    public static func gold(store: Store, to target: String, rates: ExchangeRates) throws -> [ContractTable: Batch] {
        let stored = ContractTable.kpiCampaignDaily.storedSchema
        let daily = ContractTable.kpiCampaignDaily.rawValue
        let rows = store.manifest.tables[daily] != nil ? try store.readAll(daily) : Batch(empty: stored)
        let converted = BatchSort.sorted(try convert(rows, to: target, rates: rates), by: ContractTable.kpiCampaignDaily.keyColumns)
        return [
            .kpiCampaignDaily: GoldKPIs.complete(converted, as: .kpiCampaignDaily),
            .kpiCampaignWeekly: GoldKPIs.complete(sum(converted, by: .kpiCampaignWeekly), as: .kpiCampaignWeekly),
            .kpiCampaignTotal: GoldKPIs.complete(sum(converted, by: .kpiCampaignTotal), as: .kpiCampaignTotal),
        ]
    }

    /// The stored columns of `table` (weekly or total) summed from `daily` (stored columns, sorted by key).
    private static func sum(_ daily: Batch, by table: ContractTable) -> Batch {
        guard case .date(let dates)? = daily.column(named: "date"), case .int64(let impressions)? = daily.column(named: "impressions"),
            case .int64(let clicks)? = daily.column(named: "clicks"), case .double(let spend)? = daily.column(named: "spend"),
            case .double(let conversions)? = daily.column(named: "conversions"), case .double(let value)? = daily.column(named: "conversion_value")
        else { preconditionFailure("kpi_campaign_daily's stored schema") }
        let text = ["source", "account_id", "campaign_id", "campaign_name", "currency"].map { name -> StringColumn in
            guard case .string(let column)? = daily.column(named: name) else { preconditionFailure("kpi_campaign_daily's stored schema") }
            return column
        }
        let weekly = table == .kpiCampaignWeekly
        // Rows come sorted by (source, account, campaign, date): a group is a run of rows.
        var first: [Int] = []
        var groupOf = [Int](repeating: 0, count: daily.rowCount)
        for row in 0..<daily.rowCount {
            let week = Date32(days: dates.values[row]).weekStart.days
            let same =
                row > 0 && (0..<3).allSatisfy { text[$0][row] == text[$0][row - 1] }
                && (!weekly || week == Date32(days: dates.values[row - 1]).weekStart.days)
            if !same { first.append(row) }
            groupOf[row] = first.count - 1
        }
        var sums = (impressions: [Int64](repeating: 0, count: first.count), clicks: [Int64](repeating: 0, count: first.count),
            spend: [Double](repeating: 0, count: first.count), conversions: [Double](repeating: 0, count: first.count),
            value: [Double](repeating: 0, count: first.count))
        for row in 0..<daily.rowCount {
            let group = groupOf[row]
            sums.impressions[group] &+= impressions.values[row]
            sums.clicks[group] &+= clicks.values[row]
            sums.spend[group] += spend.values[row]
            sums.conversions[group] += conversions.values[row]
            sums.value[group] += value.values[row]
        }
        let keys = first.map { row in text.map { $0[row] } }
        var columns: [Column] = (0..<3).map { index in .string(StringColumn(keys.map { $0[index] })) }
        if weekly { columns.append(.date(PrimitiveColumn(values: first.map { Date32(days: dates.values[$0]).weekStart.days }))) }
        columns += [
            .string(StringColumn(keys.map { $0[3] })), .string(StringColumn(keys.map { $0[4] })),
            .int64(PrimitiveColumn(values: sums.impressions)), .int64(PrimitiveColumn(values: sums.clicks)),
            .double(PrimitiveColumn(values: sums.spend)), .double(PrimitiveColumn(values: sums.conversions)),
            .double(PrimitiveColumn(values: sums.value)),
        ]
        return Batch(schema: table.storedSchema, columns: columns)
    }
}
