import AurumCore

/// One aggregate a query computes: which function, over what (bound against the scanned columns), its type.
public struct AggregateSpec: Sendable, Equatable {
    public var kind: AggregateKind
    /// nil for `count(*)`.
    public var argument: BoundExpression?
    public var distinct: Bool
    public var type: DataType
    /// As written, for EXPLAIN.
    public var text: String
}

/// The state of binding an aggregated query: the GROUP BY keys and the aggregates found so far. After
/// aggregation, key `i` is column `i` of the aggregated batch and aggregate `j` is column `keys.count + j`.
final class AggregateContext {
    var keys: [(canonical: String, bound: BoundExpression, text: String)] = []
    var aggregates: [AggregateSpec] = []
    private var aggregateIndex: [String: Int] = [:]

    func register(_ spec: AggregateSpec, canonical: String) -> Int {
        if let index = aggregateIndex[canonical] { return index }
        aggregates.append(spec)
        aggregateIndex[canonical] = aggregates.count - 1
        return aggregates.count - 1
    }
}
