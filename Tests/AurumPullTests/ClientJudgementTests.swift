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

    private func judge(_ client: MetaInsightsClient, _ target: PullTarget, _ status: Int, _ body: String, _ headers: [String: String] = [:]) -> PoliteSender.Verdict {
        let (response, json) = reply(status, body, headers)
        return client.judge(response, json: json, target: target, page: true)
    }

    private func judge(_ client: GoogleAdsClient, _ target: PullTarget, _ status: Int, _ body: String) throws -> PoliteSender.Verdict {
        let (response, json) = reply(status, body)
        return try client.judge(response, json: json, target: target)
    }

    /// A response and its body parsed, as ``PoliteSender`` hands them to a judge.
    private func reply(_ status: Int, _ body: String, _ headers: [String: String] = [:]) -> (HTTPResponse, Any?) {
        (HTTPResponse(status: status, headers: headers, body: Array(body.utf8)), JSONBody.parse(Array(body.utf8)))
    }

    func testMetaThrottlingCodesWaitWhatTheUsageHeaderSays() {
        let (client, target) = meta()
        for code in [4, 17, 32, 613, 80000, 80014] {
            let usage = "{\"42\":[{\"type\":\"ads_insights\",\"call_count\":100,\"estimated_time_to_regain_access\":3}]}"
            guard case .retry(let seconds, let reason) = judge(client, target, 400, "{\"error\":{\"code\":\(code),\"message\":\"limit\"}}", ["X-Business-Use-Case-Usage": usage])
            else { return XCTFail("code \(code) is throttling") }
            XCTAssertEqual(seconds, 180)
            XCTAssertTrue(reason.contains("code \(code)"))
        }
        guard case .retry(let seconds, _) = judge(client, target, 400, "{\"error\":{\"code\":17,\"message\":\"limit\"}}") else {
            return XCTFail("throttling")
        }
        XCTAssertEqual(seconds, 60, "no usage header: a minute")
    }

    func testMetaAuthenticationAndOtherErrors() {
        let (client, target) = meta()
        guard case .fail(.authentication(_, let detail, let fix)) = judge(client, target, 400, "{\"error\":{\"code\":190,\"error_subcode\":463,\"message\":\"Session has expired\"}}")
        else { return XCTFail("190 is authentication") }
        XCTAssertEqual(detail, "Meta error code 190/463: Session has expired")
        XCTAssertTrue(fix.contains("AURUM_META_ACCESS_TOKEN"))
        guard case .fail(.api(_, 400, _)) = judge(client, target, 400, "{\"error\":{\"code\":100,\"message\":\"Invalid parameter\"}}") else {
            return XCTFail("100 is not retried")
        }
        guard case .retry = judge(client, target, 200, "{\"data\":[{\"a\":") else { return XCTFail("a truncated body is retried") }
        guard case .fail(.badResponse) = judge(client, target, 200, "{\"paging\":{}}") else { return XCTFail("no data array") }
        guard case .accept = judge(client, target, 200, "{\"data\":[]}") else { return XCTFail("an empty page is a page") }
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
        guard case .retry(let seconds, _) = try judge(client, target, 200, stream) else { return XCTFail("exhausted") }
        XCTAssertEqual(seconds, 12.5)
        guard case .retry = try judge(client, target, 503, "[{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}]") else { return XCTFail("5xx") }
        guard case .fail(.authentication) = try judge(client, target, 403, "[{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}]") else {
            return XCTFail("403")
        }
        XCTAssertThrowsError(try judge(client, target, 401, "[{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}]"))
        guard case .fail(.api(_, 400, _)) = try judge(client, target, 400, "[{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}]") else {
            return XCTFail("400")
        }
        guard case .accept = try judge(client, target, 200, "[{\"results\":[]}]") else { return XCTFail("a stream") }
    }

    func testGAQLCoversTheContractsFieldsOverTheRange() {
        let query = GoogleAdsClient.query(range)
        for field in ["customer.currency_code", "ad_group_ad.ad.id", "metrics.cost_micros", "metrics.conversions_value", "segments.date"] {
            XCTAssertTrue(query.contains(field), field)
        }
        XCTAssertTrue(query.hasSuffix("FROM ad_group_ad WHERE segments.date BETWEEN '2024-03-01' AND '2024-03-31'"))
    }
}
