import AurumHTTP
import Foundation

/// One HTTP request as the API clients build it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Header names as sent; `Authorization` and `developer-token` carry secrets and are never printed.
    public var headers: [String: String]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [String: String] = [:], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One complete HTTP response: the whole body has arrived.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }
}

/// Sends HTTP requests. The real one is ``CurlTransport``; tests hand the clients a stub.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the complete response, whatever its status. Throws
    /// ``PullError/transport(reason:)`` when no complete response arrived (refused, dropped mid-body, timed out).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// ``HTTPTransport`` over libcurl (``AurumHTTP/CurlExchange``, loaded at the first request): no cookies, no cache.
public struct CurlTransport: HTTPTransport {
    /// How long a request may wait for data before it fails (and is retried).
    public let timeoutSeconds: Double

    public init(timeoutSeconds: Double) { self.timeoutSeconds = timeoutSeconds }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
            throw PullError.badSetting(name: "URL", value: PullError.redacted(request.url), reason: "not an http(s) URL")
        }
        do {
            let reply = try await CurlExchange.send(
                method: request.method, url: request.url, headers: request.headers, body: request.body, idleSeconds: timeoutSeconds)
            return HTTPResponse(status: reply.status, headers: reply.headers, body: reply.body)
        } catch {
            throw PullError.transport(reason: error.message)
        }
    }
}
