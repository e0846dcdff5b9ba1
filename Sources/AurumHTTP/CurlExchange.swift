import CAurumCurl
import Foundation

/// One HTTP request sent through libcurl, which is loaded the first time a request is sent (`CAurumCurl`), not
/// linked: a process that sends none — every query, ingest and report — does not map libcurl and the libraries it
/// needs (about 2 ms and 300 page faults a process). The pull and BigQuery transport and the model's chat client
/// send through this.
///
/// Redirects are followed (http and https only), compressed bodies decoded, proxies taken from the environment
/// as libcurl does; no cookies, no cache.
public enum CurlExchange {
    /// A complete response, whatever its status.
    public struct Reply: Sendable {
        public var status: Int
        /// The last response's headers, names in lower case (a redirect's are not kept).
        public var headers: [String: String]
        public var body: [UInt8]
    }

    /// Why no complete response arrived.
    public struct Failure: Error, Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case timedOut, cannotResolveHost, cannotConnect, tls, cancelled, connectionLost, unavailable, other
        }

        public var kind: Kind
        /// libcurl's words (or why libcurl could not be loaded).
        public var message: String
    }

    /// Sends a request on a thread of its own and returns the complete response. The request fails when
    /// connecting, or waiting for the next byte, takes `idleSeconds`, and after `totalSeconds` in all when given;
    /// cancelling the calling task abandons it (``Failure/Kind/cancelled``). A header whose name or value holds a
    /// line break is refused before anything is sent (it would smuggle in a header of its own).
    public static func send(
        method: String, url: String, headers: [String: String], body: [UInt8]?, idleSeconds: Double, totalSeconds: Double? = nil
    ) async throws(Failure) -> Reply {
        if let broken = headers.first(where: { ($0.key + $0.value).contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) }) {
            throw Failure(kind: .other, message: "header '\(broken.key)' holds a line break")
        }
        let flag = CancelFlag()
        let request = Request(
            method: method, url: url, headers: headers.map { "\($0.key): \($0.value)" }, body: body,
            idleMilliseconds: milliseconds(idleSeconds), totalMilliseconds: totalSeconds.map(milliseconds) ?? 0)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Reply, Failure>, Never>) in
                let thread = Thread { continuation.resume(returning: perform(request, cancel: flag)) }
                thread.start()
            }
        } onCancel: {
            flag.raise()
        }
        return try result.get()
    }

    private static func milliseconds(_ seconds: Double) -> Int { max(1, Int((seconds * 1000).rounded(.up))) }

    private struct Request: Sendable {
        var method: String
        var url: String
        var headers: [String]
        var body: [UInt8]?
        var idleMilliseconds: Int
        var totalMilliseconds: Int
    }

    /// The C flag libcurl's progress callback reads; raised from whichever thread cancels.
    private final class CancelFlag: @unchecked Sendable {
        let pointer = aurum_http_cancel_new()

        func raise() { aurum_http_cancel_raise(pointer) }

        deinit { aurum_http_cancel_free(pointer) }
    }

    private static func perform(_ request: Request, cancel: CancelFlag) -> Result<Reply, Failure> {
        var reply = aurum_http_reply()
        let lines = request.headers.map { strdup($0) }
        defer { lines.forEach { free($0) } }
        let code = lines.map { UnsafePointer($0) }.withUnsafeBufferPointer { headers in
            let perform = { (body: UnsafePointer<UInt8>?, length: Int) in
                aurum_http_perform(
                    request.method, request.url, headers.baseAddress, headers.count, body, length, request.idleMilliseconds,
                    request.totalMilliseconds, cancel.pointer, &reply)
            }
            guard let body = request.body else { return perform(nil, 0) }
            // An empty body still needs an address, so that a POST sends an empty one rather than none.
            return body.isEmpty ? [UInt8(0)].withUnsafeBufferPointer { perform($0.baseAddress, 0) }
                : body.withUnsafeBufferPointer { perform($0.baseAddress, $0.count) }
        }
        defer { aurum_http_reply_free(&reply) }
        let message = withUnsafeBytes(of: reply.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard code == 0 else { return .failure(Failure(kind: kind(of: code), message: message)) }
        let body = reply.body.map { [UInt8](UnsafeBufferPointer(start: $0, count: reply.body_length)) } ?? []
        let headerText = reply.headers.map { start in
            String(decoding: UnsafeRawBufferPointer(start: start, count: reply.headers_length), as: UTF8.self)
        }
        return .success(Reply(status: reply.status, headers: headers(headerText ?? ""), body: body))
    }

    /// `Name: value` lines (the status line and anything else without a colon skipped), names in lower case; a
    /// repeated name keeps its first value.
    static func headers(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, headers[name] == nil { headers[name] = value }
        }
        return headers
    }

    /// libcurl's error codes (curl.h's `CURLcode`) by what they mean to a user; -1: libcurl is missing.
    static func kind(of code: Int32) -> Failure.Kind {
        switch code {
        case -1, 2: .unavailable  // not loaded; CURLE_FAILED_INIT
        case 28: .timedOut  // CURLE_OPERATION_TIMEDOUT
        case 5, 6: .cannotResolveHost  // CURLE_COULDNT_RESOLVE_PROXY, _HOST
        case 7: .cannotConnect  // CURLE_COULDNT_CONNECT
        case 35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91: .tls  // CURLE_SSL_*, CURLE_PEER_FAILED_VERIFICATION
        case 42: .cancelled  // CURLE_ABORTED_BY_CALLBACK
        case 18, 52, 55, 56, 92: .connectionLost  // PARTIAL_FILE, GOT_NOTHING, SEND_ERROR, RECV_ERROR, HTTP2_STREAM
        default: .other
        }
    }
}
