import AurumPipeline
import AurumStorage
import ArgumentParser
import Foundation

/// `aurum fx`: exchange rates for `--currency` (docs/currencies.md).
struct FxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fx", abstract: "Exchange rates for converting money into one currency (--currency).", subcommands: [FxImportCommand.self])
}

/// `aurum fx import RATES.csv`: replaces the store's `fx_rates` with a file's daily rates.
struct FxImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load daily exchange rates into the table fx_rates (replacing the ones loaded before).",
        discussion: """
            RATES.csv is either `date,currency,rate` lines (rate = the value of one unit of currency in the currency \
            named by --to, e.g. 2024-03-01,BRL,0.2013 with --to USD) or the European Central Bank's eurofxref-hist.csv \
            as downloaded (rates into EUR). See docs/currencies.md.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "The rates file.")
    var file: String

    @Option(help: ArgumentHelp("The currency the rates are into (required for date,currency,rate files; EUR for ECB files).", valueName: "CODE"))
    var to: String?

    func run() throws {
        try Console.run {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError.unreadable(path: file, reason: (error as NSError).localizedDescription)
            }
            guard let text = String(data: data, encoding: .utf8) else { throw CLIError.unreadable(path: file, reason: "not UTF-8 text") }
            let rates = try RatesFile.parse(text, path: file, reportingCurrency: to?.uppercased())
            let count = try ExchangeRates.importFile(rates, directory: options.directory)
            let currencies = Set(rates.rates.map(\.currency)).sorted()
            let days = rates.rates.map(\.date)
            Console.print(
                "Loaded \(Console.grouped(count)) rates into \(rates.reportingCurrency) for \(currencies.count) currenc\(currencies.count == 1 ? "y" : "ies") "
                    + "(\(currencies.prefix(12).joined(separator: ", "))\(currencies.count > 12 ? ", …" : "")), "
                    + "\(days.min().map(\.description) ?? "") to \(days.max().map(\.description) ?? "")")
        }
    }
}
