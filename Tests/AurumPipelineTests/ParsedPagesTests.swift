import AurumAdsAPI
import AurumCore
import Foundation
import XCTest

@testable import AurumPipeline

/// An ingest handed pages parsed already takes a parse only for a file of the very bytes it was made from, and
/// with the run's conversion preference; what it stores is what it stores parsing the files itself.
final class ParsedPagesTests: XCTestCase {
    private func pages(in directory: String) throws -> [String] {
        [
            try writeMetaPage([MetaRow(ad: "a1"), MetaRow(ad: "a2", clicks: "x")], to: directory, name: "p1.json"),
            try writeMetaPage([MetaRow(ad: "a1", clicks: "30"), MetaRow(ad: "a3")], to: directory, name: "p2.json"),
        ]
    }

    private func parsed(_ paths: [String], conversionPreference: [String] = ConversionPreference.default) throws -> ParsedPages {
        var parsed = ParsedPages(conversionPreference: conversionPreference)
        for path in paths { _ = parsed.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))) }
        return parsed
    }

    func testAnIngestTakesTheParsesOfItsFilesAndStoresWhatItWouldHaveStored() throws {
        let directory = temporaryDirectory(self)
        let files = try pages(in: directory + "/in")
        let handed = try Pipeline.ingest(paths: files, directory: directory + "/handed", parsed: try parsed(files))
        XCTAssertEqual(handed.filesParsedAhead, 2)
        XCTAssertEqual(handed.filesParsed, 0)
        let plain = try Pipeline.ingest(paths: files, directory: directory + "/plain")
        XCTAssertEqual(plain.filesParsed, 2)
        XCTAssertEqual(plain.filesParsedAhead, 0)
        XCTAssertEqual(handed.bronzeRows, plain.bronzeRows)
        XCTAssertEqual(handed.quarantinedByReason, plain.quarantinedByReason)
        XCTAssertEqual(handed.supersededInRun, 1)
        XCTAssertEqual(try rows(.adInsights, in: directory + "/handed"), try rows(.adInsights, in: directory + "/plain"))
        XCTAssertEqual(try rows(.quarantine, in: directory + "/handed"), try rows(.quarantine, in: directory + "/plain"))
        XCTAssertEqual(try rows(.kpiCampaignTotal, in: directory + "/handed"), try rows(.kpiCampaignTotal, in: directory + "/plain"))
    }

    func testAParseOfOtherBytesIsNotTaken() throws {
        let directory = temporaryDirectory(self)
        let files = try pages(in: directory + "/in")
        let handed = try parsed(files)
        // The file changes after its parse: the ingest stores (and parses) what is on disk.
        try writeMetaPage([MetaRow(ad: "a1", clicks: "77")], to: directory + "/in", name: "p2.json")
        let summary = try Pipeline.ingest(paths: files, directory: directory + "/store", parsed: handed)
        XCTAssertEqual(summary.filesParsedAhead, 1)
        XCTAssertEqual(summary.filesParsed, 1)
        XCTAssertEqual(try column("clicks", of: .adInsights, in: directory + "/store"), [.int64(77)], "the rows of the bytes on disk, not of the stale parse")
    }

    func testParsesMadeWithAnotherConversionPreferenceAreNotTaken() throws {
        let directory = temporaryDirectory(self)
        let files = try pages(in: directory + "/in")
        let summary = try Pipeline.ingest(paths: files, directory: directory + "/store", parsed: try parsed(files, conversionPreference: ["omni_purchase"]))
        XCTAssertEqual(summary.filesParsedAhead, 0)
        XCTAssertEqual(summary.filesParsed, 2)
        XCTAssertEqual(try column("conversions", of: .adInsights, in: directory + "/store"), [.double(2), .double(2)], "purchases count under the default preference")
    }

    func testAPageThatIsNotADataPageIsRejectedWithTheReasonOfAnIngest() throws {
        let directory = temporaryDirectory(self)
        let path = directory + "/in/error.json"
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try Data("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}".utf8).write(to: URL(fileURLWithPath: path))
        let handed = try Pipeline.ingest(paths: [path], directory: directory + "/handed", parsed: try parsed([path]))
        let plain = try Pipeline.ingest(paths: [path], directory: directory + "/plain")
        XCTAssertEqual(handed.filesParsedAhead, 1)
        XCTAssertEqual(handed.rejectedFiles.map(\.path), [path])
        XCTAssertEqual(handed.rejectedFiles.map(\.reason), plain.rejectedFiles.map(\.reason))
        XCTAssertEqual(handed.filesNew, 0)
    }

    func testForStoreParsesWithTheStoresConversionPreference() throws {
        let directory = temporaryDirectory(self)
        XCTAssertEqual(try ParsedPages.forStore(directory: directory + "/none").conversionPreference, ConversionPreference.default)
        let files = try pages(in: directory + "/in")
        _ = try Pipeline.ingest(paths: [files[0]], directory: directory + "/store", conversionPreference: ["purchase"])
        let parsed = try ParsedPages.forStore(directory: directory + "/store")
        XCTAssertEqual(parsed.conversionPreference, ["purchase"])
        XCTAssertEqual(try Pipeline.ingest(paths: files, directory: directory + "/store", parsed: try self.parsed(files, conversionPreference: ["purchase"])).filesParsedAhead, 1)
    }

    func testNothingIsParsedPastTheBudget() throws {
        let directory = temporaryDirectory(self)
        let files = try pages(in: directory + "/in")
        let first = Array(try Data(contentsOf: URL(fileURLWithPath: files[0])))
        var parsed = ParsedPages(budgetBytes: first.count)
        XCTAssertNotNil(parsed.parse(first))
        XCTAssertNil(parsed.parse(Array(try Data(contentsOf: URL(fileURLWithPath: files[1])))))
        XCTAssertEqual(parsed.count, 1)
    }
}
