import Foundation
import XCTest

@testable import AurumHTTP

#if canImport(Glibc)
    import Glibc
#endif

/// ``CurlExchange`` against sockets of the test's own: what a refused connection, a silent server and a cancelled
/// task give, and how header lines are read. (Whole exchanges — POST bodies, statuses, Retry-After, timeouts — are
/// the chat client's tests, against a stub endpoint.)
final class CurlExchangeTests: XCTestCase {
    /// A listening socket on 127.0.0.1 that accepts connections into its backlog and never answers.
    private func silentServer() throws -> (port: Int, socket: Int32) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(listen(descriptor, 8), 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        addTeardownBlock { close(descriptor) }
        return (Int(UInt16(bigEndian: address.sin_port)), descriptor)
    }

    func testARefusedConnectionIsCannotConnect() async {
        do {
            _ = try await CurlExchange.send(method: "GET", url: "http://127.0.0.1:9/", headers: [:], body: nil, idleSeconds: 5)
            XCTFail("nothing listens on port 9")
        } catch {
            XCTAssertEqual(error.kind, .cannotConnect, error.message)
        }
    }

    func testASilentServerTimesOutAfterTheTotalTime() async throws {
        let server = try silentServer()
        let started = Date()
        do {
            _ = try await CurlExchange.send(
                method: "POST", url: "http://127.0.0.1:\(server.port)/", headers: [:], body: [1, 2, 3], idleSeconds: 30, totalSeconds: 0.3)
            XCTFail("the server never answers")
        } catch {
            XCTAssertEqual(error.kind, .timedOut, error.message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testCancellingTheTaskAbandonsTheRequest() async throws {
        let server = try silentServer()
        let started = Date()
        let task = Task {
            try await CurlExchange.send(method: "GET", url: "http://127.0.0.1:\(server.port)/", headers: [:], body: nil, idleSeconds: 30)
        }
        try await Task.sleep(nanoseconds: 200_000_000)
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("cancelled")
        } catch let error as CurlExchange.Failure {
            XCTAssertEqual(error.kind, .cancelled, error.message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testAHeaderWithALineBreakIsRefusedBeforeSending() async {
        for headers in [["X-A": "1\r\nX-B: 2"], ["X-A\nX-B": "2"], ["X-A": "1\r"]] {
            do {
                _ = try await CurlExchange.send(method: "GET", url: "http://127.0.0.1:9/", headers: headers, body: nil, idleSeconds: 5)
                XCTFail("\(headers)")
            } catch {
                XCTAssertEqual(error.kind, .other, error.message)
                XCTAssertTrue(error.message.contains("line break"), error.message)
            }
        }
    }

    func testHeaderLinesByLowerCaseNameFirstValueKept() {
        let text = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Type: application/json\r\nX-A: 1\r\nx-a: 2\r\nbroken line\r\n\r\n"
        XCTAssertEqual(CurlExchange.headers(text), ["retry-after": "7", "content-type": "application/json", "x-a": "1"])
    }

    func testErrorCodesByWhatTheyMean() {
        XCTAssertEqual(CurlExchange.kind(of: 28), .timedOut)
        XCTAssertEqual(CurlExchange.kind(of: 6), .cannotResolveHost)
        XCTAssertEqual(CurlExchange.kind(of: 60), .tls)
        XCTAssertEqual(CurlExchange.kind(of: -1), .unavailable)
        XCTAssertEqual(CurlExchange.kind(of: 1), .other)
    }
}
