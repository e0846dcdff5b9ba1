import Foundation

@testable import AurumPull

/// An ``HTTPTransport`` that answers from a script, one response (or transport failure) per request, and keeps
/// the requests it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Result<HTTPResponse, PullError>]
    private(set) var requests: [HTTPRequest] = []

    init(_ script: [Result<HTTPResponse, PullError>]) {
        self.script = script
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let next: Result<HTTPResponse, PullError> = lock.withLock {
            requests.append(request)
            return script.isEmpty ? .failure(.transport(reason: "script exhausted")) : script.removeFirst()
        }
        return try next.get()
    }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Result<HTTPResponse, PullError> {
        .success(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }
}
