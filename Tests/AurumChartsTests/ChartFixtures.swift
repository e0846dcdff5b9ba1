import AurumCore
import Foundation
import XCTest

@testable import AurumCharts

/// Fixed results the chart tests draw, and the golden-file check.
enum ChartFixtures {
    /// 14 days of spend (double) and conversions (bigint), one NULL spend, rows out of date order.
    static var daily: Batch {
        let days: [Int32] = (0..<14).map { Int32(19_783 + $0) }.reversed()  // 2024-03-01 … 2024-03-14, newest first
        let spend: [Double] = [1210.5, 1302.25, 998.0, 1500.75, 1720.0, 1633.1, 1100.0, 950.5, 1010.0, 0, 1240.0, 1388.8, 1422.0, 1602.4].reversed()
        var validity = [UInt8](repeating: 1, count: 14)
        validity[9] = 0
        let conversions: [Int64] = [31, 35, 20, 44, 51, 47, 29, 22, 25, 18, 33, 39, 40, 48].reversed()
        return Batch(
            schema: Schema([Field("date", .date), Field("spend", .double, nullable: true), Field("conversions", .int64)]),
            columns: [.date(PrimitiveColumn(values: days)), .double(PrimitiveColumn(values: spend, validity: validity)), .int64(PrimitiveColumn(values: conversions))])
    }

    /// Spend by campaign, a long name among them.
    static var ranking: Batch {
        let names: [String?] = ["Brand — Search", "Summer Sale 2024 Prospecting Lookalike Audiences Europe", "Retargeting", "Mães", nil]
        let spend: [Double] = [12_345.67, 8_000, 2_500.5, 310.25, 0]
        return Batch(
            schema: Schema([Field("campaign_name", .string, nullable: true), Field("spend", .double)]),
            columns: [.string(StringColumn(names)), .double(PrimitiveColumn(values: spend))])
    }

    /// Checks `text` against the golden file `name` in Tests/AurumChartsTests/Golden; with
    /// `AURUM_UPDATE_GOLDEN=1` writes it instead (then review the diff). A missing file fails.
    static func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["AURUM_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            XCTFail("golden file \(name) is missing: run with AURUM_UPDATE_GOLDEN=1 to write it", file: file, line: line)
            return
        }
        XCTAssertEqual(text, expected, "differs from Golden/\(name)", file: file, line: line)
    }
}
