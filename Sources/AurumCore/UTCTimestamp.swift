#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time in UTC as ISO 8601 text, to the second.
public enum UTCTimestamp {
    /// `2026-12-04T16:12:00Z` (extended form, for people and JSON), or `20261204T161200Z` when `compact` (basic
    /// form, for file names: it sorts in time order byte by byte).
    public static func now(compact: Bool = false) -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let (dash, colon) = compact ? ("", "") : ("-", ":")
        return "\(parts.tm_year + 1900)\(dash)\(pad(parts.tm_mon + 1))\(dash)\(pad(parts.tm_mday))"
            + "T\(pad(parts.tm_hour))\(colon)\(pad(parts.tm_min))\(colon)\(pad(parts.tm_sec))Z"
    }
}
