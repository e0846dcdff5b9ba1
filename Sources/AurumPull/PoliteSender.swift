import Foundation

/// Sends one logical request until it succeeds, waiting between attempts as the API asks: `Retry-After`,
/// Google's `retryDelay`, Meta's time to regain access, else exponential backoff. Each API's client decides what a
/// response means (``Verdict``); this type only counts attempts and waits. `aurum pull`'s clients and
/// `aurum push bigquery` (another module of this package) share it.
package struct PoliteSender: Sendable {
    /// What a response means to the client that asked.
    package enum Verdict {
        /// The response is the answer.
        case accept
        /// Try again, after `seconds` when the API said how long (else backoff), because of `reason`.
        case retry(seconds: Double?, reason: String)
        /// Stop: retrying cannot help.
        case fail(PullError)
        /// Stop with an error of the caller's own kind (a client outside `aurum pull`).
        case stop(any Error)
    }

    let transport: any HTTPTransport
    let settings: PullSettings
    let observer: any PullObserver

    /// Requests sent and waits taken, for the summary.
    let counters = PullCounters()

    package init(transport: any HTTPTransport, settings: PullSettings, observer: any PullObserver) {
        self.transport = transport
        self.settings = settings
        self.observer = observer
    }

    /// An accepted response and its body parsed as JSON (nil when it is not JSON), parsed once for the judge and
    /// the caller. Unchecked Sendable: the JSON is Foundation's immutable objects, handed from the task that
    /// fetched it to the one that stages it and never changed.
    package struct Reply: @unchecked Sendable {
        package let response: HTTPResponse
        package let json: Any?
    }

    /// Sends `request()` (rebuilt for each attempt, so a refreshed token is used) until `judge` accepts the
    /// response (handed to it with its body parsed as JSON); returns it.
    func send(
        _ target: PullTarget, _ request: () async throws -> HTTPRequest, judge: (HTTPResponse, Any?) throws -> Verdict
    ) async throws -> Reply {
        try await send(subject: target.description, wait: { try await wait($0, target: target, reason: $1) }, request, judge: judge)
    }

    /// ``send(_:_:judge:)`` for any `subject` (named by errors): `wait(seconds, reason)` waits between attempts.
    package func send(
        subject: String, wait: (Double, String) async throws -> Void, _ request: () async throws -> HTTPRequest,
        judge: (HTTPResponse, Any?) throws -> Verdict
    ) async throws -> Reply {
        var last = ""
        for attempt in 0...settings.retriesMax {
            let asked: Double?
            do {
                counters.add(requests: 1)
                let response = try await transport.send(try await request())
                let json = JSONBody.parse(response.body)
                switch try judge(response, json) {
                case .accept: return Reply(response: response, json: json)
                case .fail(let error): throw error
                case .stop(let error): throw error
                case .retry(let seconds, let reason):
                    asked = seconds
                    last = reason
                }
            } catch PullError.transport(let reason) {
                asked = nil
                last = reason
            }
            guard attempt < settings.retriesMax else { break }
            let seconds = asked ?? min(settings.backoffBaseSeconds * pow(2, Double(attempt)), settings.backoffMaxSeconds)
            guard seconds <= settings.waitMaxSeconds else {
                throw PullError.gaveUp(
                    subject: subject, attempts: attempt + 1,
                    last: "\(last); the API asks to wait \(Int(seconds.rounded(.up))) s, more than AURUM_PULL_WAIT_MAX_SECONDS (\(Int(settings.waitMaxSeconds)) s)")
            }
            try await wait(seconds, last)
        }
        throw PullError.gaveUp(subject: subject, attempts: settings.retriesMax + 1, last: last)
    }

    /// Waits `seconds` (times the wait scale) without telling an observer (a caller outside `aurum pull`).
    package func wait(_ seconds: Double) async throws {
        counters.add(waitedSeconds: seconds)
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * settings.waitScale * 1e9))
    }

    /// Waits `seconds` (times the wait scale), telling the observer why.
    func wait(_ seconds: Double, target: PullTarget, reason: String) async throws {
        guard seconds > 0 else { return }
        observer.waiting(target, seconds: seconds, reason: reason)
        counters.add(waitedSeconds: seconds)
        try await Task.sleep(nanoseconds: UInt64(seconds * settings.waitScale * 1e9))
    }

    /// The seconds of a `Retry-After` header (delta seconds; an HTTP date is read as "soon": backoff applies).
    package static func retryAfter(_ response: HTTPResponse) -> Double? {
        guard let text = response.headers["retry-after"]?.trimmingCharacters(in: .whitespaces),
            let seconds = Double(text), seconds.isFinite, seconds >= 0
        else { return nil }
        return seconds
    }
}

/// Requests, pages and waits of one pull, shared by its clients.
final class PullCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var requestsValue = 0
    private var waitedValue = 0.0

    func add(requests: Int = 0, waitedSeconds: Double = 0) {
        lock.lock()
        requestsValue += requests
        waitedValue += waitedSeconds
        lock.unlock()
    }

    var requests: Int { lock.lock(); defer { lock.unlock() }; return requestsValue }
    var waitedSeconds: Double { lock.lock(); defer { lock.unlock() }; return waitedValue }
}
