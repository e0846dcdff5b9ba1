/// Everything `aurum pull` can be told, read from the environment over the config file (`SettingsFile.merged`;
/// docs/pull.md and docs/configuration.md list each variable).
///
/// Every endpoint is a setting, so tests point the clients at local stub servers. Secrets (tokens, the OAuth
/// client secret) live here only in memory: nothing prints, logs or stores them.
public struct PullSettings: Sendable {
    // Meta Graph API
    public var metaGraphURL = "https://graph.facebook.com"
    public var metaAPIVersion = "v23.0"
    public var metaAccessToken: String?
    /// Rows a page asks for (`limit`).
    public var metaPageLimit = 500
    /// Ranges longer than this many days use the asynchronous report flow.
    public var metaAsyncAfterDays = 31
    /// Seconds between polls of an asynchronous report.
    public var metaPollSeconds = 5.0
    public var metaRestatementDays = 28

    // Google Ads API
    public var googleAdsURL = "https://googleads.googleapis.com"
    public var googleAPIVersion = "v21"
    public var googleDeveloperToken: String?
    public var googleAccessToken: String?
    public var googleClientID: String?
    public var googleClientSecret: String?
    public var googleRefreshToken: String?
    public var googleTokenURL = "https://oauth2.googleapis.com/token"
    /// The manager account pulls go through when none is named (`login-customer-id`).
    public var googleLoginCustomer: String?
    /// One SearchStream request (one Bronze file) covers at most this many days.
    public var googleDaysPerRequest = 31
    public var googleRestatementDays = 30

    // Politeness
    /// Retries of one request after its first attempt.
    public var retriesMax = 6
    /// The first backoff wait; each retry doubles it (up to ``backoffMaxSeconds``).
    public var backoffBaseSeconds = 1.0
    public var backoffMaxSeconds = 64.0
    /// A wait the API asks for (Retry-After, retryDelay, Meta's time to regain access) longer than this fails
    /// the fetch instead (a cron run should not hang for hours).
    public var waitMaxSeconds = 900.0
    /// Every wait is multiplied by this (tests set it tiny; 1 in production).
    public var waitScale = 1.0
    /// Meta usage headers at or above this percentage slow the pull down before Meta throttles it.
    public var usageSlowdownPercent = 75.0
    /// How long a request may wait for data before it is abandoned and retried.
    public var timeoutSeconds = 120.0

    public init() {}

    /// The settings from `environment` (the process environment in the CLI); defaults for what is unset.
    public init(environment: [String: String]) throws {
        func text(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        func url(_ name: String, _ fallback: String) throws -> String {
            guard let value = text(name) else { return fallback }
            guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                throw PullError.badSetting(name: name, value: value, reason: "an http:// or https:// URL is expected")
            }
            return value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        func number(_ name: String, _ fallback: Double, minimum: Double) throws -> Double {
            guard let value = text(name) else { return fallback }
            guard let number = Double(value), number.isFinite, number >= minimum else {
                throw PullError.badSetting(name: name, value: value, reason: "a number ≥ \(minimum) is expected")
            }
            return number
        }
        func count(_ name: String, _ fallback: Int, minimum: Int) throws -> Int {
            guard let value = text(name) else { return fallback }
            guard let number = Int(value), number >= minimum else {
                throw PullError.badSetting(name: name, value: value, reason: "a whole number ≥ \(minimum) is expected")
            }
            return number
        }
        metaGraphURL = try url("AURUM_META_GRAPH_URL", metaGraphURL)
        metaAPIVersion = text("AURUM_META_API_VERSION") ?? metaAPIVersion
        metaAccessToken = text("AURUM_META_ACCESS_TOKEN")
        metaPageLimit = try count("AURUM_META_PAGE_LIMIT", metaPageLimit, minimum: 1)
        metaAsyncAfterDays = try count("AURUM_META_ASYNC_AFTER_DAYS", metaAsyncAfterDays, minimum: 1)
        metaPollSeconds = try number("AURUM_META_POLL_SECONDS", metaPollSeconds, minimum: 0)
        metaRestatementDays = try count("AURUM_META_RESTATEMENT_DAYS", metaRestatementDays, minimum: 0)
        googleAdsURL = try url("AURUM_GOOGLE_ADS_URL", googleAdsURL)
        googleAPIVersion = text("AURUM_GOOGLE_ADS_API_VERSION") ?? googleAPIVersion
        googleDeveloperToken = text("AURUM_GOOGLE_ADS_DEVELOPER_TOKEN")
        googleAccessToken = text("AURUM_GOOGLE_ADS_ACCESS_TOKEN")
        googleClientID = text("AURUM_GOOGLE_OAUTH_CLIENT_ID")
        googleClientSecret = text("AURUM_GOOGLE_OAUTH_CLIENT_SECRET")
        googleRefreshToken = text("AURUM_GOOGLE_OAUTH_REFRESH_TOKEN")
        googleTokenURL = try url("AURUM_GOOGLE_OAUTH_TOKEN_URL", googleTokenURL)
        googleLoginCustomer = text("AURUM_GOOGLE_ADS_LOGIN_CUSTOMER_ID")
        googleDaysPerRequest = try count("AURUM_GOOGLE_DAYS_PER_REQUEST", googleDaysPerRequest, minimum: 1)
        googleRestatementDays = try count("AURUM_GOOGLE_RESTATEMENT_DAYS", googleRestatementDays, minimum: 0)
        retriesMax = try count("AURUM_PULL_RETRIES", retriesMax, minimum: 0)
        backoffBaseSeconds = try number("AURUM_PULL_BACKOFF_SECONDS", backoffBaseSeconds, minimum: 0)
        waitMaxSeconds = try number("AURUM_PULL_WAIT_MAX_SECONDS", waitMaxSeconds, minimum: 0)
        waitScale = try number("AURUM_PULL_WAIT_SCALE", waitScale, minimum: 0)
        timeoutSeconds = try number("AURUM_PULL_TIMEOUT_SECONDS", timeoutSeconds, minimum: 0.001)
    }

    /// The restatement window of `source`, in days.
    public func restatementDays(_ source: PullAccount.Source) -> Int {
        source == .meta ? metaRestatementDays : googleRestatementDays
    }

    /// The secrets that must never reach Bronze: a response that contains one is refused.
    var secrets: [String] {
        [metaAccessToken, googleAccessToken, googleDeveloperToken, googleClientSecret, googleRefreshToken].compactMap { $0 }.filter { $0.utf8.count >= 8 }
    }
}
