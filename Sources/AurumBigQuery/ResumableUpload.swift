#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumPull
import AurumStorage
import Foundation

/// One table's load job sent by Google's resumable upload protocol (docs/scale-out.md, "Resumable uploads").
///
/// 1. `POST {base}/upload/bigquery/v2/projects/{p}/jobs?uploadType=resumable` with the job's JSON, the file's type
///    and length in `X-Upload-Content-Type` / `X-Upload-Content-Length`: 200, and the session's URI in `Location`.
/// 2. `PUT` the file to that URI in chunks of ``BigQuerySettings/chunkBytes`` (a multiple of 256 KiB, the last one
///    shorter), each with `Content-Range: bytes first-last/total`. BigQuery answers 308 ("Resume Incomplete") with
///    `Range: bytes=0-N`, the bytes it holds, until the last chunk, answered with the job (200 or 201).
/// 3. A chunk that gets no answer (a dropped connection, a time-out) or a server error (429, 5xx) is not simply sent
///    again: after the backoff, an empty `PUT` with `Content-Range: bytes */total` asks what BigQuery holds, and the
///    upload goes on from there, so nothing is sent twice into the file and nothing is missing from it.
///
/// Chunks are read from the file one at a time: the upload holds one chunk in memory, whatever the file's size.
struct ResumableUpload {
    let push: BigQueryPush
    let table: BigQueryTable
    /// The Parquet file sent.
    let path: String
    let byteCount: Int

    /// Runs the protocol; returns BigQuery's last answer: the job (200, 201) or "already exists" (409, a retried
    /// push: the job id is Aurum's own), with its body parsed as JSON.
    func run(metadata: [UInt8], project: String) async throws -> (status: Int, json: Any?) {
        let settings = push.settings
        let start = settings.baseURL + "/upload/bigquery/v2/projects/" + BigQueryPush.escaped(project) + "/jobs?uploadType=resumable"
        let opened = try await push.send(table, {
            HTTPRequest(
                method: "POST", url: start,
                headers: [
                    "Authorization": "Bearer " + (try await push.token.token()), "Content-Type": "application/json; charset=UTF-8",
                    "X-Upload-Content-Type": "application/octet-stream", "X-Upload-Content-Length": String(byteCount),
                ],
                body: metadata)
        }, judge: Self.judgeOpening(subject: table.name))
        if opened.response.status == 409 { return (409, opened.json) }
        guard let session = opened.response.headers["location"] else {
            throw BigQueryError.api(table: table.name, status: opened.response.status, detail: "the resumable upload's answer has no Location (session URI)")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.io(file: path, operation: "open", errno: errno) }
        defer { close(descriptor) }

        var offset = 0
        var failures = 0
        while true {
            let end = min(offset + settings.chunkBytes, byteCount)
            var chunk = [UInt8](repeating: 0, count: end - offset)
            try chunk.withUnsafeMutableBytes { try FileIO.readFully(descriptor, into: $0, at: offset, path: path) }
            let range = byteCount == 0 ? "bytes */0" : "bytes \(offset)-\(end - 1)/\(byteCount)"
            var reason: String
            do {
                let request = HTTPRequest(
                    method: "PUT", url: session,
                    headers: ["Authorization": "Bearer " + (try await push.token.token()), "Content-Range": range, "Content-Type": "application/octet-stream"],
                    body: chunk)
                let response = try await push.transport.send(request)
                switch response.status {
                case 200, 201, 409:
                    let json = JSONBody.parse(response.body)
                    if response.status == 409 || json is [String: Any] { return (response.status, json) }
                    reason = "HTTP \(response.status) with a body that is not complete JSON"
                case 308:
                    let received = try Self.receivedBytes(response, byteCount: byteCount, table: table.name)
                    if received > offset {
                        failures = 0
                        offset = received
                        continue
                    }
                    reason = "BigQuery holds \(received) bytes after a chunk that began at byte \(offset)"
                case 429, 500...599:
                    reason = "HTTP \(response.status)"
                default:
                    // Refused (401, 403, 400, 404: the session expired): the common judge names it.
                    _ = try BigQueryPush.judge(subject: table.name, accepting: [])(response, JSONBody.parse(response.body))
                    throw BigQueryError.api(table: table.name, status: response.status, detail: "unexpected answer to a chunk")
                }
            } catch PullError.transport(let transportReason) {
                reason = transportReason
            }
            failures += 1
            guard failures <= settings.politeness.retriesMax else {
                throw PullError.gaveUp(subject: table.name, attempts: failures, last: "chunk at byte \(offset): \(reason)")
            }
            let backoff = settings.politeness
            try await push.sender.wait(min(backoff.backoffBaseSeconds * pow(2, Double(failures - 1)), backoff.backoffMaxSeconds))
            // What did BigQuery keep? (Retried politely itself.)
            let status = try await push.send(table, {
                HTTPRequest(
                    method: "PUT", url: session,
                    headers: ["Authorization": "Bearer " + (try await push.token.token()), "Content-Range": "bytes */\(byteCount)"], body: [])
            }, judge: Self.judgeStatus(subject: table.name))
            if status.response.status != 308 { return (status.response.status, status.json) }
            offset = try Self.receivedBytes(status.response, byteCount: byteCount, table: table.name)
        }
    }

    /// The bytes BigQuery holds, from a 308's `Range: bytes=0-N` (N + 1); none when it has no `Range`.
    static func receivedBytes(_ response: HTTPResponse, byteCount: Int, table: String) throws -> Int {
        guard let range = response.headers["range"] else { return 0 }
        let parts = range.split(separator: "=", maxSplits: 1)
        let bounds = parts.count == 2 ? parts[1].split(separator: "-", maxSplits: 1) : []
        guard parts.first == "bytes", bounds.count == 2, bounds[0] == "0", let last = Int(bounds[1]), last >= 0, last < byteCount else {
            throw BigQueryError.api(table: table, status: 308, detail: "a Range header that is not bytes=0-N within the file's \(byteCount) bytes: \(range)")
        }
        return last + 1
    }

    /// The session's opening: accepted with a `Location` (its body may be empty), or 409 "already exists".
    static func judgeOpening(subject: String) -> (HTTPResponse, Any?) throws -> PoliteSender.Verdict {
        let common = BigQueryPush.judge(subject: subject, accepting: [409])
        return { response, json in
            response.status == 200 && response.headers["location"] != nil ? .accept : try common(response, json)
        }
    }

    /// The status query's answer: 308 (with what is held so far), or the job when the upload had completed.
    static func judgeStatus(subject: String) -> (HTTPResponse, Any?) throws -> PoliteSender.Verdict {
        let common = BigQueryPush.judge(subject: subject, accepting: [200, 201, 409])
        return { response, json in
            response.status == 308 ? .accept : try common(response, json)
        }
    }
}
