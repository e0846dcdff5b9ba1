import AurumCore
import AurumKernels

/// `sum(x)` and `avg(x)` of a column declared ``Field/decimal`` (money): the values are added exactly, as whole
/// millionths (``DecimalSums``, the arithmetic Gold sums money with), so a total does not depend on row order or
/// workers and equals Gold's to the last digit. The result is the DOUBLE nearest the exact sum (or mean); a group
/// that meets a value with more than 6 decimals falls back to the double sum, as in Gold.
enum DecimalSumAggregate: AggregateFunction {
    static let names: Set<AggregateKind> = [.sum, .avg]
    static func accepts(_ call: AggregateCall) -> Bool { call.argumentIsDecimalColumn && call.argumentType == .double }
    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType { .double }
    static func makeState(for spec: AggregateSpec) -> any AggregateState { DecimalSumState(averaging: spec.kind == .avg) }
}

/// Exact decimal sums and a count of values per group.
final class DecimalSumState: AggregateState {
    private let averaging: Bool
    private var sums = DecimalSums()
    private var counts: [Int64] = []

    init(averaging: Bool) { self.averaging = averaging }

    func grow(to groupCount: Int) {
        sums.grow(to: groupCount)
        extend(&counts, to: groupCount, with: 0)
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        let values = input.argument?.doubleValues.values ?? []
        let rows = input.countedRows()
        let picked = rows.map { rows in rows.map { values[$0] } } ?? values
        let groups = rows.map { rows in rows.map { input.groups[$0] } } ?? input.groups
        picked.withUnsafeBufferPointer { picked in groups.withUnsafeBufferPointer { sums.add(picked, groups: $0) } }
        counts.withUnsafeMutableBufferPointer { counts in
            if input.single {
                counts[0] += Int64(groups.count)
            } else {
                groups.withUnsafeBufferPointer { GroupedSum.count(groups: $0, into: counts) }
            }
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: DecimalSumState.self)
        // The sums are moved into a local for the loop: a stored property touched per pair costs an exclusivity
        // check and retains.
        var merged = sums
        sums = DecimalSums()
        defer { sums = merged }
        let otherSums = other.sums
        counts.withUnsafeMutableBufferPointer { counts in
            other.counts.withUnsafeBufferPointer { otherCounts in
                targets.withUnsafeBufferPointer { targets in
                    if let sources {
                        sources.withUnsafeBufferPointer { merged.merge(otherSums, groups: $0, into: targets, counts: otherCounts) }
                    } else {
                        merged.merge(otherSums, groups: nil, into: targets, counts: otherCounts)
                    }
                }
                forEachPair(sources: sources, targets: targets) { source, target in counts[target] += otherCounts[source] }
            }
        }
    }

    func finish() -> Column {
        let values = counts.indices.map { group in
            counts[group] == 0 ? 0 : averaging ? sums.value(group) / Double(counts[group]) : sums.value(group)
        }
        return .double(PrimitiveColumn(values: values, validity: validityMask(counts.map { $0 > 0 })))
    }
}
