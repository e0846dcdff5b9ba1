import AurumPipeline
import AurumStorage
import ArgumentParser

/// `aurum tables`: every table with its row count and what it holds.
struct TablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tables", abstract: "List the tables, Gold first.")

    @OptionGroup var options: StoreOptions

    func run() throws {
        try Console.run {
            let store = try Store(directory: options.directory, mode: .read)
            for table in ContractTable.listingOrder {
                let rows = TableReader.rowCount(table, store: store)
                Console.print(Console.pad(table.rawValue, 22) + Console.pad(Console.grouped(rows), 12, right: true) + " rows   " + table.summary)
            }
        }
    }
}

/// `aurum schema TABLE`: the columns of a table with their types.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Show a table's columns and types.")

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table.")
    var table: String

    func run() throws {
        try Console.run {
            let table = try TableReader.table(named: table)
            Console.print("\(table.rawValue) — \(table.summary)")
            for field in table.schema.fields {
                let key = table.keyColumns.contains(field.name) ? "  key" : ""
                Console.print("  " + Console.pad(field.name, 20) + Console.pad(field.type.description, 9) + (field.nullable ? "NULL" : "NOT NULL") + key)
            }
        }
    }
}
