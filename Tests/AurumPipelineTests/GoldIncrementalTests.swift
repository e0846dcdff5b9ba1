import AurumCore
import AurumStorage
import XCTest

@testable import AurumPipeline

/// Gold refreshed campaign by campaign over many runs must equal Gold built in one go, bit for bit.
final class GoldIncrementalTests: XCTestCase {
    func testManyRandomRunsGiveTheSameGoldAsOneRun() throws {
        var rng = SplitMix(seed: 42)
        let input = temporaryDirectory(self)
        var files: [String] = []
        for fileIndex in 0..<12 {
            var pageRows: [MetaRow] = []
            for _ in 0..<40 {
                var row = MetaRow(
                    account: ["111", "222"][Int(rng.next() % 2)], campaign: "c\(rng.next() % 5)", ad: "a\(rng.next() % 9)",
                    date: "2024-03-\(10 + Int(rng.next() % 15))")
                row.campaignName = "Name \(rng.next() % 3)"
                row.spend = "\(rng.next() % 5000).\(10 + rng.next() % 90)"
                row.impressions = String(rng.next() % 10_000)
                row.clicks = String(rng.next() % 100)
                pageRows.append(row)
            }
            files.append(try writeMetaPage(pageRows, to: input, name: String(format: "f%02d.json", fileIndex)))
        }
        let oneRun = temporaryDirectory(self) + "/one"
        try Pipeline.ingest(paths: files, directory: oneRun)
        let manyRuns = temporaryDirectory(self) + "/many"
        var start = 0
        while start < files.count {
            let count = 1 + Int(rng.next() % 3)
            try Pipeline.ingest(paths: Array(files[start..<min(start + count, files.count)]), directory: manyRuns)
            start += count
        }
        for table in [ContractTable.adInsights, .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal] {
            XCTAssertEqual(try rows(table, in: manyRuns), try rows(table, in: oneRun), "\(table.rawValue) differs")
        }
    }
}

/// A small deterministic generator for tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
