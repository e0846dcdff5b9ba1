import AurumCore
import XCTest

@testable import AurumPull

/// How each client reads the APIs' answers: throttling, authentication, errors inside a stream, usage headers.
final class ClientJudgementTests: XCTestCase {
    private let range = DayRange(since: Date32(iso: "2024-03-01")!, until: Date32(iso: "2024-03-31")!)

    private func meta() -> (MetaInsightsClient, PullTarget) {
        let settings = PullSettings()
        let sender = PoliteSender(transport: ScriptedTransport([]), settings: settings, observer: SilentPullObserver())
        return (MetaInsightsClient(sender: sender, settings: settings), PullTarget(account: try! PullAccount(source: .meta, text: "act_42"), range: range))
    }

    private func google() -> (GoogleAdsClient, PullTarget) {
        let settings = PullSettings()
        let sender = PoliteSender(transport: ScriptedTransport([]), settings: settings, observer: SilentPullObserver())
        let client = GoogleAdsClient(sender: sender, settings: settings, token: GoogleAccessToken(settings: settings, sender: sender))
        return (client, PullTarget(account: try! PullAccount(source: .google, text: "123-456-7890"), range: range))
    }

    private func response(_ status: Int, _ body: String, _ headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    func testMetaThrottlingCodesWaitWhatTheUsageHeaderSays() {
        let (client, target) = meta()
        for code in [4, 17, 32, 613, 80000, 80014] {
            let usage = "{\"42\":[{\"type\":\"ads_insights\",\"call_count\":100,\"estimated_time_to_regain_access\":3}]}"
            guard case .retry(let seconds, let reason) = client.judge(
                response(400, "{\"error\":{\"code\":\(code),\"message\":\"limit\"}}", ["X-Business-Use-Case-Usage": usage]), target: target, page: true)
            else { return XCTFail("code \(code) is throttling") }
            XCTAssertEqual(seconds, 180)
            XCTAssertTrue(reason.contains("code \(code)"))
        }
        guard case .retry(let seconds, _) = client.judge(response(400, "{\"error\":{\"code\":17,\"message\":\"limit\"}}"), target: target, page: true) else {
            return XCTFail("throttling")
        }
        XCTAssertEqual(seconds, 60, "no usage header: a minute")
    }

    func testMetaAuthenticationAndOtherErrors() {
        let (client, target) = meta()
        guard case .fail(.authentication(_, let detail, let fix)) = client.judge(
            response(400, "{\"error\":{\"code\":190,\"error_subcode\":463,\"message\":\"Session has expired\"}}"), target: target, page: true)
        else { return XCTFail("190 is authentication") }
        XCTAssertEqual(detail, "Meta error code 190/463: Session has expired")
        XCTAssertTrue(fix.contains("AURUM_META_ACCESS_TOKEN"))
        guard case .fail(.api(_, 400, _)) = client.judge(response(400, "{\"error\":{\"code\":100,\"message\":\"Invalid parameter\"}}"), target: target, page: true) else {
            return XCTFail("100 is not retried")
        }
        guard case .retry = client.judge(response(200, "{\"data\":[{\"a\":"), target: target, page: true) else { return XCTFail("a truncated body is retried") }
        guard case .fail(.badResponse) = client.judge(response(200, "{\"paging\":{}}"), target: target, page: true) else { return XCTFail("no data array") }
        guard case .accept = client.judge(response(200, "{\"data\":[]}"), target: target, page: true) else { return XCTFail("an empty page is a page") }
    }

    func testMetaUsageHeaders() {
        let usage = MetaUsage([
            "x-ad-account-usage": "{\"acc_id_util_pct\":91.5,\"reset_time_duration\":30}",
            "x-app-usage": "{\"call_count\":12,\"total_cputime\":80,\"total_time\":3}",
        ])
        XCTAssertEqual(usage.percentMax, 91.5)
        XCTAssertNil(usage.regainSeconds, "reset_time_duration counts only at 100%")
        XCTAssertEqual(MetaUsage(["x-ad-account-usage": "{\"acc_id_util_pct\":100,\"reset_time_duration\":30}"]).regainSeconds, 30)
        XCTAssertNil(MetaUsage(["x-ad-account-usage": "not json"]).percentMax)
    }

    func testGoogleErrorAsTheLastElementOfAStreamIsRetriedAfterItsDelay() throws {
        let (client, target) = google()
        let stream = """
            [{"results":[],"requestId":"a"},{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota",
             "details":[{"errors":[{"details":{"quotaErrorDetails":{"retryDelay":"12.5s"}}}]}]}}]
            """
        guard case .retry(let seconds, _) = try client.judge(response(200, stream), target: target) else { return XCTFail("exhausted") }
        XCTAssertEqual(seconds, 12.5)
        guard case .retry = try client.judge(response(503, "[{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}]"), target: target) else { return XCTFail("5xx") }
        guard case .fail(.authentication) = try client.judge(response(403, "[{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}]"), target: target) else {
            return XCTFail("403")
        }
        XCTAssertThrowsError(try client.judge(response(401, "[{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}]"), target: target))
        guard case .fail(.api(_, 400, _)) = try client.judge(response(400, "[{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}]"), target: target) else {
            return XCTFail("400")
        }
        guard case .accept = try client.judge(response(200, "[{\"results\":[]}]"), target: target) else { return XCTFail("a stream") }
    }

    func testGAQLCoversTheContractsFieldsOverTheRange() {
        let query = GoogleAdsClient.query(range)
        for field in ["customer.currency_code", "ad_group_ad.ad.id", "metrics.cost_micros", "metrics.conversions_value", "segments.date"] {
            XCTAssertTrue(query.contains(field), field)
        }
        XCTAssertTrue(query.hasSuffix("FROM ad_group_ad WHERE segments.date BETWEEN '2024-03-01' AND '2024-03-31'"))
    }
}
