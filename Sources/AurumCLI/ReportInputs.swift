import AurumCore
import AurumPipeline
import AurumStorage
import Foundation

/// What `aurum report --html` and `aurum insights` read: Gold's daily rows of the days they need (the client's
/// only, converted when --currency asks), the days the data covers, the period, the quarantine, and the language
/// to write in.
struct ReportInputs {
    /// Gold's daily rows from the first day the caller reads on, sorted by key.
    var daily: Batch
    /// The first and last day of all the (client's) daily rows, whether read or not.
    var range: ClosedRange<Date32>
    var period: ReportPeriod
    var quarantine: Batch
    var words: ClientReportWords

    /// Reads the data's days first (the `date` column alone, and the accounts for a client), then `period(range)`,
    /// then only the daily rows from `firstDay(period)` on: a report of weeks over a store of years holds weeks
    /// of rows. (Converted into a currency, Gold is converted whole first, then cut the same way.)
    ///
    /// - Throws: when the store has no Gold rows (for the client), the language is unknown, the config file is
    ///   invalid, or `period` refuses the range.
    init(
        directory: String, client: String?, currency: CurrencyOption?, lang: String?,
        period: (ClosedRange<Date32>) throws -> ReportPeriod, firstDay: (ReportPeriod) -> Date32
    ) throws {
        words = try ClientReportWords.choose(lang, client: client, settings: try SettingsFile.merged(over: ProcessInfo.processInfo.environment))
        // Each block is read once or twice, then done with: none is kept.
        let store = try Store(directory: directory, mode: .read, cacheBytes: 0)
        let table = ContractTable.kpiCampaignDaily
        let pairs = try ClientScope.pairs(client, directory: directory)
        func scoped(_ batch: Batch) throws -> Batch {
            guard let client, let pairs else { return batch }
            return try ClientScope.restrict(batch, named: table.rawValue, client: client, to: pairs)
        }
        func from(_ first: Date32, _ batch: Batch) throws -> Batch {
            guard case .date(let dates)? = batch.column(named: "date") else { return try scoped(batch) }
            let rows = dates.values.indices.filter { dates.values[$0] >= first.days }
            return try scoped(rows.count == batch.rowCount ? batch : batch.gather(rows))
        }
        let noRows = CLIError.invalidOption("no Gold rows\(client.map { " for client \($0)" } ?? ""): ingest some pages first (aurum ingest PATH)")
        if let conversion = try currency?.conversion(store: store, client: client) {
            let converted = try scoped(CurrencyConversion.gold(store: store, to: conversion.target, rates: conversion.rates)[table] ?? Batch(empty: table.schema))
            guard let range = ClientReport.dataRange(of: converted) else { throw noRows }
            self.range = range
            self.period = try period(range)
            daily = try from(firstDay(self.period), converted)
        } else {
            guard let range = try Self.days(of: table, store: store, columns: pairs == nil ? ["date"] : ["source", "account_id", "date"], scoped: scoped) else {
                throw noRows
            }
            self.range = range
            self.period = try period(range)
            let first = firstDay(self.period)
            daily = try TableReader.readSorted(table, store: store) { try from(first, $0) }
        }
        quarantine = try TableReader.readSorted(.quarantine, store: store)
    }

    /// The first and last day of `table`'s live rows that `scoped` keeps (reading `columns`); nil when it keeps none.
    private static func days(of table: ContractTable, store: Store, columns: [String], scoped: (Batch) throws -> Batch) throws -> ClosedRange<Date32>? {
        guard store.manifest.tables[table.rawValue] != nil else { return nil }
        var bounds: (low: Int32, high: Int32)?
        try store.scan(table.rawValue, columns: columns) { batch in
            guard case .date(let dates)? = try scoped(batch).column(named: "date"), let low = dates.values.min(), let high = dates.values.max() else { return }
            bounds = (min(low, bounds?.low ?? low), max(high, bounds?.high ?? high))
        }
        return bounds.map { Date32(days: $0.low)...Date32(days: $0.high) }
    }
}
