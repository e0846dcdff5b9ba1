import AurumCore
import AurumStorage
import Foundation
import XCTest

@testable import AurumPipeline

/// A temporary directory removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) -> String {
    let path = NSTemporaryDirectory() + "aurum-pipeline-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// One Meta Insights row, as the API sends it (numbers as strings).
struct MetaRow {
    var account = "111"
    var campaign = "c1"
    var campaignName: String? = "Campaign One"
    var ad = "a1"
    var date = "2024-03-01"
    var impressions = "1000"
    var clicks = "10"
    var spend = "12.50"
    var purchases: String? = "2"
    var purchaseValue: String? = "100.00"
    var currency = "BRL"

    var json: String {
        var fields = [
            "\"account_id\":\"\(account)\"", "\"account_currency\":\"\(currency)\"", "\"campaign_id\":\"\(campaign)\"",
            "\"ad_id\":\"\(ad)\"", "\"date_start\":\"\(date)\"", "\"date_stop\":\"\(date)\"",
            "\"impressions\":\"\(impressions)\"", "\"clicks\":\"\(clicks)\"", "\"spend\":\"\(spend)\"",
        ]
        if let campaignName { fields.append("\"campaign_name\":\"\(campaignName)\"") }
        if let purchases { fields.append("\"actions\":[{\"action_type\":\"purchase\",\"value\":\"\(purchases)\"}]") }
        if let purchaseValue { fields.append("\"action_values\":[{\"action_type\":\"purchase\",\"value\":\"\(purchaseValue)\"}]") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// Writes a Meta page holding `rows` to `directory/name`; returns its path.
@discardableResult
func writeMetaPage(_ rows: [MetaRow], to directory: String, name: String) throws -> String {
    let path = directory + "/" + name
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let text = "{\"data\":[" + rows.map(\.json).joined(separator: ",") + "],\"paging\":{}}"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// Every row of `table` in the store at `directory`, sorted by its key, as printable strings.
func rows(_ table: ContractTable, in directory: String) throws -> [[String]] {
    let store = try Store(directory: directory, mode: .read)
    let batch = try TableReader.readSorted(table, store: store)
    return (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row).description } }
}

/// The value of `column` in every row of `table`.
func column(_ name: String, of table: ContractTable, in directory: String) throws -> [Value] {
    let store = try Store(directory: directory, mode: .read)
    let batch = try TableReader.readSorted(table, store: store)
    guard let column = batch.column(named: name) else { return [] }
    return (0..<batch.rowCount).map { column.value(at: $0) }
}
