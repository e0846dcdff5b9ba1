import AurumCore
import AurumPipeline
import AurumStorage
import Foundation

/// `aurum report --html FILE`: reads the ``ReportInputs``, computes the ``ClientReport`` and writes its page as `aurum export` writes files.
struct ClientReportFile {
    var store: StoreOptions
    var client: String?
    var currency: CurrencyOption

    func write(_ path: String, weeks: Int?, month: String?, lang: String?) throws {
        let inputs = try ReportInputs(directory: store.directory, client: client, currency: currency, lang: lang, period: { range in
            guard let month, let (year, number) = ReportPeriod.parseMonth(month) else { return ReportPeriod.weeks(weeks ?? 4, endingOn: range.upperBound) }
            guard let monthPeriod = ReportPeriod.month(year: year, month: number, lastDay: range.upperBound) else {
                throw CLIError.invalidOption("--month \(month) is after the data's last day, \(range.upperBound)")
            }
            return monthPeriod
        }, firstDay: \.previousFirst)
        let (words, period) = (inputs.words, inputs.period)
        guard let report = ClientReport.make(daily: inputs.daily, period: period, quarantine: inputs.quarantine, dataRange: inputs.range) else {
            throw CLIError.invalidOption("Gold's daily table lacks the columns of the data contract")
        }
        let page = ClientReportPage(words: words, client: client, weeks: month == nil ? (weeks ?? 4) : nil).html(report)
        try OutputFile.write(Array(page.utf8), to: path, protecting: [store.directory])
        Console.print("wrote \(path): \(words == .pt ? "relatório" : "report") \(period.first) – \(period.last), \(report.sections.map(\.currency).joined(separator: ", "))")
    }
}
