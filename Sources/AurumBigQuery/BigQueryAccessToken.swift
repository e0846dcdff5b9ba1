#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumPull
import AurumStorage
import Foundation

/// The OAuth access token of `aurum push bigquery`: `AURUM_BIGQUERY_ACCESS_TOKEN` as given, or obtained for the
/// service account of `GOOGLE_APPLICATION_CREDENTIALS` (RFC 7523): a JWT naming the account (`iss`), the BigQuery
/// scope and the key file's `token_uri` (`aud`), signed RS256 with the key's `private_key`, exchanged at
/// `token_uri` with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`; obtained again a minute before it
/// expires (`expires_in`), so a push longer than the token's hour keeps going.
final class BigQueryAccessToken: @unchecked Sendable {
    static let scope = "https://www.googleapis.com/auth/bigquery"
    static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    private let settings: BigQuerySettings
    private let sender: PoliteSender
    private let lock = NSLock()
    private var current: String?
    /// When the exchanged token stops being used (seconds since 1970); nil for a token given as it is.
    private var renewAt: Int?

    init(settings: BigQuerySettings, sender: PoliteSender) {
        self.settings = settings
        self.sender = sender
        current = settings.accessToken
    }

    /// The token to send.
    func token() async throws -> String {
        let now = Int(time(nil))
        if let token = lock.withLock({ renewAt.map { now < $0 } ?? true ? current : nil }) { return token }
        guard let path = settings.credentialsFile else { throw BigQueryError.noCredentials }
        let key = try ServiceAccountKey(path: path)
        let assertion = try key.assertion(now: now)
        let body = Array(JSONBody.query([("grant_type", Self.grantType), ("assertion", assertion)]).utf8)
        let reply = try await sender.send(
            subject: "service account \(key.clientEmail)", wait: { seconds, _ in try await self.sender.wait(seconds) },
            { HTTPRequest(method: "POST", url: key.tokenURI, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body) },
            judge: { response, json in
                if response.status == 429 || response.status >= 500 {
                    return .retry(seconds: PoliteSender.retryAfter(response), reason: "HTTP \(response.status)")
                }
                let object = json as? [String: Any]
                guard response.status == 200, let token = object?["access_token"] as? String, !token.isEmpty else {
                    let detail = [object?["error"] as? String, object?["error_description"] as? String].compactMap { $0 }.joined(separator: ": ")
                    return .stop(BigQueryError.tokenRefused(uri: key.tokenURI, detail: "HTTP \(response.status)" + (detail.isEmpty ? "" : " \(detail)")))
                }
                return .accept
            })
        guard let token = (reply.json as? [String: Any])?["access_token"] as? String else {
            throw BigQueryError.tokenRefused(uri: key.tokenURI, detail: "no access_token")
        }
        let lifetime = JSONBody.integer((reply.json as? [String: Any])?["expires_in"]) ?? 3600
        lock.withLock {
            current = token
            renewAt = now + max(0, lifetime - 60)
        }
        return token
    }
}

/// A service account's JSON key file, as Google Cloud issues it.
struct ServiceAccountKey {
    let clientEmail: String
    let privateKey: String
    let privateKeyID: String?
    let tokenURI: String
    let path: String

    init(path: String) throws {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw BigQueryError.badKeyFile(path: path, reason: "cannot be read (\(error))") }
        guard let object = JSONBody.parse(bytes) as? [String: Any] else {
            throw BigQueryError.badKeyFile(path: path, reason: "not a JSON object")
        }
        func field(_ name: String) throws -> String {
            guard let value = object[name] as? String, !value.isEmpty else {
                throw BigQueryError.badKeyFile(path: path, reason: "no \(name); download a JSON key of the service account")
            }
            return value
        }
        if let type = object["type"] as? String, type != "service_account" {
            throw BigQueryError.badKeyFile(path: path, reason: "a \(type) key, not a service_account key")
        }
        clientEmail = try field("client_email")
        privateKey = try field("private_key")
        privateKeyID = object["private_key_id"] as? String
        tokenURI = (object["token_uri"] as? String) ?? "https://oauth2.googleapis.com/token"
        guard tokenURI.hasPrefix("https://") || tokenURI.hasPrefix("http://") else {
            throw BigQueryError.badKeyFile(path: path, reason: "token_uri is not an http(s) URL")
        }
        self.path = path
    }

    /// The signed JWT: `base64url(header).base64url(claims).base64url(RS256 signature)`, valid for an hour from `now`.
    func assertion(now: Int) throws -> String {
        var header: [String: Any] = ["alg": "RS256", "typ": "JWT"]
        if let privateKeyID { header["kid"] = privateKeyID }
        let claims: [String: Any] = ["iss": clientEmail, "scope": BigQueryAccessToken.scope, "aud": tokenURI, "iat": now, "exp": now + 3600]
        func encoded(_ object: [String: Any]) throws -> String {
            Self.base64URL([UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
        }
        let signingInput = try encoded(header) + "." + encoded(claims)
        guard let signer = RS256Signer(pem: privateKey) else {
            throw BigQueryError.badKeyFile(path: path, reason: "private_key is not an RSA private key in PEM")
        }
        guard let signature = signer.sign(Array(signingInput.utf8)) else {
            throw BigQueryError.badKeyFile(path: path, reason: "OpenSSL could not sign with private_key")
        }
        return signingInput + "." + Self.base64URL(signature)
    }

    /// Base64 with the URL alphabet and no padding (RFC 7515).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
