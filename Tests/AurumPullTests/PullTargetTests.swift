import AurumCore
import XCTest

@testable import AurumPull

final class PullTargetTests: XCTestCase {
    func testAccountsAreCheckedAndNormalised() throws {
        XCTAssertEqual(try PullAccount(source: .meta, text: "act_123").id, "123")
        XCTAssertEqual(try PullAccount(source: .meta, text: "123").name, "act_123")
        XCTAssertEqual(try PullAccount(source: .google, text: "123-456-7890", loginCustomer: "111-222-3333").loginCustomer, "1112223333")
        for (source, text) in [(PullAccount.Source.meta, "act_"), (.meta, "act_12a"), (.meta, "../x"), (.google, "123"), (.google, "12345678901")] {
            XCTAssertThrowsError(try PullAccount(source: source, text: text), text)
        }
        XCTAssertThrowsError(try PullAccount(source: .meta, text: "act_1", loginCustomer: "1234567890"))
    }

    func testRangesSplitIntoConsecutivePieces() {
        let range = DayRange(since: Date32(iso: "2024-01-30")!, until: Date32(iso: "2024-02-10")!)
        XCTAssertEqual(range.dayCount, 12)
        XCTAssertEqual(range.pieces(ofAtMost: 5).map(\.description), ["2024-01-30..2024-02-03", "2024-02-04..2024-02-08", "2024-02-09..2024-02-10"])
        XCTAssertEqual(range.pieces(ofAtMost: 100).map(\.description), ["2024-01-30..2024-02-10"])
    }

    func testSettingsRefuseUnusableValues() {
        XCTAssertThrowsError(try PullSettings(environment: ["AURUM_META_GRAPH_URL": "graph.facebook.com"]))
        XCTAssertThrowsError(try PullSettings(environment: ["AURUM_PULL_RETRIES": "-1"]))
        XCTAssertThrowsError(try PullSettings(environment: ["AURUM_PULL_WAIT_SCALE": "fast"]))
        let settings = try? PullSettings(environment: ["AURUM_GOOGLE_ADS_URL": "http://127.0.0.1:8/", "AURUM_META_RESTATEMENT_DAYS": "7"])
        XCTAssertEqual(settings?.googleAdsURL, "http://127.0.0.1:8")
        XCTAssertEqual(settings?.restatementDays(.meta), 7)
        XCTAssertEqual(settings?.restatementDays(.google), 30)
    }
}
