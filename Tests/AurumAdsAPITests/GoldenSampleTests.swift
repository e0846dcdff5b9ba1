import AurumCore
import Foundation
import XCTest

@testable import AurumAdsAPI

/// Reads every page of the shared `bronze-3k` sample and checks the rows against its independently computed
/// expected outputs (quarantine.csv, silver.csv, summary.json), doing the dedup of rule 5 in the test.
final class GoldenSampleTests: XCTestCase {
    /// `shared/samples` beside the repository root (this file is `<root>/Tests/AurumAdsAPITests/…`).
    private static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples")

    private struct IngestedRow {
        var file: String
        var row: PageRow
    }

    /// Every row of the sample tree, in ingest order (byte-wise path order, then row order).
    private func ingest() throws -> [IngestedRow] {
        let root = Self.samples.appendingPathComponent("bronze-3k")
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else {
            // The shared samples sit beside the checkout in development and in CI: their absence is a failure.
            struct MissingSamples: Error, CustomStringConvertible { let description: String }
            throw MissingSamples(description: "cannot list \(root.path): the shared samples must be beside the repository")
        }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.append(path)
            }
        }
        paths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(paths.count, 66, "files in bronze-3k")
        var rows: [IngestedRow] = []
        let parser = PageParser()
        for path in paths {
            let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(path)))
            let page = try parser.parse(bytes)
            rows += page.rows.map { IngestedRow(file: path, row: $0) }
        }
        return rows
    }

    /// RFC 4180 records of a CSV text, header first.
    private func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if inQuotes {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append("\"")
                        characters.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                inQuotes = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else if scalar != "\r" {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    private func expected(_ name: String) throws -> [[String: String]] {
        let text = try String(
            contentsOf: Self.samples.appendingPathComponent("bronze-3k.expected/\(name)"), encoding: .utf8)
        let records = csvRecords(text)
        let header = try XCTUnwrap(records.first)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func testRowCountsBySource() throws {
        let rows = try ingest()
        XCTAssertEqual(rows.count, 3031)
        XCTAssertEqual(rows.filter { $0.row.source == .meta }.count, 1818)
        XCTAssertEqual(rows.filter { $0.row.source == .google }.count, 1213)
    }

    func testQuarantineMatches() throws {
        let rows = try ingest()
        let got = rows.compactMap { row in
            row.row.outcome.quarantineReason.map { "\(row.file) \(row.row.position) \(row.row.source.rawValue) \($0)" }
        }
        let want = try expected("quarantine.csv").map {
            "\($0["file"]!) \($0["pos"]!) \($0["source"]!) \($0["reason"]!)"
        }
        XCTAssertEqual(got, want)
        // Every detail names a field.
        for row in rows {
            if case .quarantined(_, let detail) = row.row.outcome { XCTAssertFalse(detail.isEmpty) }
        }
    }

    func testSilverMatchesAfterDedup() throws {
        let rows = try ingest()
        struct Key: Hashable {
            var source: String, accountId: String, adId: String, date: Date32
        }
        var winners: [Key: SilverRecord] = [:]
        var validCount = 0
        for row in rows {
            guard case .valid(let record) = row.row.outcome else { continue }
            validCount += 1
            winners[
                Key(source: row.row.source.rawValue, accountId: record.accountId, adId: record.adId, date: record.date)] =
                record
        }
        XCTAssertEqual(validCount - winners.count, 31, "superseded duplicates")
        let silver = try expected("silver.csv")
        XCTAssertEqual(winners.count, silver.count)
        XCTAssertEqual(silver.count, 2982)

        var mismatches = 0
        for line in silver {
            let date = try XCTUnwrap(Date32(iso: line["date"]!))
            let key = Key(source: line["source"]!, accountId: line["account_id"]!, adId: line["ad_id"]!, date: date)
            guard let record = winners[key] else {
                XCTFail("no record for \(key)")
                mismatches += 1
                continue
            }
            let texts: [(String, String?)] = [
                ("currency", record.currency), ("campaign_id", record.campaignId),
                ("campaign_name", record.campaignName),
                ("adset_id", record.adsetId), ("adset_name", record.adsetName), ("ad_name", record.adName),
                ("conversion_action", record.conversionAction),
            ]
            for (column, value) in texts where (value ?? "") != line[column]! {
                XCTFail("\(key) \(column): \(String(describing: value)) != \(line[column]!)")
                mismatches += 1
            }
            XCTAssertEqual(String(record.impressions), line["impressions"], "\(key)")
            XCTAssertEqual(String(record.clicks), line["clicks"], "\(key)")
            let amounts: [(String, Double)] = [
                ("spend", record.spend), ("conversions", record.conversions),
                ("conversion_value", record.conversionValue),
            ]
            for (column, value) in amounts {
                let want = try XCTUnwrap(Double(line[column]!))
                XCTAssertEqual(value, want, accuracy: 1e-6, "\(key) \(column)")
            }
            if mismatches > 20 { return XCTFail("stopping after 20 mismatches") }
        }

        // summary.json's exact sums.
        let summaryData = try Data(contentsOf: Self.samples.appendingPathComponent("bronze-3k.expected/summary.json"))
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
        let exact = try XCTUnwrap(summary["silver_exact"] as? [String: Any])
        let records = Array(winners.values)
        func sum(_ scale: Double, _ value: (SilverRecord) -> Double) -> Int64 {
            records.reduce(0) { $0 + Int64((value($1) * scale).rounded()) }
        }
        XCTAssertEqual(records.reduce(0) { $0 + $1.impressions }, (exact["impressions"] as? NSNumber)?.int64Value)
        XCTAssertEqual(records.reduce(0) { $0 + $1.clicks }, (exact["clicks"] as? NSNumber)?.int64Value)
        XCTAssertEqual(sum(1e6, \.spend), (exact["spend_micros"] as? NSNumber)?.int64Value)
        XCTAssertEqual(sum(100, \.conversions), (exact["conv_hundredths"] as? NSNumber)?.int64Value)
        XCTAssertEqual(sum(100, \.conversionValue), (exact["value_cents"] as? NSNumber)?.int64Value)
    }
}
