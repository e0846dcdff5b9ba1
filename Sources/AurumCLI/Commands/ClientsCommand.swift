import ArgumentParser
import AurumPipeline
import AurumPull

/// `aurum clients set|list`: which ad accounts belong to which client (the `clients` table).
struct ClientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients", abstract: "Name the ad accounts of each client (for `aurum pull --client` and `--all`).",
        subcommands: [ClientsSetCommand.self, ClientsListCommand.self])
}

/// `aurum clients set NAME --meta act_… --google …`.
struct ClientsSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a client's ad accounts (replacing the ones it had).")

    @OptionGroup var options: StoreOptions

    @Argument(help: "The client's name.")
    var name: String

    @Option(name: .long, help: ArgumentHelp("A Meta ad account of the client (repeatable).", valueName: "act_ID"))
    var meta: [String] = []

    @Option(name: .long, help: ArgumentHelp("A Google Ads customer id of the client (repeatable).", valueName: "ID"))
    var google: [String] = []

    @Option(
        help: ArgumentHelp(
            "The client's reporting currency: its --client report, ask and Gold export convert money into CODE unless --currency says otherwise (needs rates: aurum fx import).",
            valueName: "CODE"))
    var currency: String?

    func validate() throws {
        if meta.isEmpty, google.isEmpty, currency == nil {
            throw ValidationError("give the client's accounts (--meta act_ID and/or --google ID), or its --currency CODE")
        }
        if let currency, !RatesFile.isCurrencyCode(currency.uppercased()) {
            throw ValidationError("--currency '\(currency)' is not a currency code (three letters, e.g. BRL)")
        }
    }

    func run() throws {
        try Console.run {
            let accounts = try meta.map { try PullAccount(source: .meta, text: $0) } + google.map { try PullAccount(source: .google, text: $0) }
            let code = currency?.uppercased()
            try ClientRegistry.set(client: name, accounts: accounts.map { ($0.source.rawValue, $0.id) }, currency: code, directory: options.directory)
            if !accounts.isEmpty { Console.print("Client \(name): " + accounts.map(\.description).joined(separator: ", ")) }
            if let code { Console.print("Client \(name) reports in \(code)") }
        }
    }
}

/// `aurum clients list`.
struct ClientsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the clients and their ad accounts.")

    @OptionGroup var options: StoreOptions

    func run() throws {
        try Console.run {
            let rows = try ClientRegistry.list(directory: options.directory)
            if rows.isEmpty { return Console.print("No clients; add one with `aurum clients set NAME --meta act_ID --google ID`") }
            let width = rows.map { $0.client.count }.max() ?? 0
            var currencies: [String: String] = [:]
            for client in Set(rows.map(\.client)) { currencies[client] = try ClientRegistry.currency(of: client, directory: options.directory) }
            for row in rows {
                let account = (row.source == "meta" ? "act_" : "") + row.accountID
                // The currency, when the client has one, after its accounts' column.
                let currency = currencies[row.client].map { "  reports in " + $0 } ?? ""
                Console.print(Console.pad(row.client, width) + "  " + Console.pad(row.source, 6) + "  " + account + currency)
            }
        }
    }
}
