import AurumCore
import AurumPipeline
import AurumStorage
import Foundation

/// What `aurum report --html` and `aurum insights` read: Gold's daily rows (the client's only, converted when
/// --currency asks), the days they cover, the quarantine, and the language to write in.
struct ReportInputs {
    var daily: Batch
    var range: ClosedRange<Date32>
    var quarantine: Batch
    var words: ClientReportWords

    /// - Throws: when the store has no Gold rows (for the client), the language is unknown, or the config file
    ///   is invalid.
    init(directory: String, client: String?, currency: CurrencyOption?, lang: String?) throws {
        words = try ClientReportWords.choose(lang, client: client, settings: try SettingsFile.merged(over: ProcessInfo.processInfo.environment))
        let store = try Store(directory: directory, mode: .read)
        var daily = try currency?.gold(.kpiCampaignDaily, store: store, client: client).batch ?? TableReader.readSorted(.kpiCampaignDaily, store: store)
        if let client, let pairs = try ClientScope.pairs(client, directory: directory) {
            daily = try ClientScope.restrict(daily, named: ContractTable.kpiCampaignDaily.rawValue, client: client, to: pairs)
        }
        guard let range = ClientReport.dataRange(of: daily) else {
            throw CLIError.invalidOption("no Gold rows\(client.map { " for client \($0)" } ?? ""): ingest some pages first (aurum ingest PATH)")
        }
        self.daily = daily
        self.range = range
        quarantine = try TableReader.readSorted(.quarantine, store: store)
    }
}
