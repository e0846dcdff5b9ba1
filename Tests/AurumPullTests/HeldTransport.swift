import AurumCore
import Foundation

@testable import AurumPull

/// Answers request `n` with `pages[n - 1]`, counting the requests in flight; the request numbered `holdAt` is held
/// until ``release`` is signalled (or ten seconds pass), after signalling ``arrived``.
final class HeldTransport: HTTPTransport, @unchecked Sendable {
    let pages: [String]
    let holdAt: Int
    let lock = NSLock()
    var sent = 0
    var inFlight = 0
    var inFlightMax = 0
    /// The request `holdAt` is being held (it has arrived, and is not released or timed out yet).
    var holding = false
    let release = DispatchSemaphore(value: 0)
    let arrived = DispatchSemaphore(value: 0)

    init(pages: [String], holdAt: Int) {
        self.pages = pages
        self.holdAt = holdAt
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let number: Int = lock.withLock {
            sent += 1
            inFlight += 1
            inFlightMax = max(inFlightMax, inFlight)
            return sent
        }
        defer { lock.withLock { inFlight -= 1 } }
        if number == holdAt {
            lock.withLock { holding = true }
            arrived.signal()
            _ = release.wait(timeout: .now() + 10)
            lock.withLock { holding = false }
        }
        guard number <= pages.count else { throw PullError.transport(reason: "no such page") }
        return HTTPResponse(status: 200, body: Array(pages[number - 1].utf8))
    }
}

/// When the page before the held request is staged (or parsed, as `event` says), waits until the held request has
/// reached the transport, notes whether it is held there still, and lets it answer: a page handled while the next
/// request is in flight notes `true`; one handled before that request went out, or only after it was answered
/// (its hold timed out), notes `false`.
final class OverlapObserver: PullObserver, @unchecked Sendable {
    enum Event { case staged, parsed }

    let transport: HeldTransport
    let event: Event
    let lock = NSLock()
    var whileNextInFlight: [Bool] = []
    /// Every page parsed, as (page, rows, problem).
    var parsed: [(page: Int, rows: Int, problem: String?)] = []

    init(transport: HeldTransport, event: Event) {
        self.transport = transport
        self.event = event
    }

    func pageStaged(_ target: PullTarget, page: Int, rows: Int, bytes: Int, reached: Date32?) {
        if event == .staged { check(page) }
    }

    func pageParsed(_ target: PullTarget, page: Int, rows: Int, problem: String?) {
        lock.withLock { parsed.append((page, rows, problem)) }
        if event == .parsed { check(page) }
    }

    private func check(_ page: Int) {
        guard page == transport.holdAt - 1 else { return }
        let overlapped = transport.arrived.wait(timeout: .now() + 10) == .success && transport.lock.withLock { transport.holding }
        lock.withLock { whileNextInFlight.append(overlapped) }
        transport.release.signal()
    }
}
