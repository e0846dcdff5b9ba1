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
                Console.print(TableListing.line(name: table.rawValue, rowCount: rows, summary: table.summary))
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
            let lines = TableListing.schema(name: table.rawValue, summary: table.summary, schema: table.schema, keyColumns: table.keyColumns)
            for line in lines { Console.print(line) }
        }
    }
}
