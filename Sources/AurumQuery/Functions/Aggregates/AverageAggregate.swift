import AurumCore
import AurumKernels

/// `avg(x)`: the mean of the non-NULL values as DOUBLE (NULL over none). A decimal column's mean is
/// ``DecimalSumAggregate``'s.
enum AverageAggregate: AggregateFunction {
    static let names: Set<AggregateKind> = [.avg]
    static func accepts(_ call: AggregateCall) -> Bool { true }

    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType {
        _ = try call.numericArgumentType()
        return .double
    }

    static func makeState(for spec: AggregateSpec) -> any AggregateState { AverageState() }
}

/// A double sum and a count per group.
final class AverageState: AggregateState {
    private var sums: [Double] = []
    private var counts: [Int64] = []

    func grow(to groupCount: Int) {
        extend(&sums, to: groupCount, with: 0)
        extend(&counts, to: groupCount, with: 0)
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        let values = input.argument?.doubleValues.values ?? []
        let rows = input.countedRows()
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                values.withUnsafeBufferPointer { values in
                    input.groups.withUnsafeBufferPointer { groups in
                        if input.single, rows == nil {
                            sums[0] += Sum.simd(values)
                            counts[0] += Int64(values.count)
                            return
                        }
                        let each = { (row: Int) in
                            let group = Int(groups[row])
                            sums[group] += values[row]
                            counts[group] += 1
                        }
                        if let rows { rows.forEach(each) } else { (0..<groups.count).forEach(each) }
                    }
                }
            }
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: AverageState.self)
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                other.sums.withUnsafeBufferPointer { otherSums in
                    other.counts.withUnsafeBufferPointer { otherCounts in
                        forEachPair(sources: sources, targets: targets) { source, target in
                            sums[target] += otherSums[source]
                            counts[target] += otherCounts[source]
                        }
                    }
                }
            }
        }
    }

    func finish() -> Column {
        .double(PrimitiveColumn(
            values: zip(sums, counts).map { $1 == 0 ? 0 : $0 / Double($1) }, validity: validityMask(counts.map { $0 > 0 })))
    }
}
