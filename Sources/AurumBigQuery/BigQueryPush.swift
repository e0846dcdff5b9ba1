#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumCore
import AurumPipeline
import AurumPull
import AurumStorage
import Foundation

/// `aurum push bigquery`: one BigQuery load job per table over the REST API (docs/scale-out.md).
///
/// Each table is written as Parquet (``TableParquet``) to a temporary file, then sent with its schema, partitioning
/// and clustering (``BigQueryTable``) to `{base}/upload/bigquery/v2/projects/{p}/jobs`, `writeDisposition`
/// WRITE_TRUNCATE: in one multipart request (`uploadType=multipart`), or, for a file larger than one chunk, by
/// Google's resumable protocol (``ResumableUpload``), chunk by chunk, so a dropped connection costs one chunk and
/// the file is never held whole in memory (``BigQueryUploadMethod``). The job's id is Aurum's own, derived from the
/// project, dataset, table, schema and the Parquet file's SHA-256: a push retried after a failure or a dropped
/// connection asks for the same job,
/// and BigQuery's 409 "already exists" means that job is looked up rather than the rows loaded twice. Each job is
/// polled (`GET …/jobs/{id}`) until its `status.state` is DONE; its `status.errorResult` and `errors` are the
/// table's failure.
public struct BigQueryPush: Sendable {
    let settings: BigQuerySettings
    let sender: PoliteSender
    let token: BigQueryAccessToken
    let transport: any HTTPTransport

    /// A push with `settings`, sending through `transport` (``CurlTransport``; a stub in tests).
    public init(settings: BigQuerySettings, transport: any HTTPTransport) {
        self.settings = settings
        self.transport = transport
        sender = PoliteSender(transport: transport, settings: settings.politeness, observer: SilentPullObserver())
        token = BigQueryAccessToken(settings: settings, sender: sender)
    }

    /// Where the tables go.
    public struct Destination: Sendable {
        /// The project that runs the jobs and holds the dataset.
        public var project: String
        /// The dataset the tables go into.
        public var dataset: String
        /// The job's location (`EU`, `US`, `southamerica-east1`, …); nil for BigQuery's default.
        public var location: String?

        /// Tables of `dataset` in `project`, jobs run in `location`.
        public init(project: String, dataset: String, location: String?) {
            self.project = project
            self.dataset = dataset
            self.location = location
        }
    }

    /// What happened to one table.
    public struct Outcome: Sendable {
        /// The table pushed.
        public var table: String
        /// Its load job's id; empty when no job was created.
        public var jobID: String
        /// Rows in the Parquet file sent.
        public var rows: Int
        /// The job existed already (a retried push): it was looked up, not loaded again.
        public var reused: Bool
        /// The job's error (or the request's), nil when the table loaded.
        public var failure: String?
    }

    /// Pushes `tables` of `store` to `destination`, one load job each, in order; `each` hears every table's outcome
    /// as it ends. A table that fails does not stop the others; missing or refused credentials stop the push.
    public func push(
        store: Store, tables: [BigQueryTable], to destination: Destination, limits: ParquetWriter.Limits,
        upload: BigQueryUploadMethod = .auto, each: (Outcome) -> Void = { _ in }
    ) async throws -> [Outcome] {
        // Credentials first: nothing is written or sent without them.
        _ = try await token.token()
        var outcomes: [Outcome] = []
        for table in tables {
            let outcome: Outcome
            do {
                outcome = try await push(table, store: store, to: destination, limits: limits, upload: upload)
            } catch let error as BigQueryError {
                switch error {
                case .noCredentials, .badKeyFile, .tokenRefused, .authentication: throw error
                default: outcome = Outcome(table: table.name, jobID: "", rows: 0, reused: false, failure: error.description)
                }
            } catch let error as PullError {
                outcome = Outcome(table: table.name, jobID: "", rows: 0, reused: false, failure: error.description)
            }
            each(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    private func push(
        _ table: BigQueryTable, store: Store, to destination: Destination, limits: ParquetWriter.Limits, upload: BigQueryUploadMethod
    ) async throws -> Outcome {
        let (path, rows) = try Self.parquet(table, store: store, limits: limits)
        defer { FileIO.remove(path) }
        let byteCount: Int
        switch FileIO.status(path) {
        case .success(let status): byteCount = status.sizeBytes
        case .failure(let failure): throw StorageError.io(file: path, operation: "stat", errno: failure.errno)
        }
        let jobID = Self.jobID(table, destination: destination, contentSHA256: try SHA256.hex(ofFile: path))
        let metadata = Self.metadata(table, destination: destination, jobID: jobID)
        let inserted: (status: Int, json: Any?)
        switch upload.resolved(byteCount: byteCount, chunkBytes: settings.chunkBytes) {
        case .multipart:
            let reply = try await multipart(table, path: path, metadata: metadata, destination: destination)
            inserted = (reply.response.status, reply.json)
        case .resumable, .auto:
            let resumable = ResumableUpload(push: self, table: table, path: path, byteCount: byteCount)
            inserted = try await resumable.run(metadata: metadata, project: destination.project)
        }
        let reused = inserted.status == 409
        var job = reused ? nil : inserted.json as? [String: Any]
        var polls = 0
        while (job?["status"] as? [String: Any])?["state"] as? String != "DONE" {
            if job != nil {
                polls += 1
                guard Double(polls) * settings.pollSeconds <= Self.pollLimitSeconds else {
                    throw BigQueryError.jobFailed(table: table.name, jobID: jobID, detail: "still not DONE after \(Int(Self.pollLimitSeconds)) s")
                }
                try await sender.wait(settings.pollSeconds)
            }
            job = try await get(table, jobID: jobID, destination: destination)
        }
        let status = job?["status"] as? [String: Any]
        if let error = status?["errorResult"] as? [String: Any] {
            let errors = (status?["errors"] as? [[String: Any]] ?? []).map(Self.describe)
            let detail = Self.describe(error) + (errors.isEmpty ? "" : "; errors: " + errors.joined(separator: "; "))
            return Outcome(table: table.name, jobID: jobID, rows: rows, reused: reused, failure: detail)
        }
        return Outcome(table: table.name, jobID: jobID, rows: rows, reused: reused, failure: nil)
    }

    /// A running job is polled for at most BigQuery's own limit on a job's run time.
    static let pollLimitSeconds = 6.0 * 3600

    /// `GET …/jobs/{id}?location=`: the job resource.
    private func get(_ table: BigQueryTable, jobID: String, destination: Destination) async throws -> [String: Any]? {
        var url = settings.baseURL + "/bigquery/v2/projects/" + Self.escaped(destination.project) + "/jobs/" + jobID
        if let location = destination.location { url += "?location=" + Self.escaped(location) }
        let reply = try await send(table, { HTTPRequest(method: "GET", url: url, headers: ["Authorization": "Bearer " + (try await token.token())]) }, accepting: [200])
        return reply.json as? [String: Any]
    }

    /// The whole file and the job's metadata in one `multipart/related` request; the answer is the job (200) or
    /// "already exists" (409).
    private func multipart(_ table: BigQueryTable, path: String, metadata: [UInt8], destination: Destination) async throws -> PoliteSender.Reply {
        let bytes = try FileIO.read(path)
        let boundary = Self.boundary(for: bytes)
        let body = Self.multipart(metadata: metadata, parquet: bytes, boundary: boundary)
        let url = settings.baseURL + "/upload/bigquery/v2/projects/" + Self.escaped(destination.project) + "/jobs?uploadType=multipart"
        return try await send(table, {
            HTTPRequest(
                method: "POST", url: url,
                headers: ["Authorization": "Bearer " + (try await token.token()), "Content-Type": "multipart/related; boundary=" + boundary],
                body: body)
        }, accepting: [200, 409])
    }

    /// Sends a request politely (``judge(subject:accepting:)``).
    func send(_ table: BigQueryTable, _ request: () async throws -> HTTPRequest, accepting: Set<Int>) async throws -> PoliteSender.Reply {
        try await send(table, request, judge: Self.judge(subject: table.name, accepting: accepting))
    }

    /// Sends a request politely, `judge` saying what its answers mean.
    func send(
        _ table: BigQueryTable, _ request: () async throws -> HTTPRequest, judge: (HTTPResponse, Any?) throws -> PoliteSender.Verdict
    ) async throws -> PoliteSender.Reply {
        try await sender.send(subject: table.name, wait: { seconds, _ in try await sender.wait(seconds) }, request, judge: judge)
    }

    /// What a BigQuery response means: throttling and server errors are retried, credentials refused stop,
    /// other statuses than `accepting` are an error of `subject` (a table, or the query).
    static func judge(subject: String, accepting: Set<Int>) -> (HTTPResponse, Any?) throws -> PoliteSender.Verdict {
        { response, json in
            let error = (json as? [String: Any])?["error"] as? [String: Any]
            let reasons = (error?["errors"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
            let detail = (error?["message"] as? String) ?? "no error message"
            if accepting.contains(response.status) {
                return json is [String: Any] || response.status == 409 ? .accept : .retry(seconds: nil, reason: "a body that is not complete JSON")
            }
            if response.status == 429 || response.status >= 500 || reasons.contains(where: { ["rateLimitExceeded", "backendError"].contains($0) }) {
                return .retry(seconds: PoliteSender.retryAfter(response), reason: "HTTP \(response.status): \(detail)")
            }
            // A 403 is about the credentials unless BigQuery names another reason (quotaExceeded, billingNotEnabled, …).
            if response.status == 401 || (response.status == 403 && reasons.allSatisfy { ["accessDenied", "forbidden"].contains($0) }) {
                return .stop(BigQueryError.authentication(table: subject, detail: "HTTP \(response.status): \(detail)"))
            }
            return .stop(BigQueryError.api(table: subject, status: response.status, detail: detail))
        }
    }

    /// The table written as Parquet to a temporary file (the caller removes it) and its row count.
    static func parquet(_ table: BigQueryTable, store: Store, limits: ParquetWriter.Limits) throws -> (path: String, rows: Int) {
        let directory = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        let path = directory + "/aurum-push-\(getpid())-\(table.name).parquet"
        do {
            return (path, try TableParquet.write(table.table, store: store, limits: limits, to: path).rowCount)
        } catch {
            FileIO.remove(path)
            throw error
        }
    }

    /// `aurum_<table>_<40 hex digits>`: the SHA-256 of everything that makes the load what it is (the Parquet
    /// file's own SHA-256 among it), so the same push asks for the same job, whichever upload carries it, and any
    /// change asks for a new one.
    static func jobID(_ table: BigQueryTable, destination: Destination, contentSHA256: String) -> String {
        let identity = [destination.project, destination.dataset, table.name, contentSHA256, String(decoding: table.schemaJSON(), as: UTF8.self),
                        table.partitionField ?? "", table.clusteringFields.joined(separator: ",")].joined(separator: "\n")
        let digest = Array(identity.utf8).withUnsafeBytes { SHA256.hex($0) }
        return "aurum_" + table.name + "_" + digest.prefix(40)
    }

    /// The job resource sent as the upload's metadata.
    static func metadata(_ table: BigQueryTable, destination: Destination, jobID: String) -> [UInt8] {
        var load: [String: Any] = [
            "sourceFormat": "PARQUET",
            "destinationTable": ["projectId": destination.project, "datasetId": destination.dataset, "tableId": table.name],
            "writeDisposition": "WRITE_TRUNCATE",
            "createDisposition": "CREATE_IF_NEEDED",
            "schema": ["fields": table.schemaObject],
        ]
        if let field = table.partitionField { load["timePartitioning"] = ["type": "DAY", "field": field] }
        if !table.clusteringFields.isEmpty { load["clustering"] = ["fields": table.clusteringFields] }
        var reference: [String: Any] = ["projectId": destination.project, "jobId": jobID]
        if let location = destination.location { reference["location"] = location }
        let job: [String: Any] = ["jobReference": reference, "configuration": ["load": load]]
        return (try? JSONSerialization.data(withJSONObject: job, options: [.sortedKeys, .withoutEscapingSlashes])).map { [UInt8]($0) } ?? []
    }

    /// A multipart boundary that does not occur in `bytes`: `start` (by default one derived from the bytes'
    /// hash), lengthened until it does not.
    static func boundary(for bytes: [UInt8], start: String? = nil) -> String {
        var boundary = start ?? "aurum_" + bytes.withUnsafeBytes { SHA256.hex($0) }.prefix(32)
        while contains(bytes, Array(("--" + boundary).utf8)) { boundary += "x" }
        return boundary
    }

    /// `multipart/related`: the job's JSON, then the Parquet bytes.
    static func multipart(metadata: [UInt8], parquet: [UInt8], boundary: String) -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".utf8)
        body += metadata
        body += Array("\r\n--\(boundary)\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += parquet
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// `reason: message (location)` of one BigQuery error object.
    static func describe(_ error: [String: Any]) -> String {
        let reason = (error["reason"] as? String).map { $0 + ": " } ?? ""
        let location = (error["location"] as? String).map { " (\($0))" } ?? ""
        return reason + ((error["message"] as? String) ?? "no message") + location
    }

    /// A path segment or query value with everything but unreserved characters percent-encoded.
    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }
}
