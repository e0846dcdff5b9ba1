import Foundation

/// The Google Ads access token: `AURUM_GOOGLE_ADS_ACCESS_TOKEN` as given, or obtained from the OAuth refresh
/// token (`grant_type=refresh_token` at ``PullSettings/googleTokenURL``) and obtained again when it expires.
final class GoogleAccessToken: @unchecked Sendable {
    private let settings: PullSettings
    private let sender: PoliteSender
    private let lock = NSLock()
    private var current: String?

    init(settings: PullSettings, sender: PoliteSender) {
        self.settings = settings
        self.sender = sender
        current = settings.googleAccessToken
    }

    /// Whether a refresh token (with its client) is configured.
    var canRefresh: Bool {
        settings.googleRefreshToken != nil && settings.googleClientID != nil && settings.googleClientSecret != nil
    }

    /// The token to send: the current one, or a fresh one when there is none yet.
    func token(_ target: PullTarget) async throws -> String {
        if let token = lock.withLock({ current }) { return token }
        guard canRefresh else {
            throw PullError.missingSetting(
                target: target, name: "AURUM_GOOGLE_ADS_ACCESS_TOKEN",
                fix: "set it, or set AURUM_GOOGLE_OAUTH_CLIENT_ID, AURUM_GOOGLE_OAUTH_CLIENT_SECRET and AURUM_GOOGLE_OAUTH_REFRESH_TOKEN (docs/pull.md)")
        }
        return try await refresh(target)
    }

    /// Exchanges the refresh token for a new access token.
    @discardableResult
    func refresh(_ target: PullTarget) async throws -> String {
        let body = Array(JSONBody.query([
            ("grant_type", "refresh_token"), ("client_id", settings.googleClientID ?? ""),
            ("client_secret", settings.googleClientSecret ?? ""), ("refresh_token", settings.googleRefreshToken ?? ""),
        ]).utf8)
        let url = settings.googleTokenURL
        let reply = try await sender.send(target, {
            HTTPRequest(method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
        }, judge: { response, json in
            if response.status == 429 || response.status >= 500 {
                return .retry(seconds: PoliteSender.retryAfter(response), reason: "token endpoint HTTP \(response.status)")
            }
            guard response.status == 200 else {
                let error = (json as? [String: Any])?["error"] as? String ?? "HTTP \(response.status)"
                return .fail(.authentication(
                    target: target, detail: "the OAuth token endpoint refused the refresh token: \(error)",
                    fix: "create a new refresh token for AURUM_GOOGLE_OAUTH_REFRESH_TOKEN with the same client id and secret (docs/pull.md)"))
            }
            return (json as? [String: Any])?["access_token"] is String
                ? .accept : .retry(seconds: nil, reason: "token endpoint answer without access_token")
        })
        guard let token = (reply.json as? [String: Any])?["access_token"] as? String else {
            throw PullError.badResponse(target: target, reason: "the OAuth token endpoint's answer has no access_token")
        }
        lock.withLock { current = token }
        return token
    }
}
