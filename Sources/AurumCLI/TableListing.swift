import AurumCore
import AurumPipeline
import AurumQuery

/// How a table is listed by `aurum tables` and `.tables`, and described by `aurum schema` and `.schema`.
enum TableListing {
    /// One line: name, row count, what the table holds.
    static func line(name: String, rowCount: Int, summary: String) -> String {
        Console.pad(name, 22) + Console.pad(Console.grouped(rowCount), 12, right: true) + " rows   " + summary
    }

    /// The table's name and summary, then one line per column: name, type, nullability, and `key` for key columns.
    static func schema(name: String, summary: String, schema: Schema, keyColumns: [String]) -> [String] {
        var lines = [summary.isEmpty ? name : "\(name) — \(summary)"]
        for field in schema.fields {
            let key = keyColumns.contains(field.name) ? "  key" : ""
            lines.append("  " + Console.pad(field.name, 20) + Console.pad(field.type.description, 9) + (field.nullable ? "NULL" : "NOT NULL") + key)
        }
        return lines
    }

    /// The catalogue's tables, the data contract's listing order first.
    static func orderedNames(_ catalog: TableCatalog) -> [String] {
        let order = ContractTable.listingOrder.map(\.rawValue)
        return catalog.tableNames.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
    }

    /// `aurum schema [TABLE]` and `.schema [TABLE]`: the columns of `table` as queries see them (Gold's KPI
    /// columns included), or of every table when it is nil, a blank line between tables. An unknown table is an
    /// error with the query engine's "did you mean", and `listCommand`, what lists the tables.
    static func schemas(of table: String?, in catalog: TableCatalog, listCommand: String) throws -> String {
        let names: [String]
        if let table {
            do {
                _ = try catalog.source(named: table)
            } catch {
                throw CLIError.invalidOption(error.message + " (\(listCommand) lists them)")
            }
            names = [table.lowercased()]
        } else {
            names = orderedNames(catalog)
        }
        var blocks: [String] = []
        for name in names {
            guard let columns = catalog.table(named: name)?.schema else { continue }
            let contract = ContractTable(rawValue: name)
            blocks.append(
                schema(name: name, summary: contract?.summary ?? "", schema: columns, keyColumns: contract?.keyColumns ?? []).joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }
}
