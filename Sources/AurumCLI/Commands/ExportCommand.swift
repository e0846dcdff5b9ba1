import AurumCore
import AurumPipeline
import AurumStorage
import ArgumentParser

/// `aurum export TABLE`: a table as CSV for BI tools, sorted by its key columns.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a table as CSV (RFC 4180, UTF-8, header row, sorted by key).",
        discussion: "Text starting with = + - @ TAB CR or ' is written with one ' in front so spreadsheets do not run it as a formula (--formula-guard none turns this off). --out replaces a regular FILE atomically (keeping its permissions), writes a device or FIFO in place, and refuses a path inside a store.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv }

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table (kpi_campaign_daily, kpi_campaign_weekly, kpi_campaign_total, ad_insights, quarantine, bronze_files, bronze_rows).")
    var table: String

    @Option(help: "Output format.")
    var format: Format = .csv

    @Option(name: .long, help: ArgumentHelp("Write to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var out: String?

    @OptionGroup var currency: CurrencyOption

    @Option(name: .customLong("formula-guard"), help: "quote: prefix risky text with '; none: write text as stored.")
    var formulaGuard: CSVWriter.FormulaGuard = .quote

    @Option(help: ArgumentHelp("Only this client's accounts (see `aurum clients`).", valueName: "NAME"))
    var client: String?

    func run() throws {
        try Console.run {
            let table = try TableReader.table(named: table)
            let store = try Store(directory: options.directory, mode: .read)
            var batch: Batch
            if let conversion = try currency.conversion(store: store) {
                guard table.isGold else {
                    throw CLIError.invalidOption("--currency converts the Gold tables (kpi_campaign_daily, kpi_campaign_weekly, kpi_campaign_total), not \(table.rawValue)")
                }
                guard let converted = try CurrencyConversion.gold(store: store, to: conversion.target, rates: conversion.rates)[table] else {
                    preconditionFailure("every Gold table is converted")
                }
                batch = converted
            } else {
                batch = try TableReader.readSorted(table, store: store)
            }
            if let client, let pairs = try ClientScope.pairs(client, directory: options.directory) {
                batch = try ClientScope.restrict(batch, named: table.rawValue, client: client, to: pairs)
            }
            let writer = CSVWriter(formulaGuard: formulaGuard)
            var bytes: [UInt8] = []
            writer.header(batch.schema, into: &bytes)
            writer.rows(batch, into: &bytes)
            if let out {
                try OutputFile.write(bytes, to: out, protecting: [options.directory])
            } else {
                Console.write(bytes)
            }
        }
    }
}

extension CSVWriter.FormulaGuard: ExpressibleByArgument {}
