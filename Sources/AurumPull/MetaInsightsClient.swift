import AurumCore
import Foundation

/// Fetches Meta Graph API Insights (level=ad, time_increment=1) for one ad account and range into a staging job.
///
/// Short ranges: `GET /{version}/act_{id}/insights?…` then each `paging.next`. Ranges longer than
/// ``PullSettings/metaAsyncAfterDays``: the asynchronous report (`POST …/insights` → `report_run_id`, poll
/// `GET /{run_id}` until `Job Completed`, then `GET /{run_id}/insights` and its pages). The token travels in the
/// `Authorization` header, never in a URL, so Meta's `paging.next` links (kept verbatim in Bronze) carry no secret.
/// A resumed job continues from its last staged page's `paging.next` (or polls its recorded report run).
struct MetaInsightsClient: Sendable {
    /// The Insights fields of the data contract (the rows' keys in a Meta page).
    static let fields = [
        "account_id", "account_currency", "campaign_id", "campaign_name", "adset_id", "adset_name", "ad_id", "ad_name",
        "date_start", "date_stop", "impressions", "clicks", "spend", "reach", "actions", "action_values",
    ]
    /// Meta's throttling error codes: application (4), user (17), page (32), custom (613), business use case (80000–80014).
    static func isThrottling(_ code: Int) -> Bool { [4, 17, 32, 613].contains(code) || (80000...80014).contains(code) }
    /// Codes that mean the token is bad, expired or lacks a permission.
    static func isAuthentication(_ code: Int) -> Bool { [102, 190, 10].contains(code) || (200...299).contains(code) }

    static let runIDFile = "report_run_id"

    let sender: PoliteSender
    let settings: PullSettings

    private var base: String { settings.metaGraphURL + "/" + settings.metaAPIVersion }

    /// Fetches what `job` lacks of `target`, each page parsed by `parsing` as it is staged; returns the pages and
    /// rows staged by this call.
    func fetch(_ target: PullTarget, into job: StagingJob, parsing: inout PageParseAhead) async throws -> (pages: Int, rows: Int) {
        guard settings.metaAccessToken != nil else {
            throw PullError.missingSetting(target: target, name: "AURUM_META_ACCESS_TOKEN", fix: "set it to a token with the ads_read permission on \(target.account.name) (docs/pull.md)")
        }
        if job.isComplete { return (0, 0) }
        var staged = job.pages
        var next: String?
        if let last = staged.last {
            guard let bytes = job.read(last), let page = JSONBody.parse(bytes) as? [String: Any] else {
                throw PullError.staging(path: job.path + "/" + last, reason: "a staged page cannot be read back")
            }
            next = Self.nextLink(page)
        } else if target.range.dayCount > settings.metaAsyncAfterDays {
            let runID = try await reportRun(target, job: job)
            next = base + "/" + runID + "/insights?" + JSONBody.query([("limit", String(settings.metaPageLimit))])
        } else {
            next = base + "/act_" + target.account.id + "/insights?" + JSONBody.query(parameters(target))
        }
        var pages = 0
        var rows = 0
        var requested = staged.count
        // Each page's link to the next is read as it arrives; that fetch then runs while the page is parsed for
        // the ingest and staged.
        func fetch(_ url: String?) throws -> PageAhead.Fetch<PoliteSender.Reply>? {
            guard let url else { return nil }
            guard Self.sameOrigin(url, settings.metaGraphURL) else {
                throw PullError.badResponse(target: target, reason: "paging.next points away from \(settings.metaGraphURL); the token is not sent there")
            }
            requested += 1
            return PageAhead.Fetch(label: "page \(requested)") { try await get(url, target: target, page: true) }
        }
        try await PageAhead.run(
            first: try fetch(next),
            next: { reply in
                // Meta's usage headers ask for a pause before the next request, not after it.
                try await slowDown(after: reply.response, target: target)
                return try fetch((reply.json as? [String: Any]).flatMap(Self.nextLink))
            },
            stage: { reply in
                let response = reply.response
                guard let page = reply.json as? [String: Any], let data = page["data"] as? [Any] else {
                    throw PullError.badResponse(target: target, reason: "page \(staged.count + 1) has no data array")
                }
                try JSONBody.refuseSecrets(in: response.body, settings: settings, target: target)
                let name = String(format: "page-%06d.json", staged.count + 1)
                try await parsing.stage(response.body, as: name, in: job, page: staged.count + 1, of: target, observer: sender.observer)
                staged.append(name)
                pages += 1
                rows += data.count
                let reached = data.lazy.compactMap { (($0 as? [String: Any])?["date_start"] as? String).flatMap { Date32(iso: $0) } }.max()
                sender.observer.pageStaged(target, page: staged.count, rows: data.count, bytes: response.body.count, reached: reached)
            })
        try job.markComplete()
        return (pages, rows)
    }

    /// The query of an Insights request: the contract's fields, one row per ad and day over the range.
    func parameters(_ target: PullTarget) -> [(String, String)] {
        [
            ("level", "ad"), ("time_increment", "1"),
            ("time_range", "{\"since\":\"\(target.range.since)\",\"until\":\"\(target.range.until)\"}"),
            ("fields", Self.fields.joined(separator: ",")), ("limit", String(settings.metaPageLimit)),
        ]
    }

    /// The report run of `job`: the recorded one when the job is resumed, else a new one; then waits until it is done.
    private func reportRun(_ target: PullTarget, job: StagingJob) async throws -> String {
        let runID: String
        if let recorded = job.read(Self.runIDFile).map({ String(decoding: $0, as: UTF8.self) }), !recorded.isEmpty {
            runID = recorded
        } else {
            let token = settings.metaAccessToken ?? ""
            let url = base + "/act_" + target.account.id + "/insights"
            let body = Array(JSONBody.query(parameters(target)).utf8)
            let reply = try await sender.send(target, {
                HTTPRequest(method: "POST", url: url, headers: ["Authorization": "Bearer " + token, "Content-Type": "application/x-www-form-urlencoded"], body: body)
            }, judge: { judge($0, json: $1, target: target, page: false) })
            guard let object = reply.json as? [String: Any],
                let id = (object["report_run_id"] as? String) ?? JSONBody.integer(object["report_run_id"]).map(String.init),
                !id.isEmpty, id.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
            else {
                throw PullError.badResponse(target: target, reason: "the report request gave no report_run_id")
            }
            runID = id
            try job.write(Array(id.utf8), name: Self.runIDFile)
        }
        var waited = 0.0
        while true {
            let reply = try await get(base + "/" + runID + "?fields=async_status,async_percent_completion", target: target, page: false)
            let object = reply.json as? [String: Any]
            let status = object?["async_status"] as? String ?? ""
            if let percent = JSONBody.number(object?["async_percent_completion"]) { sender.observer.reportProgress(target, percent: percent) }
            switch status {
            case "Job Completed": return runID
            case "Job Failed", "Job Skipped":
                // A new run is needed next time, not this one again.
                try job.write([], name: Self.runIDFile)
                throw PullError.reportFailed(target: target, runID: runID, status: status)
            default:
                guard waited <= settings.waitMaxSeconds else {
                    throw PullError.gaveUp(subject: target.description, attempts: 1, last: "report \(runID) still '\(status)' after \(Int(waited)) s (AURUM_PULL_WAIT_MAX_SECONDS)")
                }
                try await sender.wait(settings.metaPollSeconds, target: target, reason: "report \(runID) \(status)")
                waited += settings.metaPollSeconds
            }
        }
    }

    private func get(_ url: String, target: PullTarget, page: Bool) async throws -> PoliteSender.Reply {
        let token = settings.metaAccessToken ?? ""
        return try await sender.send(target, { HTTPRequest(method: "GET", url: url, headers: ["Authorization": "Bearer " + token]) },
            judge: { judge($0, json: $1, target: target, page: page) })
    }

    /// What a Graph API response means: a page (or object) to keep, a wait, or an error to stop on.
    func judge(_ response: HTTPResponse, json parsed: Any?, target: PullTarget, page: Bool) -> PoliteSender.Verdict {
        if let error = (parsed as? [String: Any])?["error"] as? [String: Any] {
            let code = JSONBody.integer(error["code"]) ?? 0
            let message = (error["message"] as? String) ?? "no message"
            let detail = "Meta error code \(code)" + (JSONBody.integer(error["error_subcode"]).map { "/\($0)" } ?? "") + ": \(message)"
            if Self.isThrottling(code) {
                return .retry(seconds: MetaUsage(response.headers).regainSeconds ?? 60, reason: "throttled (\(detail))")
            }
            if Self.isAuthentication(code) || response.status == 401 {
                return .fail(.authentication(target: target, detail: detail, fix: "set AURUM_META_ACCESS_TOKEN to a valid token with ads_read on \(target.account.name) (a system user's token does not expire)"))
            }
            if code == 1 || code == 2 || (error["is_transient"] as? Bool) == true || response.status == 429 || response.status >= 500 {
                return .retry(seconds: PoliteSender.retryAfter(response), reason: "HTTP \(response.status) (\(detail))")
            }
            return .fail(.api(target: target, status: response.status, detail: detail))
        }
        if response.status == 429 || response.status >= 500 {
            return .retry(seconds: PoliteSender.retryAfter(response), reason: "HTTP \(response.status)")
        }
        if response.status == 401 || response.status == 403 {
            return .fail(.authentication(target: target, detail: "HTTP \(response.status)", fix: "check AURUM_META_ACCESS_TOKEN and its ads_read permission on \(target.account.name)"))
        }
        guard response.status == 200 else { return .fail(.api(target: target, status: response.status, detail: "no error object")) }
        guard let object = parsed as? [String: Any] else { return .retry(seconds: nil, reason: "a body that is not complete JSON") }
        if page, !(object["data"] is [Any]) { return .fail(.badResponse(target: target, reason: "a page without a data array")) }
        return .accept
    }

    /// Waits before the next request when Meta's usage headers say the account is close to its limit.
    private func slowDown(after response: HTTPResponse, target: PullTarget) async throws {
        let usage = MetaUsage(response.headers)
        if let regain = usage.regainSeconds {
            try await sender.wait(min(regain, settings.waitMaxSeconds), target: target, reason: "Meta asks to wait before regaining access")
        } else if let percent = usage.percentMax, percent >= settings.usageSlowdownPercent {
            // A linear ramp: nothing at the threshold, a minute at 100%.
            let share = (percent - settings.usageSlowdownPercent) / max(1, 100 - settings.usageSlowdownPercent)
            try await sender.wait(60 * min(1, share), target: target, reason: "Meta usage at \(Int(percent))%")
        }
    }

    /// `paging.next`, when there is a next page.
    static func nextLink(_ page: [String: Any]) -> String? {
        guard let next = (page["paging"] as? [String: Any])?["next"] as? String, !next.isEmpty else { return nil }
        return next
    }

    /// Whether `url` has the scheme, host and port of `base`.
    static func sameOrigin(_ url: String, _ base: String) -> Bool {
        guard let one = URLComponents(string: url), let other = URLComponents(string: base) else { return false }
        return one.scheme == other.scheme && one.host == other.host && one.port == other.port
    }
}

/// Meta's usage headers (`x-business-use-case-usage`, `x-ad-account-usage`, `x-app-usage`): how close the
/// account or app is to its limit, and how long to wait when it is over.
struct MetaUsage {
    /// The highest percentage any header reports.
    var percentMax: Double?
    /// `estimated_time_to_regain_access` (minutes) in seconds, when positive; an account at 100% waits its
    /// `reset_time_duration` (seconds).
    var regainSeconds: Double?

    init(_ headers: [String: String]) {
        func note(_ percent: Double?) { if let percent { percentMax = max(percentMax ?? 0, percent) } }
        func regain(_ seconds: Double?) { if let seconds, seconds > 0 { regainSeconds = max(regainSeconds ?? 0, seconds) } }
        func object(_ name: String) -> Any? { headers[name].flatMap { JSONBody.parse(Array($0.utf8)) } }
        if let business = object("x-business-use-case-usage") as? [String: Any] {
            for case let entries as [Any] in business.values {
                for case let entry as [String: Any] in entries {
                    for key in ["call_count", "total_cputime", "total_time"] { note(JSONBody.number(entry[key])) }
                    regain(JSONBody.number(entry["estimated_time_to_regain_access"]).map { $0 * 60 })
                }
            }
        }
        if let account = object("x-ad-account-usage") as? [String: Any] {
            let percent = JSONBody.number(account["acc_id_util_pct"])
            note(percent)
            if let percent, percent >= 100 { regain(JSONBody.number(account["reset_time_duration"])) }
        }
        if let app = object("x-app-usage") as? [String: Any] {
            for key in ["call_count", "total_cputime", "total_time"] { note(JSONBody.number(app[key])) }
        }
    }
}
