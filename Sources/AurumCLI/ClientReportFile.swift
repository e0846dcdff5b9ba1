import AurumCore
import AurumPipeline
import AurumStorage
import Foundation

/// `aurum report --html FILE`: reads Gold's daily rows (the client's, converted when asked) and the quarantine,
/// computes the ``ClientReport`` and writes its page as `aurum export` writes files.
struct ClientReportFile {
    var store: StoreOptions
    var client: String?
    var currency: CurrencyOption

    func write(_ path: String, weeks: Int?, month: String?, lang: String?) throws {
        let words = try ClientReportWords.choose(lang, client: client, settings: (try? SettingsFile.merged(over: ProcessInfo.processInfo.environment)) ?? ProcessInfo.processInfo.environment)
        let opened = try Store(directory: store.directory, mode: .read)
        var daily = try currency.gold(.kpiCampaignDaily, store: opened)
        if let client, let pairs = try ClientScope.pairs(client, directory: store.directory) {
            daily = try ClientScope.restrict(daily, named: ContractTable.kpiCampaignDaily.rawValue, client: client, to: pairs)
        }
        guard let range = ClientReport.dataRange(of: daily) else {
            throw CLIError.invalidOption("no Gold rows\(client.map { " for client \($0)" } ?? ""): ingest some pages first (aurum ingest PATH)")
        }
        let period: ReportPeriod
        if let month, let (year, number) = ReportPeriod.parseMonth(month) {
            guard let monthPeriod = ReportPeriod.month(year: year, month: number, lastDay: range.upperBound) else {
                throw CLIError.invalidOption("--month \(month) is after the data's last day, \(range.upperBound)")
            }
            period = monthPeriod
        } else {
            period = ReportPeriod.weeks(weeks ?? 4, endingOn: range.upperBound)
        }
        let quarantine = try TableReader.readSorted(.quarantine, store: opened)
        guard let report = ClientReport.make(daily: daily, period: period, quarantine: quarantine) else {
            throw CLIError.invalidOption("Gold's daily table lacks the columns of the data contract")
        }
        let page = ClientReportPage(words: words, client: client, weeks: month == nil ? (weeks ?? 4) : nil).html(report)
        try OutputFile.write(Array(page.utf8), to: path, protecting: [store.directory])
        Console.print("wrote \(path): \(words == .pt ? "relatório" : "report") \(period.first) – \(period.last), \(report.sections.map(\.currency).joined(separator: ", "))")
    }
}
