import AurumCore

/// One aggregate a query computes: which function, over what (bound against the scanned columns), its type.
public struct AggregateSpec: Sendable, Equatable {
    public var kind: AggregateKind
    /// nil for `count(*)`.
    public var argument: BoundExpression?
    /// The key of `arg_max(value, key)` and `arg_min`, which picks the row whose value is taken; nil for the others.
    public var key: BoundExpression? = nil
    public var distinct: Bool
    public var type: DataType
    /// `FILTER (WHERE …)`: the rows the aggregate sees (bound like its argument); nil for all rows.
    public var filter: BoundExpression? = nil
    /// The argument is a column declared ``Field/decimal`` (money) itself: `sum` and `avg` of it are then
    /// ``DecimalSumAggregate``'s, exact as the pipeline's Gold, so both give the same total to the last digit.
    public var decimal = false
    /// As written, for EXPLAIN.
    public var text: String
}

/// The state of binding an aggregated query: the GROUP BY keys and the aggregates found so far. After
/// aggregation, key `i` is column `i` of the aggregated batch and aggregate `j` is column `keys.count + j`.
final class AggregateContext {
    var keys: [(sql: String, bound: BoundExpression, name: String)] = []
    var aggregates: [AggregateSpec] = []
    private var aggregateIndex: [String: Int] = [:]

    func register(_ spec: AggregateSpec, sql: String) -> Int {
        if let index = aggregateIndex[sql] { return index }
        aggregates.append(spec)
        aggregateIndex[sql] = aggregates.count - 1
        return aggregates.count - 1
    }
}
