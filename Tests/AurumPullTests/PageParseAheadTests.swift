import AurumAdsAPI
import AurumCore
import AurumPipeline
import AurumStorage
import Foundation
import XCTest

@testable import AurumPull

/// Each page is parsed (the pipeline's parse: JSON → validated rows) while the next page is fetched, and the
/// ingest that ends the pull takes those parses instead of parsing the staged files again.
final class PageParseAheadTests: XCTestCase {
    private let range = DayRange(since: Date32(iso: "2024-03-01")!, until: Date32(iso: "2024-03-03")!)

    /// A Meta page of `rows` valid rows (ads `first`…) on 2024-03-0`day`, linking to a next page when `next`.
    private func metaPage(day: Int, first: Int = 1, rows: Int = 2, next: Bool) -> String {
        let data = (first..<first + rows).map { ad in
            "{\"account_id\":\"42\",\"account_currency\":\"BRL\",\"campaign_id\":\"7\",\"campaign_name\":\"Verão\",\"adset_id\":\"8\","
                + "\"ad_id\":\"\(ad)\",\"date_start\":\"2024-03-0\(day)\",\"date_stop\":\"2024-03-0\(day)\",\"impressions\":\"100\","
                + "\"clicks\":\"\(ad)\",\"spend\":\"1.50\",\"actions\":[{\"action_type\":\"purchase\",\"value\":\"1\"}]}"
        }
        let paging = next ? ",\"paging\":{\"next\":\"http://127.0.0.1:1/v23.0/act_42/insights?after=\(day)\"}" : ""
        return "{\"data\":[" + data.joined(separator: ",") + "]" + paging + "}"
    }

    private func googleStream(day: Int) -> String {
        "[{\"results\":[{\"customer\":{\"id\":\"1234567890\",\"currencyCode\":\"BRL\"},\"campaign\":{\"id\":\"5\",\"name\":\"C\"},"
            + "\"adGroup\":{\"id\":\"6\"},\"adGroupAd\":{\"ad\":{\"id\":\"9\"}},\"metrics\":{\"impressions\":\"10\",\"clicks\":\"\(day)\"},"
            + "\"segments\":{\"date\":\"2024-03-0\(day)\"}}]}]"
    }

    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "aurum-parse-ahead-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func settings() -> PullSettings {
        var settings = PullSettings()
        settings.metaGraphURL = "http://127.0.0.1:1"
        settings.metaAccessToken = "token-for-tests"
        settings.googleAdsURL = "http://127.0.0.1:1"
        settings.googleDeveloperToken = "developer-token"
        settings.googleAccessToken = "access-token"
        settings.googleDaysPerRequest = 1
        settings.retriesMax = 0
        settings.waitScale = 0
        return settings
    }

    private var meta: PullAccount { get throws { try PullAccount(source: .meta, text: "act_42") } }
    private var google: PullAccount { get throws { try PullAccount(source: .google, text: "1234567890") } }

    // MARK: - The overlap

    func testAMetaPageIsParsedWhileTheNextIsFetched() async throws {
        let transport = HeldTransport(pages: [metaPage(day: 1, next: true), metaPage(day: 2, next: true), metaPage(day: 3, next: false)], holdAt: 2)
        let observer = OverlapObserver(transport: transport, event: .parsed)
        let settings = settings()
        let client = MetaInsightsClient(sender: PoliteSender(transport: transport, settings: settings, observer: observer), settings: settings)
        var parsing = PageParseAhead(pages: ParsedPages())
        _ = try await client.fetch(PullTarget(account: try meta, range: range), into: StagingJob(path: try temporaryDirectory()), parsing: &parsing)
        XCTAssertEqual(observer.whileNextInFlight, [true], "page 1 was not parsed while page 2's request was in flight")
        XCTAssertEqual(observer.parsed.map(\.page), [1, 2, 3])
        XCTAssertEqual(observer.parsed.map(\.rows), [2, 2, 2])
        XCTAssertEqual(parsing.pages.count, 3)
        XCTAssertEqual(transport.inFlightMax, 1, "still one request at a time")
    }

    func testAGoogleStreamIsParsedWhileTheNextPieceIsFetched() async throws {
        let transport = HeldTransport(pages: [googleStream(day: 1), googleStream(day: 2), googleStream(day: 3)], holdAt: 3)
        let observer = OverlapObserver(transport: transport, event: .parsed)
        let settings = settings()
        let sender = PoliteSender(transport: transport, settings: settings, observer: observer)
        let client = GoogleAdsClient(sender: sender, settings: settings, token: GoogleAccessToken(settings: settings, sender: sender))
        var parsing = PageParseAhead(pages: ParsedPages())
        _ = try await client.fetch(PullTarget(account: try google, range: range), into: StagingJob(path: try temporaryDirectory()), parsing: &parsing)
        XCTAssertEqual(observer.whileNextInFlight, [true], "stream 2 was not parsed while stream 3's request was in flight")
        XCTAssertEqual(observer.parsed.map(\.page), [1, 2, 3])
        XCTAssertEqual(parsing.pages.count, 3)
    }

    // MARK: - The ingest takes the parses

    /// Counts the pages the pull parses.
    private final class ParseCounter: PullObserver, @unchecked Sendable {
        let lock = NSLock()
        var parsed = 0
        func pageParsed(_ target: PullTarget, page: Int, rows: Int, problem: String?) { lock.withLock { parsed += 1 } }
    }

    private func metaPages() -> [String] {
        [metaPage(day: 1, next: true), metaPage(day: 2, first: 3, next: true), metaPage(day: 3, rows: 3, next: false)]
    }

    private func pullMeta(into store: String, budgetBytes: Int = ParsedPages.budgetBytesDefault) async throws -> (PullSummary, ParseCounter) {
        let counter = ParseCounter()
        let transport = ScriptedTransport(metaPages().map { ScriptedTransport.json(200, $0) })
        let puller = Puller(settings: settings(), transport: transport, observer: counter, parseAheadBudgetBytes: budgetBytes)
        let summary = try await puller.pull(accounts: [try meta], since: range.since, until: range.until, directory: store)
        return (summary, counter)
    }

    /// Silver, quarantine and Gold of a store, as text.
    private func tables(_ directory: String) throws -> [String] {
        let store = try Store(directory: directory, mode: .read)
        return try [ContractTable.adInsights, .quarantine, .kpiCampaignDaily, .kpiCampaignWeekly, .kpiCampaignTotal].map { table in
            let batch = try TableReader.readSorted(table, store: store)
            return (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row).description }.joined(separator: "|") }
                .joined(separator: "\n")
        }
    }

    /// The same pages ingested as files (what `aurum ingest` of them gives).
    private func ingestedAsFiles(_ pages: [String]) throws -> String {
        let files = try temporaryDirectory()
        for (index, page) in pages.enumerated() {
            try Data(page.utf8).write(to: URL(fileURLWithPath: files + String(format: "/page-%06d.json", index + 1)))
        }
        let store = try temporaryDirectory() + "/store"
        let summary = try Pipeline.ingest(paths: [files], directory: store)
        XCTAssertEqual(summary.filesParsed, pages.count)
        return store
    }

    func testTheIngestThatEndsAPullParsesNoPulledPageAgain() async throws {
        let store = try temporaryDirectory() + "/store"
        let (summary, counter) = try await pullMeta(into: store)
        XCTAssertEqual(counter.parsed, 3, "each page parsed once while fetching")
        let ingest = try XCTUnwrap(summary.ingest)
        XCTAssertEqual(ingest.filesNew, 3)
        XCTAssertEqual(ingest.filesParsedAhead, 3)
        XCTAssertEqual(ingest.filesParsed, 0, "the ingest parsed a pulled page again")
        XCTAssertEqual(ingest.bronzeRows, 7)
        XCTAssertTrue(ingest.totals.identityHolds)
        XCTAssertEqual(try tables(store), try tables(try ingestedAsFiles(metaPages())), "a pull stores what an ingest of its pages stores")
    }

    func testPagesPastTheBudgetAreParsedByTheIngest() async throws {
        let store = try temporaryDirectory() + "/store"
        let (summary, counter) = try await pullMeta(into: store, budgetBytes: metaPages()[0].utf8.count)
        XCTAssertEqual(counter.parsed, 1)
        let ingest = try XCTUnwrap(summary.ingest)
        XCTAssertEqual(ingest.filesParsedAhead, 1)
        XCTAssertEqual(ingest.filesParsed, 2)
        XCTAssertEqual(try tables(store), try tables(try ingestedAsFiles(metaPages())))
    }

    func testAPageThatIsNotADataPageIsReportedByNameAndRejectedAsAnIngestWouldRejectIt() async throws {
        // A stream the API judge accepts (an array, no error element) that is not a Google stream (contract rule 1).
        let bad = "[{\"results\":[]},5]"
        let transport = ScriptedTransport([googleStream(day: 1), bad, googleStream(day: 3)].map { ScriptedTransport.json(200, $0) })
        let counter = ParseCounter()
        let store = try temporaryDirectory() + "/store"
        let summary = try await Puller(settings: settings(), transport: transport, observer: counter)
            .pull(accounts: [try google], since: range.since, until: range.until, directory: store)
        let reason = try XCTUnwrap(Result { () throws(PageError) in try PageParser().parse(Array(bad.utf8)) }.failure?.description)
        XCTAssertEqual(reason, "not a data page: Google stream element 2 is a number, not an object")
        XCTAssertEqual(
            summary.rejectedPages,
            ["google 1234567890 2024-03-01..2024-03-03: page 2 (stream-2024-03-02_2024-03-02.json) rejected: \(reason); none of its rows count, and it is not kept in Bronze"])
        let ingest = try XCTUnwrap(summary.ingest)
        XCTAssertEqual(ingest.rejectedFiles.map { ($0.path as NSString).lastPathComponent }, ["stream-2024-03-02_2024-03-02.json"])
        XCTAssertEqual(ingest.rejectedFiles.map(\.reason), [reason], "the reason an ingest of the file gives")
        XCTAssertEqual(ingest.filesNew, 2)
        XCTAssertEqual(ingest.filesParsed, 0)
        XCTAssertEqual(counter.parsed, 3)
        XCTAssertTrue(summary.failures.isEmpty, "the other streams are fetched and ingested")
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
