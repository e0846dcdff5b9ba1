import AurumCore
import AurumStorage

/// The part of a WHERE clause that zone maps can decide: conjuncts of the form `column op constant`.
///
/// A row group may be skipped when any one conjunct is false for every value between the group's min and max
/// (NULLs never satisfy a comparison, so a group holding only NULLs in that column is skipped too).
public struct PruningPredicate: Sendable, CustomStringConvertible {
    public enum Comparison: String, Sendable {
        case equal = "=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public struct Conjunct: Sendable {
        /// The column's name in the table.
        public var column: String
        public var comparison: Comparison
        public var value: Value
    }

    public var conjuncts: [Conjunct] = []
    /// `column IN (values)` conjuncts.
    public var inLists: [(column: String, values: [Value])] = []
    /// Whether these conjuncts are the whole WHERE clause (set by the planner when every conjunct of it became one):
    /// then a row group for which ``holdsForEveryRow(_:schema:)`` is true needs no filtering at all.
    public var isWholeFilter = false
    /// The columns the query reads for WHERE alone (set by the planner): a row group that passes the whole WHERE
    /// by zone maps needs them not decoded. A source that reads a column for more than the query asked (a derived
    /// column's input) takes it out.
    public var filterOnlyColumns: Set<String> = []

    public init() {}

    public var isEmpty: Bool { conjuncts.isEmpty && inLists.isEmpty }

    public var description: String {
        (conjuncts.map { "\($0.column) \($0.comparison.rawValue) \(Self.literal($0.value))" }
            + inLists.map { "\($0.column) IN (\($0.values.map(Self.literal).joined(separator: ", ")))" })
            .joined(separator: " AND ")
    }

    private static func literal(_ value: Value) -> String {
        switch value {
        case .string(let text): "'\(text)'"
        case .date(let date): "DATE '\(date)'"
        default: value.description
        }
    }

    /// Whether the row group might hold a row satisfying every conjunct.
    public func mayMatch(_ group: RowGroupInfo, schema: Schema) -> Bool {
        for conjunct in conjuncts {
            guard let index = schema.index(of: conjunct.column) else { continue }
            let stats = group.blocks[index].stats
            if stats.nullCount == group.rowCount { return false }
            guard !stats.min.isNull, !stats.max.isNull else { continue }
            guard let low = Self.compare(stats.min, conjunct.value), let high = Self.compare(stats.max, conjunct.value) else { continue }
            switch conjunct.comparison {
            case .equal: if low > 0 || high < 0 { return false }
            case .less: if low >= 0 { return false }
            case .lessOrEqual: if low > 0 { return false }
            case .greater: if high <= 0 { return false }
            case .greaterOrEqual: if high < 0 { return false }
            }
        }
        for list in inLists {
            guard let index = schema.index(of: list.column) else { continue }
            let stats = group.blocks[index].stats
            if stats.nullCount == group.rowCount { return false }
            guard !stats.min.isNull, !stats.max.isNull else { continue }
            let anyInside = list.values.contains { value in
                guard let low = Self.compare(stats.min, value), let high = Self.compare(stats.max, value) else { return true }
                return low <= 0 && high >= 0
            }
            if !anyInside { return false }
        }
        return true
    }

    /// Whether the zone maps prove every row of the group satisfies every conjunct, so that the WHERE clause, when
    /// ``isWholeFilter``, need not be evaluated on it. Only columns without NULLs whose bounds are exact and ordered
    /// as the engine compares them are decided: INTEGER, DATE and TEXT (text bounds are whole strings ordered by
    /// UTF-8 bytes, as the engine compares text; a DOUBLE column's bounds say nothing about NaN).
    public func holdsForEveryRow(_ group: RowGroupInfo, schema: Schema) -> Bool {
        guard isWholeFilter, !isEmpty else { return false }
        func bounds(_ column: String, _ value: Value) -> (low: Int, high: Int)? {
            guard let index = schema.index(of: column) else { return nil }
            let stats = group.blocks[index].stats
            guard stats.nullCount == 0 else { return nil }
            switch (stats.min, stats.max, value) {
            case (.int64, .int64, .int64), (.date, .date, .date), (.string, .string, .string):
                guard let low = Self.compare(stats.min, value), let high = Self.compare(stats.max, value) else { return nil }
                return (low, high)
            default:
                return nil
            }
        }
        for conjunct in conjuncts {
            guard let (low, high) = bounds(conjunct.column, conjunct.value) else { return false }
            let holds = switch conjunct.comparison {
            case .equal: low == 0 && high == 0
            case .less: high < 0
            case .lessOrEqual: high <= 0
            case .greater: low > 0
            case .greaterOrEqual: low >= 0
            }
            if !holds { return false }
        }
        for list in inLists {
            let holds = list.values.contains { value in
                guard let (low, high) = bounds(list.column, value) else { return false }
                return low == 0 && high == 0
            }
            if !holds { return false }
        }
        return true
    }

    /// -1, 0, 1 comparing two values of one type (text by UTF-8 bytes); nil when they do not compare.
    static func compare(_ left: Value, _ right: Value) -> Int? {
        switch (left, right) {
        case (.int64(let a), .int64(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .double(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.int64(let a), .double(let b)): return Double(a) < b ? -1 : (Double(a) > b ? 1 : 0)
        case (.double(let a), .int64(let b)): return a < Double(b) ? -1 : (a > Double(b) ? 1 : 0)
        case (.date(let a), .date(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)): return textCompare(a, b)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
        default: return nil
        }
    }
}
