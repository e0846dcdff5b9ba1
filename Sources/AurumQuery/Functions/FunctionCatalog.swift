import AurumCore

/// The aggregate functions.
public enum AggregateKind: String, Sendable, CaseIterable {
    case count, sum, avg, min, max
    case argMax = "arg_max", argMin = "arg_min", maxBy = "max_by", minBy = "min_by"

    public var signature: String {
        switch self {
        case .count: "count(*) / count(x) / count(DISTINCT x) → BIGINT (0 over no rows)"
        case .sum: "sum(x) → BIGINT for integers, DOUBLE otherwise (NULL over no rows)"
        case .avg: "avg(x) → DOUBLE"
        case .min: "min(x) → the smallest non-NULL value"
        case .max: "max(x) → the largest non-NULL value"
        case .argMax: "arg_max(value, key) → value on the row with the largest non-NULL key"
        case .argMin: "arg_min(value, key) → value on the row with the smallest non-NULL key"
        case .maxBy: "max_by(value, key) → arg_max(value, key)"
        case .minBy: "min_by(value, key) → arg_min(value, key)"
        }
    }

    /// Whether it takes a second argument, the key that picks the row (`arg_max(value, key)`).
    var takesKey: Bool { [.argMax, .argMin, .maxBy, .minBy].contains(self) }
}

/// Every callable name, for "did you mean".
enum FunctionNames {
    static let all: [String] = ScalarFunctionRegistry.names + AggregateKind.allCases.map(\.rawValue)

    /// The known name nearest to `name`, if close enough to be a plausible typo.
    static func suggestion(for name: String, among candidates: [String] = all) -> String? {
        nearestName(name, among: candidates)
    }
}

