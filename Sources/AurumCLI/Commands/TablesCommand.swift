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

/// `aurum schema [TABLE]`: the columns of a table (or of every table) with their types, as `.schema` shows them.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Show the columns and types of a table, or of every table.")

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table (default: every table).")
    var table: String?

    func run() throws {
        try Console.run {
            let store = try Store(directory: options.directory, mode: .read)
            Console.print(try TableListing.schemas(of: table, in: try QueryCatalog.catalog(store: store), listCommand: "aurum tables"))
        }
    }
}
