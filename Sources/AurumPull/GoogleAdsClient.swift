import Foundation

/// Fetches Google Ads API `googleAds:searchStream` results (GAQL over `ad_group_ad`, one row per ad and day) for
/// one customer and range into a staging job: one request, and one Bronze file, per
/// ``PullSettings/googleDaysPerRequest`` days. A resumed job fetches only the pieces it lacks.
struct GoogleAdsClient: Sendable {
    let sender: PoliteSender
    let settings: PullSettings
    let token: GoogleAccessToken

    /// The GAQL query of the data contract's fields over `range`.
    static func query(_ range: DayRange) -> String {
        "SELECT customer.id, customer.currency_code, campaign.id, campaign.name, ad_group.id, ad_group.name, "
            + "ad_group_ad.ad.id, ad_group_ad.ad.name, metrics.impressions, metrics.clicks, metrics.cost_micros, "
            + "metrics.conversions, metrics.conversions_value, segments.date FROM ad_group_ad "
            + "WHERE segments.date BETWEEN '\(range.since)' AND '\(range.until)'"
    }

    /// The staged file of one piece's stream.
    static func streamName(_ piece: DayRange) -> String { "stream-\(piece.since)_\(piece.until).json" }

    /// Fetches what `job` lacks of `target`, each stream parsed by `parsing` as it is staged; returns the streams
    /// and rows staged by this call.
    func fetch(_ target: PullTarget, into job: StagingJob, parsing: inout PageParseAhead) async throws -> (pages: Int, rows: Int) {
        guard let developerToken = settings.googleDeveloperToken else {
            throw PullError.missingSetting(target: target, name: "AURUM_GOOGLE_ADS_DEVELOPER_TOKEN", fix: "set it to the developer token of your Google Ads API access (docs/pull.md)")
        }
        if job.isComplete { return (0, 0) }
        let staged = Set(job.pages)
        var pages = 0
        var rows = 0
        // The pieces not staged yet, each fetched while the one before it is parsed for the ingest and staged.
        var pieces = target.range.pieces(ofAtMost: settings.googleDaysPerRequest)
            .filter { !staged.contains(Self.streamName($0)) }.makeIterator()
        func fetch(_ piece: DayRange?) -> PageAhead.Fetch<(DayRange, PoliteSender.Reply)>? {
            guard let piece else { return nil }
            return PageAhead.Fetch(label: "stream \(piece)") {
                (piece, try await stream(PullTarget(account: target.account, range: piece), developerToken: developerToken))
            }
        }
        try await PageAhead.run(
            first: fetch(pieces.next()),
            next: { _ in fetch(pieces.next()) },
            stage: { piece, reply in
                try JSONBody.refuseSecrets(in: reply.response.body, settings: settings, target: target)
                try await parsing.stage(reply.response.body, as: Self.streamName(piece), in: job, page: pages + 1, of: target, observer: sender.observer)
                let count = ((reply.json as? [Any]) ?? []).reduce(0) { $0 + ((($1 as? [String: Any])?["results"] as? [Any])?.count ?? 0) }
                pages += 1
                rows += count
                sender.observer.pageStaged(target, page: pages, rows: count, bytes: reply.response.body.count, reached: piece.until)
            })
        try job.markComplete()
        return (pages, rows)
    }

    /// One searchStream request; an expired access token is refreshed once and the request sent again.
    private func stream(_ target: PullTarget, developerToken: String) async throws -> PoliteSender.Reply {
        let url = settings.googleAdsURL + "/" + settings.googleAPIVersion + "/customers/" + target.account.id + "/googleAds:searchStream"
        var query = [String: String]()
        query["query"] = Self.query(target.range)
        let body = (try? JSONSerialization.data(withJSONObject: query, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
        var refreshed = false
        while true {
            do {
                return try await sender.send(target, {
                    var headers = [
                        "Authorization": "Bearer " + (try await token.token(target)), "developer-token": developerToken,
                        "Content-Type": "application/json",
                    ]
                    if let login = target.account.loginCustomer { headers["login-customer-id"] = login }
                    return HTTPRequest(method: "POST", url: url, headers: headers, body: body)
                }, judge: { try judge($0, json: $1, target: target) })
            } catch let expired as Unauthenticated {
                guard token.canRefresh, !refreshed else {
                    throw PullError.authentication(
                        target: target, detail: expired.detail,
                        fix: token.canRefresh
                            ? "the refreshed token was refused too: check that the OAuth client and refresh token belong to a user with access to \(target.account.name)"
                            : "set AURUM_GOOGLE_ADS_ACCESS_TOKEN to a fresh token, or set AURUM_GOOGLE_OAUTH_CLIENT_ID, AURUM_GOOGLE_OAUTH_CLIENT_SECRET and AURUM_GOOGLE_OAUTH_REFRESH_TOKEN so Aurum refreshes it")
                }
                refreshed = true
                try await token.refresh(target)
            }
        }
    }

    /// A 401 or `UNAUTHENTICATED`: the access token is missing, wrong or expired.
    struct Unauthenticated: Error {
        let detail: String
    }

    /// What a searchStream response means. An error may come as the whole body or as the last element of a
    /// stream that began with results: either way the stream is incomplete and not kept.
    func judge(_ response: HTTPResponse, json parsed: Any?, target: PullTarget) throws -> PoliteSender.Verdict {
        var error: [String: Any]?
        if let elements = parsed as? [Any] {
            error = elements.lazy.compactMap { ($0 as? [String: Any])?["error"] as? [String: Any] }.first
        } else if let object = parsed as? [String: Any] {
            error = object["error"] as? [String: Any]
        }
        let status = error?["status"] as? String ?? ""
        let detail = "HTTP \(response.status)" + (status.isEmpty ? "" : " \(status)") + ((error?["message"] as? String).map { ": \($0)" } ?? "")
        if response.status == 401 || status == "UNAUTHENTICATED" { throw Unauthenticated(detail: detail) }
        if response.status == 403 || status == "PERMISSION_DENIED" {
            return .fail(.authentication(
                target: target, detail: detail,
                fix: "check that AURUM_GOOGLE_ADS_DEVELOPER_TOKEN is approved, and that --login-customer names the manager account through which the user reaches \(target.account.name)"))
        }
        if response.status == 429 || status == "RESOURCE_EXHAUSTED" {
            return .retry(seconds: error.flatMap(Self.retryDelay) ?? PoliteSender.retryAfter(response), reason: "throttled (\(detail))")
        }
        if response.status >= 500 || ["INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED", "ABORTED"].contains(status) {
            return .retry(seconds: PoliteSender.retryAfter(response), reason: detail)
        }
        if error != nil || response.status != 200 { return .fail(.api(target: target, status: response.status, detail: detail)) }
        guard parsed is [Any] else { return .retry(seconds: nil, reason: "a stream that is not complete JSON") }
        return .accept
    }

    /// The first `retryDelay` (`"30s"`, `"1.5s"`) anywhere in an error's details, in seconds.
    static func retryDelay(_ value: Any) -> Double? {
        if let object = value as? [String: Any] {
            if let text = object["retryDelay"] as? String, text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0 {
                return seconds
            }
            for (_, inner) in object.sorted(by: { $0.key < $1.key }) { if let found = retryDelay(inner) { return found } }
        } else if let array = value as? [Any] {
            for inner in array { if let found = retryDelay(inner) { return found } }
        }
        return nil
    }
}
