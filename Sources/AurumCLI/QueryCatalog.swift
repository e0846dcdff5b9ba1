import AurumCore
import AurumPipeline
import AurumQuery
import AurumStorage
import Foundation

/// Wires the query engine to a store: every stored contract table, plus `bronze_rows` read from Bronze when a
/// query names it, and the pipeline's column synonyms for "did you mean".
enum QueryCatalog {
    static func engine(store: Store, today: String?, client: String? = nil) throws -> QueryEngine {
        QueryEngine(catalog: try catalog(store: store, client: client), today: try resolveToday(today))
    }

    /// The tables a query may name in `store`; with `client`, each restricted to that client's accounts.
    static func catalog(store: Store, client: String? = nil) throws -> TableCatalog {
        var tables: [String: TableSource] = [:]
        for name in store.tableNames {
            let stored = try StoreTable(store: store, name: name)
            guard let table = ContractTable(rawValue: name), table.isGold else {
                tables[name] = stored
                continue
            }
            // Gold's KPI ratios are computed from the stored sums as they are read.
            tables[name] = DerivedColumnsTable(base: stored, derived: GoldKPIs.definitions.map { definition in
                DerivedColumnsTable.Derived(
                    field: Field(definition.name, .double, nullable: true), inputs: [definition.numerator, definition.denominator],
                    compute: { batch in GoldKPIs.compute(definition, over: batch) })
            })
        }
        tables[ContractTable.bronzeRows.rawValue] = LazyTable(schema: ContractTable.bronzeRows.schema) {
            try TableReader.bronzeRows(store: store)
        }
        if let client, let pairs = try ClientScope.pairs(client, directory: store.directory) {
            for (name, table) in tables { tables[name] = ClientScope.restrict(table, named: name, client: client, to: pairs) }
        }
        return DictionaryCatalog(tables, columnSynonyms: ContractTable.columnSynonyms)
    }

    /// `--today`, else `$AURUM_TODAY`, else the local date.
    static func resolveToday(_ option: String?) throws -> Date32 {
        if let text = option ?? ProcessInfo.processInfo.environment["AURUM_TODAY"], !text.isEmpty {
            guard let date = Date32(iso: text) else { throw CLIError.invalidOption("today must be YYYY-MM-DD, not '\(text)'") }
            return date
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Date32(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Date32(days: 0)
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
