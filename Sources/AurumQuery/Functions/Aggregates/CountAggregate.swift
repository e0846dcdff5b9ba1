import AurumCore
import AurumKernels

/// `count(*)`, `count(x)` and `count(DISTINCT x)`: the rows, the non-NULL values, the distinct non-NULL values
/// (BIGINT; 0 over no rows).
enum CountAggregate: AggregateFunction {
    static let names: Set<AggregateKind> = [.count]
    static func accepts(_ call: AggregateCall) -> Bool { true }
    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType { .int64 }
    static func makeState(for spec: AggregateSpec) -> any AggregateState { CountState() }
}

/// One count per group.
final class CountState: AggregateState {
    private var counts: [Int64] = []

    func grow(to groupCount: Int) { extend(&counts, to: groupCount, with: 0) }

    func update(_ input: AggregateInput) throws(QueryError) {
        let rows = input.countedRows()
        if input.single {
            counts[0] += Int64(rows?.count ?? input.rowCount)
            return
        }
        counts.withUnsafeMutableBufferPointer { counts in
            input.groups.withUnsafeBufferPointer { groups in
                if let rows {
                    for row in rows { counts[Int(groups[row])] += 1 }
                } else {
                    GroupedSum.count(groups: groups, into: counts)
                }
            }
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let more = same(other, as: CountState.self).counts
        counts.withUnsafeMutableBufferPointer { counts in
            more.withUnsafeBufferPointer { more in forEachPair(sources: sources, targets: targets) { counts[$1] += more[$0] } }
        }
    }

    func finish() -> Column { .int64(PrimitiveColumn(values: counts)) }
}
