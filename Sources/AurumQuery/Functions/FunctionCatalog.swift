import AurumCore

/// The whitelisted scalar functions. Anything else is refused at bind time with the nearest known name.
public enum ScalarFunction: String, Sendable, CaseIterable {
    case dateTrunc = "date_trunc"
    case year, month, day
    case coalesce, nullif, round, abs, lower, upper, length
    case currentDate = "current_date"

    /// One line for `.help` and docs/query-language.md.
    public var signature: String {
        switch self {
        case .dateTrunc: "date_trunc('day'|'week'|'month'|'quarter'|'year', date) → DATE (weeks start on Monday)"
        case .year: "year(date) → BIGINT"
        case .month: "month(date) → BIGINT"
        case .day: "day(date) → BIGINT"
        case .coalesce: "coalesce(a, b, ...) → the first non-NULL argument"
        case .nullif: "nullif(a, b) → NULL when a = b, else a"
        case .round: "round(x [, digits]) → x rounded half away from zero"
        case .abs: "abs(x) → |x|"
        case .lower: "lower(text) → VARCHAR"
        case .upper: "upper(text) → VARCHAR"
        case .length: "length(text) → BIGINT (characters)"
        case .currentDate: "current_date → DATE (today, or AURUM_TODAY / --today)"
        }
    }
}

/// The aggregate functions.
public enum AggregateKind: String, Sendable, CaseIterable {
    case count, sum, avg, min, max

    public var signature: String {
        switch self {
        case .count: "count(*) / count(x) / count(DISTINCT x) → BIGINT (0 over no rows)"
        case .sum: "sum(x) → BIGINT for integers, DOUBLE otherwise (NULL over no rows)"
        case .avg: "avg(x) → DOUBLE"
        case .min: "min(x) → the smallest non-NULL value"
        case .max: "max(x) → the largest non-NULL value"
        }
    }
}

/// Every callable name, for "did you mean".
enum FunctionNames {
    static let all: [String] = ScalarFunction.allCases.map(\.rawValue) + AggregateKind.allCases.map(\.rawValue)

    /// The known name nearest to `name`, if close enough to be a plausible typo.
    static func suggestion(for name: String, among candidates: [String] = all) -> String? {
        nearest(name, among: candidates)
    }
}

/// The candidate nearest to `name` by edit distance (case-insensitive), when within a third of its length.
func nearest(_ name: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance($0.lowercased(), name.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let limit = max(2, (name.count + 2) / 3)
    if best.1 <= limit { return best.0 }
    // A name contained in a candidate (cost → spend is not, but imp → impressions is).
    return candidates.first { $0.lowercased().contains(name.lowercased()) && name.count >= 3 }
}

func editDistance(_ left: String, _ right: String) -> Int {
    let a = Array(left.unicodeScalars)
    let b = Array(right.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
