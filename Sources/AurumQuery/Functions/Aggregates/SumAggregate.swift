import AurumCore
import AurumKernels

/// `sum(x)`: BIGINT for integers (an overflow is an error, as in DuckDB's checked arithmetic), DOUBLE otherwise;
/// NULL over no rows. A decimal column's sum is ``DecimalSumAggregate``'s.
enum SumAggregate: AggregateFunction {
    static let names: Set<AggregateKind> = [.sum]
    static func accepts(_ call: AggregateCall) -> Bool { true }

    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType {
        try call.numericArgumentType() == .int64 ? .int64 : .double
    }

    static func makeState(for spec: AggregateSpec) -> any AggregateState {
        spec.type == .int64 ? IntegerSumState() : DoubleSumState()
    }
}

/// Integer sums, checked for overflow.
final class IntegerSumState: AggregateState {
    private var sums: [Int64] = []
    private var has: [Bool] = []

    func grow(to groupCount: Int) {
        extend(&sums, to: groupCount, with: 0)
        extend(&has, to: groupCount, with: false)
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        let values = input.argument?.int64Values.values ?? []
        var overflow = false
        sums.withUnsafeMutableBufferPointer { sums in
            has.withUnsafeMutableBufferPointer { has in
                values.withUnsafeBufferPointer { values in
                    input.groups.withUnsafeBufferPointer { groups in
                        input.forEachCountedRow { row in
                            let group = Int(groups[row])
                            let (sum, overflowed) = sums[group].addingReportingOverflow(values[row])
                            overflow = overflow || overflowed
                            sums[group] = sum
                            has[group] = true
                        }
                    }
                }
            }
        }
        if overflow { throw .execution(message: "integer overflow in sum()", offset: input.offset) }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: IntegerSumState.self)
        var overflow = false
        combineValues(&sums, &has, from: other.sums, other.has, sources: sources, targets: targets) { sum, _, value in
            let (total, overflowed) = sum.addingReportingOverflow(value)
            overflow = overflow || overflowed
            return total
        }
        if overflow { throw .execution(message: "integer overflow in sum()", offset: 0) }
    }

    func finish() -> Column { .int64(PrimitiveColumn(values: sums, validity: validityMask(has))) }
}

/// Double sums: the SIMD ``Sum`` kernel over a whole column without GROUP BY, ``GroupedSum`` over groups when
/// no row is NULL, a loop over the counted rows otherwise.
final class DoubleSumState: AggregateState {
    private var sums: [Double] = []
    private var has: [Bool] = []

    func grow(to groupCount: Int) {
        extend(&sums, to: groupCount, with: 0)
        extend(&has, to: groupCount, with: false)
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        let values = input.argument?.doubleValues.values ?? []
        let rows = input.countedRows()
        sums.withUnsafeMutableBufferPointer { sums in
            has.withUnsafeMutableBufferPointer { has in
                values.withUnsafeBufferPointer { values in
                    input.groups.withUnsafeBufferPointer { groups in
                        if let rows {
                            for row in rows {
                                let group = Int(groups[row])
                                sums[group] += values[row]
                                has[group] = true
                            }
                        } else if input.single {
                            sums[0] += Sum.simd(values)
                            has[0] = has[0] || !values.isEmpty
                        } else {
                            GroupedSum.add(values, groups: groups, into: sums)
                            for group in groups { has[Int(group)] = true }
                        }
                    }
                }
            }
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: DoubleSumState.self)
        // (Added to the 0 a group starts from, as one worker adds its rows: -0.0 alone sums to 0.0.)
        combineValues(&sums, &has, from: other.sums, other.has, sources: sources, targets: targets) { sum, _, value in sum + value }
    }

    func finish() -> Column { .double(PrimitiveColumn(values: sums, validity: validityMask(has))) }
}
