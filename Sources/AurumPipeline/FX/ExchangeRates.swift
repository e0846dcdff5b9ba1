import AurumCore
import AurumStorage

/// The daily exchange rates of the store's `fx_rates` table (loaded by `aurum fx import`), looked up per day:
/// a day without a rate uses the latest earlier one (docs/currencies.md).
///
/// A rate is the value of one unit of a currency in the *reporting currency* the rates were loaded into (kept
/// in the manifest, ``reportingCurrencyProperty``). Converting into any currency `T` that has rates too goes
/// through it: one unit of `C` is worth `rate(C) / rate(T)` units of `T` on that day; the reporting currency's
/// own rate is 1.
public struct ExchangeRates: Sendable {
    /// The manifest property naming the currency the stored rates are into.
    public static let reportingCurrencyProperty = "fx.reporting_currency"

    /// The currency the rates are into.
    public let reportingCurrency: String
    /// Per currency, its rate days (ascending) and the rates on them.
    private let byCurrency: [String: (days: [Int32], rates: [Double])]

    init(reportingCurrency: String, rates: [RatesFile.Rate]) {
        var byCurrency: [String: (days: [Int32], rates: [Double])] = [:]
        for rate in rates.sorted(by: { $0.date < $1.date }) {
            byCurrency[rate.currency, default: ([], [])].days.append(rate.date.days)
            byCurrency[rate.currency, default: ([], [])].rates.append(rate.rate)
        }
        self.reportingCurrency = reportingCurrency
        self.byCurrency = byCurrency
    }

    /// The store's rates; nil when none are loaded.
    public static func load(store: Store) throws -> ExchangeRates? {
        guard let reporting = store.manifest.properties[reportingCurrencyProperty], store.manifest.tables[ContractTable.fxRates.rawValue] != nil else {
            return nil
        }
        let batch = try store.readAll(ContractTable.fxRates.rawValue)
        guard batch.rowCount > 0, case .date(let dates)? = batch.column(named: "date"), case .string(let currencies)? = batch.column(named: "currency"),
            case .double(let values)? = batch.column(named: "rate")
        else { return nil }
        let rates = (0..<batch.rowCount).map { row in
            RatesFile.Rate(date: Date32(days: dates.values[row]), currency: currencies[row] ?? "", rate: values.values[row])
        }
        return ExchangeRates(reportingCurrency: reporting, rates: rates)
    }

    /// Replaces the store's rates with `file`'s, in one commit; returns how many rates it holds.
    public static func importFile(_ file: RatesFile, directory: String) throws -> Int {
        let store = try Store(directory: directory, mode: .write)
        let transaction = store.begin()
        let table = ContractTable.fxRates
        try transaction.ensureTable(table.rawValue, schema: table.storedSchema)
        var currencies = StringColumnBuilder()
        for rate in file.rates { _ = currencies.append(rate.currency) }
        let batch = Batch(schema: table.storedSchema, columns: [
            .date(PrimitiveColumn(values: file.rates.map(\.date.days))), .string(currencies.finish()),
            .double(PrimitiveColumn(values: file.rates.map(\.rate))),
        ])
        try transaction.replace(table.rawValue, with: batch)
        transaction.properties[reportingCurrencyProperty] = file.reportingCurrency
        try transaction.commit()
        return file.rates.count
    }

    /// The value of one unit of `currency` in the reporting currency on `day` (its latest rate on or before
    /// it); nil when there is none.
    public func rate(_ currency: String, on day: Int32) -> Double? {
        if currency == reportingCurrency { return 1 }
        guard let series = byCurrency[currency] else { return nil }
        // The last rate day ≤ day.
        var low = 0
        var high = series.days.count
        while low < high {
            let middle = (low + high) / 2
            if series.days[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : series.rates[low - 1]
    }

    /// The currencies with rates (the reporting currency aside), sorted.
    public var currencies: [String] { byCurrency.keys.sorted() }

    /// Whether `currency` can be converted to or from at all (the reporting currency, or one with rates).
    public func knows(_ currency: String) -> Bool { currency == reportingCurrency || byCurrency[currency] != nil }
}
