import AurumCore

/// The registry of aggregate functions: binding a call finds the first listed function that takes it.
enum AggregateFunctions {
    /// Every aggregate, the more specific first (the exact decimal sum before `sum`). Computed, not stored: an
    /// array of existential metatypes is not `Sendable`, and it is read only when a call binds.
    static var all: [any AggregateFunction.Type] {
        [CountAggregate.self, DecimalSumAggregate.self, SumAggregate.self, AverageAggregate.self, ExtremeAggregate.self,
         ArgExtremeAggregate.self]
    }

    /// The function that binds `call`.
    static func function(for call: AggregateCall) -> (any AggregateFunction.Type)? {
        all.first { $0.names.contains(call.kind) && $0.accepts(call) }
    }

    /// The function of a bound aggregate.
    static func function(for spec: AggregateSpec) -> any AggregateFunction.Type {
        let call = AggregateCall(
            kind: spec.kind, argumentType: spec.argument?.type, argumentIsNull: spec.argument?.isNullConstant ?? false,
            argumentIsDecimalColumn: spec.decimal, distinct: spec.distinct, argumentOffset: 0,
            keyType: spec.key?.type)
        guard let function = function(for: call) else { preconditionFailure("a bound aggregate has a function") }
        return function
    }
}
