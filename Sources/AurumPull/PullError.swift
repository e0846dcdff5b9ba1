import AurumPipeline

/// Every way `aurum pull` can fail. Each error about a fetch names the source, the account and the range of days
/// (``PullTarget``); none carries a secret.
public enum PullError: Error, CustomStringConvertible {
    /// A setting (environment variable) has a value that cannot be used.
    case badSetting(name: String, value: String, reason: String)
    /// A setting the fetch needs is not set.
    case missingSetting(target: PullTarget, name: String, fix: String)
    /// An account id that is not one.
    case badAccount(source: PullAccount.Source, text: String, reason: String)
    /// A range that cannot be pulled (since after until, no earlier pull to start from, …).
    case badRange(account: PullAccount, reason: String)
    /// No complete response arrived (connection refused or dropped, timeout). Retried before it surfaces.
    case transport(reason: String)
    /// The API refused the credentials: stop at once, nothing to retry.
    case authentication(target: PullTarget, detail: String, fix: String)
    /// The API answered with an error retrying cannot fix (a bad query, an unknown account, …).
    case api(target: PullTarget, status: Int, detail: String)
    /// Retries ran out, or the API asked for a longer wait than allowed. `subject` names what was asked for (a
    /// ``PullTarget``; for `aurum push`, the table).
    case gaveUp(subject: String, attempts: Int, last: String)
    /// Meta's asynchronous report job ended without results.
    case reportFailed(target: PullTarget, runID: String, status: String)
    /// A response that is not what the API sends (truncated JSON, no `data` array, …) even after retries.
    case badResponse(target: PullTarget, reason: String)
    /// The pipeline failed while ingesting the pulled pages (nothing of that run was committed).
    case pipeline(PipelineError)
    /// The staging directory of the store could not be written or read.
    case staging(path: String, reason: String)
    /// `error` happened while fetching one page (or stream) of a target, named by `page`.
    indirect case onPage(page: String, error: PullError)

    public var description: String {
        switch self {
        case .badSetting(let name, let value, let reason): "\(name)=\(value): \(reason)"
        case .missingSetting(let target, let name, let fix): "\(target): \(name) is not set; \(fix)"
        case .badAccount(let source, let text, let reason): "\(source.rawValue) account '\(text)': \(reason)"
        case .badRange(let account, let reason): "\(account): \(reason)"
        case .transport(let reason): "no complete response: \(reason)"
        case .authentication(let target, let detail, let fix): "\(target): authentication failed (\(detail)); \(fix)"
        case .api(let target, let status, let detail): "\(target): the API answered HTTP \(status): \(detail)"
        case .gaveUp(let subject, let attempts, let last): "\(subject): gave up after \(attempts) attempts; last: \(last)"
        case .reportFailed(let target, let runID, let status):
            "\(target): the asynchronous report \(runID) ended with '\(status)'; run the pull again (Meta may need a shorter range: AURUM_META_ASYNC_AFTER_DAYS)"
        case .badResponse(let target, let reason): "\(target): unexpected response: \(reason)"
        case .pipeline(let error): error.description
        case .staging(let path, let reason): "pull staging \(path): \(reason)"
        case .onPage(let page, let error): "\(error) (fetching \(page))"
        }
    }

    /// `text` without its query string, for error messages (a URL's parameters are not the user's to see).
    static func redacted(_ text: String) -> String {
        guard let query = text.firstIndex(of: "?") else { return text }
        return String(text[..<query]) + "?…"
    }
}
