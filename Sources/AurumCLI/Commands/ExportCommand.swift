import AurumBigQuery
import AurumCore
import AurumPipeline
import AurumStorage
import ArgumentParser

/// `aurum export TABLE`: a table as CSV for BI tools, sorted by its key columns, or as Parquet for warehouses.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a table as CSV (RFC 4180, UTF-8, header row, sorted by key) or Parquet.",
        discussion: "Text starting with = + - @ TAB CR or ' is written with one ' in front so spreadsheets do not run it as a formula (--formula-guard none turns this off). --out replaces a regular FILE atomically (keeping its permissions), writes a device or FIFO in place, and refuses a path inside a store. --format parquet streams the table in the store's order (zstd, dictionary pages, statistics; docs/parquet.md) and needs --out; --all --format parquet --out DIR writes DIR/<table>.parquet for every table. --client keeps the client's accounts only (CSV or Parquet), and converts a Gold table into the client's currency when it has one (aurum clients set NAME --currency CODE).")

    enum Format: String, ChoiceArgument, CaseIterable { case csv, parquet }
    /// A warehouse to write every table for (`--for bigquery DIR`).
    enum Warehouse: String, ChoiceArgument, CaseIterable { case bigquery }

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table (kpi_campaign_daily, kpi_campaign_weekly, kpi_campaign_total, ad_insights, quarantine, bronze_files, bronze_rows, fx_rates).")
    var table: String?

    @Option(
        name: .customLong("for"),
        help: ArgumentHelp("Write every table for WAREHOUSE into the directory given as the argument (or --out): Parquet, schema files, load.sh, README (docs/scale-out.md).", valueName: "WAREHOUSE"))
    var warehouse: Warehouse?

    @Flag(help: "Export every table (with --format parquet): one file per table in the --out directory.")
    var all = false

    @Option(help: "Output format.")
    var format: Format = .csv

    @Option(name: .long, help: ArgumentHelp("Write to FILE (atomically) instead of standard output (- is standard output).", valueName: "FILE"))
    var out: String?

    @OptionGroup var currency: CurrencyOption

    @Option(name: .customLong("formula-guard"), help: "quote: prefix risky text with '; none: write text as stored.")
    var formulaGuard: CSVWriter.FormulaGuard = .quote

    @Option(help: ArgumentHelp("Only this client's accounts (see `aurum clients`); a Gold table in the client's currency when it has one.", valueName: "NAME"))
    var client: String?

    func validate() throws {
        if warehouse != nil {
            if all || format != .csv || currency.code != nil || client != nil || formulaGuard != .quote {
                throw ValidationError("--for bigquery writes every table as stored: give only the directory (aurum export --for bigquery DIR)")
            }
            if (table == nil) == (out == nil) { throw ValidationError("give the directory to write: aurum export --for bigquery DIR") }
            return
        }
        if all && table != nil { throw ValidationError("give a TABLE or --all, not both") }
        if !all && table == nil { throw ValidationError("give the TABLE to export, or --all") }
        if all && format != .parquet { throw ValidationError("--all writes Parquet files: add --format parquet") }
        if format == .parquet && (out == nil || out == "-") {
            throw ValidationError("--format parquet writes a file: add --out FILE (with --all, --out DIR); standard output takes CSV only")
        }
        if format == .parquet && formulaGuard != .quote { throw ValidationError("--formula-guard applies to CSV; Parquet keeps text as stored") }
    }

    func run() throws {
        try Console.run {
            // One scan of each table: a block cache would only hold memory (and Parquet's bound is one row group).
            let store = try Store(directory: options.directory, mode: .read, cacheBytes: 0)
            if warehouse == .bigquery, let directory = table ?? out {
                return try BigQueryExport(store: store, limits: try ParquetExport.limits()).write(into: directory) { written in
                    Console.print("\(written.parquetPath): \(Console.grouped(written.summary.rowCount)) rows; \(written.schemaPath)")
                }
            }
            if all, let out {
                if currency.code != nil { throw CLIError.invalidOption("--currency converts one Gold table; export it alone (aurum export TABLE --currency CODE)") }
                if client != nil { throw CLIError.invalidOption("--client restricts one table by account, and --all holds tables without accounts; export the tables one at a time") }
                return try ParquetExport(store: store, limits: try ParquetExport.limits()).exportAll(into: out)
            }
            let table = try TableReader.table(named: table ?? "")
            let converted = try convertedGold(table, store: store)
            let scope = try ClientScope.pairs(client, directory: options.directory).map { pairs in
                { (batch: Batch) in try ClientScope.restrict(batch, named: table.rawValue, client: client ?? "", to: pairs) }
            }
            // A table without accounts is refused before any file is written, even when it holds no rows.
            _ = try scope?(Batch(empty: table.schema))
            if format == .parquet, let out {
                try ParquetExport(store: store, limits: try ParquetExport.limits()).export(table, converted: converted, restrict: scope, to: out)
                return
            }
            try StreamedOutput.write(to: out, protecting: [options.directory]) { output in
                try CSVExport(store: store, writer: CSVWriter(formulaGuard: formulaGuard)).write(table, converted: converted, restrict: scope, to: output)
            }
        }
    }

    /// `table` with its money converted by --currency (Gold tables only), or into the --client's currency (a Gold
    /// table; the others are exported as stored); nil for neither.
    private func convertedGold(_ table: ContractTable, store: Store) throws -> Batch? {
        if currency.code == nil, !table.isGold { return nil }
        guard let conversion = try currency.conversion(store: store, client: client) else { return nil }
        guard table.isGold else {
            throw CLIError.invalidOption("--currency converts the Gold tables (kpi_campaign_daily, kpi_campaign_weekly, kpi_campaign_total), not \(table.rawValue)")
        }
        guard let converted = try CurrencyConversion.gold(store: store, to: conversion.target, rates: conversion.rates)[table] else {
            preconditionFailure("every Gold table is converted")
        }
        return converted
    }
}

extension CSVWriter.FormulaGuard: ChoiceArgument {}
