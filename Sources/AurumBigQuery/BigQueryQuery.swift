import AurumCore
import AurumPull
import Foundation

/// `aurum query --on bigquery`: runs a query (already translated to GoogleSQL) through BigQuery's `jobs.query`
/// and reads its rows back as a ``Batch`` (docs/scale-out.md).
///
/// `POST {base}/bigquery/v2/projects/{p}/queries` with `useLegacySql: false` and `maxResults` rows a page; while
/// the answer says `jobComplete: false`, `GET …/queries/{jobId}` (getQueryResults) is asked again; then each
/// `pageToken` is followed until the last page. The typed cells (BigQuery sends every value as text: INT64,
/// FLOAT64, NUMERIC, STRING, DATE, BOOL) become the columns of the names and types Aurum's own plan gives the
/// query, so the result prints exactly as a local one; a column count, type or value that does not fit is an error.
public struct BigQueryQuery: Sendable {
    let settings: BigQuerySettings
    let sender: PoliteSender
    let token: BigQueryAccessToken
    /// Rows asked for a page (`maxResults`).
    var pageRows: Int { settings.pageRows }

    /// A runner with `settings`, sending through `transport` (``CurlTransport``; a stub in tests).
    public init(settings: BigQuerySettings, transport: any HTTPTransport) {
        self.settings = settings
        sender = PoliteSender(transport: transport, settings: settings.politeness, observer: SilentPullObserver())
        token = BigQueryAccessToken(settings: settings, sender: sender)
    }

    /// Runs `sql` in `project` (jobs in `location`, nil for BigQuery's default); the rows as columns of `fields`.
    public func run(_ sql: String, project: String, location: String?, fields: [Field]) async throws -> Batch {
        let queries = settings.baseURL + "/bigquery/v2/projects/" + BigQueryPush.escaped(project) + "/queries"
        var request: [String: Any] = ["query": sql, "useLegacySql": false, "maxResults": pageRows, "timeoutMs": 10_000]
        if let location { request["location"] = location }
        let body = Array(try JSONSerialization.data(withJSONObject: request))
        var reply = try await send { HTTPRequest(method: "POST", url: queries, headers: try await headers(json: true), body: body) }
        guard let job = reply["jobReference"] as? [String: Any], let jobID = job["jobId"] as? String else {
            throw BigQueryError.queryResult(detail: "no jobReference.jobId in the jobs.query answer")
        }
        let jobLocation = (job["location"] as? String) ?? location
        func results(_ pageToken: String?) async throws -> [String: Any] {
            var parameters = [("maxResults", String(pageRows)), ("timeoutMs", "10000")]
            if let jobLocation { parameters.append(("location", jobLocation)) }
            if let pageToken { parameters.append(("pageToken", pageToken)) }
            let url = queries + "/" + BigQueryPush.escaped(jobID) + "?" + JSONBody.query(parameters)
            return try await send { HTTPRequest(method: "GET", url: url, headers: try await headers(json: false)) }
        }
        var polls = 0
        while reply["jobComplete"] as? Bool != true {
            polls += 1
            guard Double(polls) * settings.pollSeconds <= BigQueryPush.pollLimitSeconds else {
                throw BigQueryError.queryResult(detail: "job \(jobID) still not complete after \(Int(BigQueryPush.pollLimitSeconds)) s")
            }
            try await sender.wait(settings.pollSeconds)
            reply = try await results(nil)
        }
        if let errors = reply["errors"] as? [[String: Any]], !errors.isEmpty {
            throw BigQueryError.queryResult(detail: errors.map(BigQueryPush.describe).joined(separator: "; "))
        }
        let types = try Self.columnTypes(reply, fields: fields)
        var columns = fields.map { ResultColumnBuilder(type: $0.type) }
        var rows = 0
        while true {
            for row in reply["rows"] as? [[String: Any]] ?? [] {
                let cells = row["f"] as? [[String: Any]] ?? []
                guard cells.count == fields.count else { throw BigQueryError.queryResult(detail: "row \(rows + 1) has \(cells.count) values, not \(fields.count)") }
                for (index, cell) in cells.enumerated() {
                    try columns[index].append(cell["v"], bigQueryType: types[index], column: fields[index].name, row: rows + 1)
                }
                rows += 1
            }
            guard let next = reply["pageToken"] as? String, !next.isEmpty else { break }
            reply = try await results(next)
        }
        if let total = JSONBody.integer(reply["totalRows"]), total != rows {
            throw BigQueryError.queryResult(detail: "\(rows) rows read, but totalRows is \(total)")
        }
        return Batch(schema: Schema(fields), columns: columns.map { $0.finish() })
    }

    /// The result's column types (`schema.fields[].type`), one per field of Aurum's plan.
    static func columnTypes(_ reply: [String: Any], fields: [Field]) throws -> [String] {
        let schema = ((reply["schema"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
        guard schema.count == fields.count else {
            throw BigQueryError.queryResult(detail: "\(schema.count) columns, where Aurum's plan of the query has \(fields.count)")
        }
        return schema.map { ($0["type"] as? String ?? "").uppercased() }
    }

    private func headers(json: Bool) async throws -> [String: String] {
        var headers = ["Authorization": "Bearer " + (try await token.token())]
        if json { headers["Content-Type"] = "application/json" }
        return headers
    }

    private func send(_ request: () async throws -> HTTPRequest) async throws -> [String: Any] {
        let reply = try await sender.send(
            subject: "query", wait: { seconds, _ in try await sender.wait(seconds) }, request, judge: BigQueryPush.judge(subject: "query", accepting: [200]))
        guard let object = reply.json as? [String: Any] else { throw BigQueryError.queryResult(detail: "an answer that is not a JSON object") }
        return object
    }
}
