/// The functions a window call (`name(…) OVER (…)`) may name: the ranking and offset functions, which read the
/// partition's order alone (a frame is ignored, as in DuckDB), and first/last_value and the aggregates, computed
/// over each row's frame.
public enum WindowFunction: String, Sendable, CaseIterable {
    case rowNumber = "row_number"
    case rank
    case denseRank = "dense_rank"
    case lag, lead
    case firstValue = "first_value"
    case lastValue = "last_value"
    case sum, avg, count, min, max

    /// Whether it is one of the aggregates (which also work without OVER, over groups).
    public var isAggregate: Bool { AggregateKind(rawValue: rawValue) != nil }

    /// One line for `.help` and docs/query-language.md.
    public var signature: String {
        switch self {
        case .rowNumber: "row_number() → BIGINT: 1, 2, 3, … in the window's order"
        case .rank: "rank() → BIGINT: 1 + the rows before the current row's peers (ties share a rank, then a gap)"
        case .denseRank: "dense_rank() → BIGINT: 1 + the distinct ORDER BY values before the current row's (no gaps)"
        case .lag: "lag(x [, n [, default]]) → x's type: x n rows (1 by default) before, or default (NULL)"
        case .lead: "lead(x [, n [, default]]) → x's type: x n rows (1 by default) after, or default (NULL)"
        case .firstValue: "first_value(x) → x at the frame's first row"
        case .lastValue: "last_value(x) → x at the frame's last row (by default the current row's last peer)"
        case .sum: "sum(x) OVER … → BIGINT for integers, DOUBLE otherwise (NULL over an empty frame)"
        case .avg: "avg(x) OVER … → DOUBLE"
        case .count: "count(*) / count(x) OVER … → BIGINT (0 over an empty frame)"
        case .min: "min(x) OVER … → the frame's smallest non-NULL x"
        case .max: "max(x) OVER … → the frame's largest non-NULL x"
        }
    }
}
