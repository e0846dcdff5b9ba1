import AurumCore
import AurumPipeline
import Foundation
import XCTest

@testable import AurumPull

/// Pages are staged while the next page is fetched, one page ahead at most, and a failed fetch names its page.
final class PageAheadTests: XCTestCase {
    private let range = DayRange(since: Date32(iso: "2024-03-01")!, until: Date32(iso: "2024-03-03")!)

    private func metaPage(_ number: Int, next: Bool) -> String {
        let row = "{\"account_id\":\"42\",\"ad_id\":\"\(number)\",\"date_start\":\"2024-03-0\(number)\",\"date_stop\":\"2024-03-0\(number)\"}"
        return "{\"data\":[\(row)]" + (next ? ",\"paging\":{\"next\":\"http://127.0.0.1:1/v23.0/act_42/insights?after=\(number)\"}" : "") + "}"
    }

    private func job() throws -> StagingJob {
        let path = NSTemporaryDirectory() + "aurum-page-ahead-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return StagingJob(path: path)
    }

    private func settings() -> PullSettings {
        var settings = PullSettings()
        settings.metaGraphURL = "http://127.0.0.1:1"
        settings.metaAccessToken = "token-for-tests"
        settings.retriesMax = 0
        settings.waitScale = 0
        return settings
    }

    func testAMetaPageIsStagedWhileTheNextIsFetched() async throws {
        let transport = HeldTransport(pages: [metaPage(1, next: true), metaPage(2, next: true), metaPage(3, next: false)], holdAt: 2)
        let observer = OverlapObserver(transport: transport, event: .staged)
        let settings = settings()
        let client = MetaInsightsClient(sender: PoliteSender(transport: transport, settings: settings, observer: observer), settings: settings)
        let job = try job()
        var parsing = PageParseAhead(pages: ParsedPages())
        let fetched = try await client.fetch(PullTarget(account: try PullAccount(source: .meta, text: "act_42"), range: range), into: job, parsing: &parsing)
        XCTAssertEqual(fetched.pages, 3)
        XCTAssertEqual(observer.whileNextInFlight, [true], "page 1 was staged before page 2's request went out: no overlap")
        XCTAssertEqual(transport.inFlightMax, 1, "one request at a time")
        XCTAssertEqual(job.pages, ["page-000001.json", "page-000002.json", "page-000003.json"])
        XCTAssertTrue(job.isComplete)
    }

    func testAGoogleStreamIsStagedWhileTheNextPieceIsFetched() async throws {
        var settings = settings()
        settings.googleAdsURL = "http://127.0.0.1:1"
        settings.googleDeveloperToken = "developer-token"
        settings.googleAccessToken = "access-token"
        settings.googleDaysPerRequest = 1
        let stream = "[{\"results\":[{\"segments\":{\"date\":\"2024-03-01\"}}]}]"
        let transport = HeldTransport(pages: [stream, stream, stream], holdAt: 3)
        let observer = OverlapObserver(transport: transport, event: .staged)
        let sender = PoliteSender(transport: transport, settings: settings, observer: observer)
        let client = GoogleAdsClient(sender: sender, settings: settings, token: GoogleAccessToken(settings: settings, sender: sender))
        let job = try job()
        var parsing = PageParseAhead(pages: ParsedPages())
        let fetched = try await client.fetch(PullTarget(account: try PullAccount(source: .google, text: "1234567890"), range: range), into: job, parsing: &parsing)
        XCTAssertEqual(fetched.pages, 3)
        XCTAssertEqual(fetched.rows, 3)
        XCTAssertEqual(observer.whileNextInFlight, [true])
        XCTAssertEqual(transport.inFlightMax, 1)
        XCTAssertEqual(job.pages.count, 3)
    }

    func testAFailedFetchNamesItsPageAndKeepsThePagesBefore() async throws {
        // Page 2 says a page 3 follows, which the transport cannot give.
        let transport = HeldTransport(pages: [metaPage(1, next: true), metaPage(2, next: true)], holdAt: 0)
        let settings = settings()
        let client = MetaInsightsClient(sender: PoliteSender(transport: transport, settings: settings, observer: SilentPullObserver()), settings: settings)
        let job = try job()
        var parsing = PageParseAhead(pages: ParsedPages())
        do {
            _ = try await client.fetch(PullTarget(account: try PullAccount(source: .meta, text: "act_42"), range: range), into: job, parsing: &parsing)
            XCTFail("page 3 cannot be fetched")
        } catch {
            XCTAssertEqual(
                String(describing: error),
                "meta act_42 2024-03-01..2024-03-03: gave up after 1 attempts; last: no such page (fetching page 3)")
        }
        XCTAssertEqual(job.pages, ["page-000001.json", "page-000002.json"], "the pages before stay staged for the resume")
        XCTAssertFalse(job.isComplete)
    }

    func testAPageWhoseNextLinkPointsElsewhereIsStagedBeforeTheError() async throws {
        let away = "{\"data\":[],\"paging\":{\"next\":\"http://elsewhere.example/v23.0/act_42/insights?after=1\"}}"
        let transport = HeldTransport(pages: [metaPage(1, next: true), away], holdAt: 0)
        let settings = settings()
        let client = MetaInsightsClient(sender: PoliteSender(transport: transport, settings: settings, observer: SilentPullObserver()), settings: settings)
        let job = try job()
        var parsing = PageParseAhead(pages: ParsedPages())
        do {
            _ = try await client.fetch(PullTarget(account: try PullAccount(source: .meta, text: "act_42"), range: range), into: job, parsing: &parsing)
            XCTFail("the link points away from the Graph API")
        } catch {
            XCTAssertTrue(String(describing: error).contains("paging.next points away from http://127.0.0.1:1"), "\(error)")
        }
        XCTAssertEqual(job.pages, ["page-000001.json", "page-000002.json"])
        XCTAssertEqual(transport.sent, 2, "the link elsewhere is never followed")
    }
}
