import AurumPull

/// What `aurum push bigquery` reads from the environment (over the config file; docs/configuration.md). Retries
/// and waits are the pull's (`AURUM_PULL_RETRIES`, `AURUM_PULL_BACKOFF_SECONDS`, …): the same polite sender.
public struct BigQuerySettings: Sendable {
    /// The REST API's base URL (tests point it at a local server).
    public var baseURL = "https://bigquery.googleapis.com"
    /// An OAuth access token, used as it is (secret).
    public var accessToken: String?
    /// A service account's JSON key file, exchanged for an access token when no token is given.
    public var credentialsFile: String?
    /// Seconds between two polls of a running load job.
    public var pollSeconds = 2.0
    /// Rows a page of a query's result holds (`maxResults` of `aurum query --on bigquery`).
    public var pageRows = 10_000
    /// Bytes of one request of a resumable upload (`AURUM_BIGQUERY_CHUNK_BYTES`): Google asks for a multiple of
    /// 256 KiB (all chunks but the last); 8 MiB, its client libraries' usual size, bounds what one dropped
    /// connection costs and what the upload holds in memory. ``BigQueryUploadMethod/auto`` sends a file larger
    /// than one chunk by the resumable protocol.
    public var chunkBytes = 8 << 20
    /// The unit Google's resumable protocol counts chunks in.
    public static let chunkUnitBytes = 256 << 10
    /// Retries, backoff, time-outs.
    public var politeness = PullSettings()

    public init() {}

    /// The settings from `environment`; defaults for what is unset.
    public init(environment: [String: String]) throws {
        func text(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let url = text("AURUM_BIGQUERY_URL") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw BigQueryError.badSetting(name: "AURUM_BIGQUERY_URL", value: url, reason: "an http:// or https:// URL is expected")
            }
            baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        accessToken = text("AURUM_BIGQUERY_ACCESS_TOKEN")
        credentialsFile = text("GOOGLE_APPLICATION_CREDENTIALS")
        if let poll = text("AURUM_BIGQUERY_POLL_SECONDS") {
            guard let seconds = Double(poll), seconds.isFinite, seconds >= 0 else {
                throw BigQueryError.badSetting(name: "AURUM_BIGQUERY_POLL_SECONDS", value: poll, reason: "a number ≥ 0 is expected")
            }
            pollSeconds = seconds
        }
        if let rows = text("AURUM_BIGQUERY_PAGE_ROWS") {
            guard let value = Int(rows), value > 0 else {
                throw BigQueryError.badSetting(name: "AURUM_BIGQUERY_PAGE_ROWS", value: rows, reason: "a whole number ≥ 1 is expected")
            }
            pageRows = value
        }
        if let chunk = text("AURUM_BIGQUERY_CHUNK_BYTES") {
            guard let value = Int(chunk), value > 0, value % Self.chunkUnitBytes == 0 else {
                throw BigQueryError.badSetting(
                    name: "AURUM_BIGQUERY_CHUNK_BYTES", value: chunk, reason: "a positive multiple of 262144 (256 KiB) is expected, as Google's resumable uploads require")
            }
            chunkBytes = value
        }
        politeness = try PullSettings(environment: environment)
    }
}
