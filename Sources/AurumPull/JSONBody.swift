#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// The few reads the clients make of a response body: the data array, the next page, an error object. The rows
/// themselves are parsed by the pipeline's parser (AurumAdsAPI) from the verbatim body as it is staged
/// (``PageParseAhead``), for the ingest that ends the pull.
package enum JSONBody {
    /// The body as a JSON value, or nil when it is not complete JSON (a body cut short, an HTML error page).
    package static func parse(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// An integer that JSON gave as a number or a string of digits.
    package static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let number as Double where number.isFinite && number.rounded() == number: Int(number)
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }

    /// A number that JSON gave as a number or a numeric string.
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as Double: number
        case let number as Int: Double(number)
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }

    /// Refuses a body that carries a configured secret: it would be kept in Bronze forever.
    static func refuseSecrets(in body: [UInt8], settings: PullSettings, target: PullTarget) throws {
        for secret in settings.secrets where contains(body, secret) {
            throw PullError.badResponse(target: target, reason: "the response contains a credential; it was not stored")
        }
    }

    /// Whether `secret`'s bytes occur anywhere in `body` (memchr to each candidate first byte, then memcmp: a
    /// page is searched at memory speed, even in a debug build).
    static func contains(_ body: [UInt8], _ secret: String) -> Bool {
        let needle = Array(secret.utf8)
        guard let first = needle.first else { return true }
        return body.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needleBytes in
                guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
                var offset = 0
                let last = haystack.count - needle.count
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(found))
                    if let needleBase = needleBytes.baseAddress, memcmp(found, needleBase, needle.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// `value` percent-encoded for a query string or form body (RFC 3986 unreserved characters kept).
    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// `name=value&…`, each value form-encoded, in the order given.
    package static func query(_ parameters: [(String, String)]) -> String {
        parameters.map { "\($0.0)=\(formEncoded($0.1))" }.joined(separator: "&")
    }
}
