import AurumCore
import AurumPipeline
import AurumStorage
import ArgumentParser

/// `--currency CODE`, shared by report, ask and export: money converted into CODE with the loaded rates.
struct CurrencyOption: ParsableArguments {
    @Option(
        name: .customLong("currency"),
        help: ArgumentHelp("Convert money into CODE with each day's rate from fx_rates (aurum fx import; docs/currencies.md).", valueName: "CODE"))
    var code: String?

    /// The rates and the target currency, or nil without --currency; an error when no rates are loaded.
    func conversion(store: Store) throws -> (rates: ExchangeRates, target: String)? {
        guard let code else { return nil }
        let target = code.uppercased()
        guard RatesFile.isCurrencyCode(target) else { throw CLIError.invalidOption("--currency '\(code)' is not a currency code (three letters, e.g. USD)") }
        guard let rates = try ExchangeRates.load(store: store) else { throw PipelineError.noExchangeRates(currency: target) }
        return (rates, target)
    }

    /// Gold table `table`: converted into --currency with each day's rates when given, else as stored.
    func gold(_ table: ContractTable, store: Store) throws -> Batch {
        guard let conversion = try conversion(store: store) else { return try TableReader.readSorted(table, store: store) }
        let gold = try CurrencyConversion.gold(store: store, to: conversion.target, rates: conversion.rates)
        return gold[table] ?? Batch(empty: table.schema)
    }
}
