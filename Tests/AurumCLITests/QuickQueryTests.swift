import ArgumentParser
import XCTest

@testable import AurumCLI

/// ``QuickQuery`` reads `aurum query [--store DIR] [--format FORMAT] SQL` without ArgumentParser: for every line
/// it takes, its request must be the one ArgumentParser's `QueryCommand` makes (every default included); every
/// other line it must leave to ArgumentParser.
final class QuickQueryTests: XCTestCase {
    func testItsRequestsAreArgumentParsersForTheSameLines() throws {
        let lines: [[String]] = [
            ["SELECT 1"],
            ["--store", "/tmp/s", "SELECT 1"],
            ["SELECT sum(spend) FROM ad_insights", "--store", "s"],
            ["--store=/tmp/s", "--format", "csv", "SELECT 1"],
            ["--format=json", "SELECT 1", "--store", "x y"],
            ["--format", "markdown", "SELECT 'é' AS \"quoted\""],
            ["--format", "table", "--store", "", ""],
            ["--store", "s", "SELECT 1 -- a comment"],
        ]
        for line in lines {
            let parsed = try QueryCommand.parseAsRoot(line)
            guard let command = parsed as? QueryCommand else { return XCTFail("\(line): \(type(of: parsed))") }
            XCTAssertEqual(QuickQuery.request(["query"] + line), command.request, "\(line)")
        }
    }

    func testEveryOtherLineIsLeftToArgumentParser() {
        let lines: [[String]] = [
            [], ["tables"], ["query"], ["query", "--store", "s"], ["query", "--help"], ["query", "-h"], ["query", "help"],
            ["query", "SELECT 1", "SELECT 2"], ["query", "--format", "xml", "SELECT 1"], ["query", "--format", "CSV", "SELECT 1"],
            ["query", "--store", "a", "--store", "b", "SELECT 1"], ["query", "--format", "csv", "--format=json", "SELECT 1"],
            ["query", "SELECT 1", "--store"], ["query", "--store", "--format", "SELECT 1"], ["query", "--store=-x", "SELECT 1"],
            ["query", "-f", "q.sql"], ["query", "--file=q.sql"], ["query", "--max-rows", "5", "SELECT 1"],
            ["query", "--repeat", "3", "SELECT 1"], ["query", "--chart", "bar", "SELECT 1"], ["query", "--on", "bigquery", "SELECT 1"],
            ["query", "--today", "2024-01-01", "SELECT current_date"], ["query", "--client", "acme", "SELECT 1"],
            ["query", "--", "SELECT 1"], ["query", "-- comment\nSELECT 1"], ["query", "--version"], ["--version"],
        ]
        for line in lines { XCTAssertNil(QuickQuery.request(line), "\(line)") }
    }
}
