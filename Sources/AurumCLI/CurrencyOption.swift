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
    ///
    /// With `client` (`--client NAME`) and no --currency, the client's own currency (`aurum clients set NAME
    /// --currency CODE`) is the target, when it has one.
    func conversion(store: Store, client: String? = nil) throws -> (rates: ExchangeRates, target: String)? {
        guard let target = try target(store: store, client: client) else { return nil }
        guard let rates = try ExchangeRates.load(store: store) else {
            if code == nil, let client {
                throw CLIError.invalidOption(
                    "client \(client) reports in \(target) (aurum clients set \(client) --currency \(target)), and no exchange rates are loaded: load them with `aurum fx import RATES.csv` (docs/currencies.md)")
            }
            throw PipelineError.noExchangeRates(currency: target)
        }
        return (rates, target)
    }

    /// The currency money is converted into: --currency, else the client's currency; nil for none.
    func target(store: Store, client: String?) throws -> String? {
        if let code {
            let target = code.uppercased()
            guard RatesFile.isCurrencyCode(target) else { throw CLIError.invalidOption("--currency '\(code)' is not a currency code (three letters, e.g. USD)") }
            return target
        }
        guard let client else { return nil }
        return ClientRegistry.currency(of: client, in: store.manifest)
    }

    /// Gold table `table`, converted into --currency (else the client's currency) with each day's rates, or as
    /// stored; and the currency it was converted into (nil when as stored).
    func gold(_ table: ContractTable, store: Store, client: String? = nil) throws -> (batch: Batch, convertedTo: String?) {
        guard let conversion = try conversion(store: store, client: client) else { return (try TableReader.readSorted(table, store: store), nil) }
        let gold = try CurrencyConversion.gold(store: store, to: conversion.target, rates: conversion.rates)
        return (gold[table] ?? Batch(empty: table.schema), conversion.target)
    }
}
