import AurumCore
import XCTest

@testable import AurumPull

/// Retries, waits and their limits, with a scripted transport and no real waiting.
final class PoliteSenderTests: XCTestCase {
    private let target = PullTarget(
        account: try! PullAccount(source: .meta, text: "act_1"), range: DayRange(since: Date32(iso: "2024-03-01")!, until: Date32(iso: "2024-03-02")!))

    private func sender(_ transport: ScriptedTransport, retries: Int = 3, waitMax: Double = 900) -> PoliteSender {
        var settings = PullSettings()
        settings.retriesMax = retries
        settings.waitScale = 0
        settings.waitMaxSeconds = waitMax
        return PoliteSender(transport: transport, settings: settings, observer: SilentPullObserver())
    }

    private func statusJudge(_ response: HTTPResponse, _ json: Any?) -> PoliteSender.Verdict {
        response.status == 200 ? .accept : .retry(seconds: PoliteSender.retryAfter(response), reason: "HTTP \(response.status)")
    }

    func testRetriesThroughFailuresAndDropsThenAccepts() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(500, "{}"), .failure(.transport(reason: "dropped")),
            ScriptedTransport.json(429, "{}", headers: ["Retry-After": "7"]), ScriptedTransport.json(200, "{\"ok\":1}"),
        ])
        let sender = sender(transport)
        let reply = try await sender.send(target, { HTTPRequest(method: "GET", url: "http://x/") }, judge: statusJudge)
        XCTAssertEqual(reply.response.status, 200)
        XCTAssertEqual((reply.json as? [String: Any])?["ok"] as? Int, 1)
        XCTAssertEqual(transport.requests.count, 4)
        // Backoff 1 s, then 2 s, then the 7 s Retry-After asked.
        XCTAssertEqual(sender.counters.waitedSeconds, 1 + 2 + 7)
    }

    func testGivesUpNamingTheTargetAndTheLastFailure() async {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.json(503, "{}"), count: 5))
        do {
            _ = try await sender(transport, retries: 2).send(target, { HTTPRequest(method: "GET", url: "http://x/") }, judge: statusJudge)
            XCTFail("expected to give up")
        } catch {
            XCTAssertEqual(String(describing: error), "meta act_1 2024-03-01..2024-03-02: gave up after 3 attempts; last: HTTP 503")
        }
        XCTAssertEqual(transport.requests.count, 3)
    }

    func testAWaitLongerThanAllowedFailsInsteadOfHanging() async {
        let transport = ScriptedTransport([ScriptedTransport.json(429, "{}", headers: ["Retry-After": "3600"])])
        do {
            _ = try await sender(transport, waitMax: 60).send(target, { HTTPRequest(method: "GET", url: "http://x/") }, judge: statusJudge)
            XCTFail("expected a failure")
        } catch {
            XCTAssertTrue(String(describing: error).contains("asks to wait 3600 s, more than AURUM_PULL_WAIT_MAX_SECONDS"), "\(error)")
        }
    }
}
