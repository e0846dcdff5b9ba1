import AurumCore

/// The day a quarantined row is about, read from its raw JSON text where it can be: Meta's `date_start`, Google
/// Ads' `segments.date` (`"date"`). A row quarantined for its date (missing or not a date) has none.
enum QuarantineDates {
    /// The first `"date_start"` or `"date"` key's value in `raw`, when it is an ISO date.
    static func date(inRaw raw: String) -> Date32? {
        for key in ["\"date_start\"", "\"date\""] {
            guard let keyRange = raw.range(of: key) else { continue }
            var rest = raw[keyRange.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            guard rest.first == ":" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            guard rest.first == "\"" else { continue }
            let value = rest.dropFirst().prefix { $0 != "\"" }
            guard value.count == 10, let date = Date32(iso: value) else { return nil }
            return date
        }
        return nil
    }
}
