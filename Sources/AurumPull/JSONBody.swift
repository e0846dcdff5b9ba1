import Foundation

/// The few reads the clients make of a response body: the data array, the next page, an error object. The rows
/// themselves are parsed by the pipeline (AurumAdsAPI), from the verbatim body, when the pull is ingested.
enum JSONBody {
    /// The body as a JSON value, or nil when it is not complete JSON (a body cut short, an HTML error page).
    static func parse(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// An integer that JSON gave as a number or a string of digits.
    static func integer(_ value: Any?) -> Int? {
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

    /// Whether `secret`'s bytes occur anywhere in `body`.
    static func contains(_ body: [UInt8], _ secret: String) -> Bool {
        Data(body).range(of: Data(secret.utf8)) != nil
    }

    /// `value` percent-encoded for a query string or form body (RFC 3986 unreserved characters kept).
    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// `name=value&…`, each value form-encoded, in the order given.
    static func query(_ parameters: [(String, String)]) -> String {
        parameters.map { "\($0.0)=\(formEncoded($0.1))" }.joined(separator: "&")
    }
}
