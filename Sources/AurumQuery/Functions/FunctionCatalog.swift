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
        nearestName(name, among: candidates)
    }
}

