import AurumCore
import AurumDomain
import AurumPipeline
import AurumQuery
import AurumStorage
import Foundation

/// Wires the query engine to a store: every stored contract table, plus `bronze_rows` read from Bronze when a
/// query names it, and the pipeline's column synonyms for "did you mean".
enum QueryCatalog {
    /// - Parameters:
    ///   - conversion: with `--currency`, the Gold tables and `ad_insights` have their money converted into that
    ///     currency (computed in memory from the stored rows; docs/currencies.md).
    ///   - client: with `--client`, each table restricted to that client's accounts.
    static func engine(
        store: Store, today: String?, conversion: (rates: ExchangeRates, target: String)? = nil, client: String? = nil
    ) throws -> QueryEngine {
        QueryEngine(catalog: try catalog(store: store, conversion: conversion, client: client), today: try resolveToday(today))
    }

    /// The tables a query may name in `store`, with money converted and restricted to a client as
    /// ``engine(store:today:conversion:client:)`` says.
    static func catalog(
        store: Store, conversion: (rates: ExchangeRates, target: String)? = nil, client: String? = nil
    ) throws -> TableCatalog {
        var tables: [String: TableSource] = [:]
        for name in store.tableNames {
            let stored = try StoreTable(store: store, name: name, decimalColumns: ContractTable(rawValue: name)?.decimalColumns ?? [])
            guard let table = ContractTable(rawValue: name), table.isGold else {
                tables[name] = stored
                continue
            }
            // Gold's KPI ratios are computed from the stored sums as they are read.
            tables[name] = DerivedColumnsTable(base: stored, derived: KPI.goldColumns.map { kpi in
                DerivedColumnsTable.Derived(
                    field: Field(kpi.column, .double, nullable: true), inputs: [kpi.numerator.column, kpi.denominator.column],
                    compute: { batch in GoldKPIs.compute(kpi, over: batch) })
            })
        }
        if let conversion {
            for (table, batch) in try CurrencyConversion.gold(store: store, to: conversion.target, rates: conversion.rates) {
                tables[table.rawValue] = LazyTable(schema: table.schema) { batch }
            }
            if store.manifest.tables[ContractTable.adInsights.rawValue] != nil {
                let silver = try CurrencyConversion.convert(
                    store.readAll(ContractTable.adInsights.rawValue), to: conversion.target, rates: conversion.rates)
                tables[ContractTable.adInsights.rawValue] = LazyTable(schema: ContractTable.adInsights.schema) { silver }
            }
        }
        tables[ContractTable.bronzeRows.rawValue] = LazyTable(schema: ContractTable.bronzeRows.schema) {
            try TableReader.bronzeRows(store: store)
        }
        if let client, let pairs = try ClientScope.pairs(client, directory: store.directory) {
            for (name, table) in tables { tables[name] = ClientScope.restrict(table, named: name, client: client, to: pairs) }
        }
        return DictionaryCatalog(tables, columnSynonyms: ColumnSynonyms(ContractTable.columnSynonyms))
    }

    /// `--today`, else `$AURUM_TODAY`, else the local date.
    ///
    /// The local date comes from the C library (`localtime_r`, which reads `TZ` or /etc/localtime as Foundation's
    /// calendar does): every `aurum query` process asks, and `Calendar.current` cost about 4% of the instructions
    /// of a one-shot `SELECT count(*)` (callgrind, static release build).
    static func resolveToday(_ option: String?) throws -> Date32 {
        if let text = option ?? getenv("AURUM_TODAY").map({ String(cString: $0) }), !text.isEmpty {
            guard let date = Date32(iso: text) else { throw CLIError.invalidOption("today must be YYYY-MM-DD, not '\(text)'") }
            return date
        }
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return Date32(days: Int32(clamping: now / 86_400)) }
        return Date32(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) ?? Date32(days: 0)
    }
}

/// Errors of the command line itself.
enum CLIError: Error, CustomStringConvertible {
    case invalidOption(String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    var description: String {
        switch self {
        case .invalidOption(let message): message
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
