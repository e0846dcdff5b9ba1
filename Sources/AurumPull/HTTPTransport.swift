import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

/// Sends HTTP requests. The real one is ``URLSessionTransport``; tests hand the clients a stub.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the complete response, whatever its status. Throws
    /// ``PullError/transport(reason:)`` when no complete response arrived (refused, dropped mid-body, timed out).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// ``HTTPTransport`` over FoundationNetworking's `URLSession` (libcurl on Linux): no cookies, no cache.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// - Parameter timeoutSeconds: how long a request may wait for data before it fails (and is retried).
    public init(timeoutSeconds: Double) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
            throw PullError.badSetting(name: "URL", value: PullError.redacted(request.url), reason: "not an http(s) URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw PullError.transport(reason: "\(error.code.rawValue) \(error.localizedDescription)")
        } catch {
            throw PullError.transport(reason: String(describing: error))
        }
        guard let http = response as? HTTPURLResponse else { throw PullError.transport(reason: "not an HTTP response") }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
    }
}
