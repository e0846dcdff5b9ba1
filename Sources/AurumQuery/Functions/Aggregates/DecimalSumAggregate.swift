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

/// Exact decimal sums and a count of values per group (``DecimalSums/Cell``).
final class DecimalSumState: AggregateState {
    private let averaging: Bool
    private var sums = DecimalSums()

    init(averaging: Bool) { self.averaging = averaging }

    func grow(to groupCount: Int) { sums.grow(to: groupCount) }

    /// The argument comes as doubles, or as BIGINT millionths where the scan read its blocks so
    /// (``FixedPointArguments``): added as they are, the same sums bit for bit.
    func update(_ input: AggregateInput) throws(QueryError) {
        if case .int64(let millionths) = input.argument {
            Self.counted(millionths.values, of: input) { sums.add(millionths: $0, groups: $1) }
        } else {
            Self.counted(input.argument?.doubleValues.values ?? [], of: input) { sums.add($0, groups: $1) }
        }
    }

    /// `add(values, groups)` over the rows of `input` that count (all of them, in place, when every row does).
    private static func counted<Value>(
        _ values: [Value], of input: AggregateInput, _ add: (UnsafeBufferPointer<Value>, UnsafeBufferPointer<UInt32>) -> Void
    ) {
        guard let rows = input.countedRows() else {
            values.withUnsafeBufferPointer { values in input.groups.withUnsafeBufferPointer { add(values, $0) } }
            return
        }
        let picked = rows.map { values[$0] }
        let groups = rows.map { input.groups[$0] }
        picked.withUnsafeBufferPointer { picked in groups.withUnsafeBufferPointer { add(picked, $0) } }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: DecimalSumState.self)
        // The sums are moved into a local for the loop: a stored property touched per pair costs an exclusivity
        // check and retains.
        var merged = sums
        sums = DecimalSums()
        defer { sums = merged }
        let otherSums = other.sums
        targets.withUnsafeBufferPointer { targets in
            if let sources {
                sources.withUnsafeBufferPointer { merged.merge(otherSums, groups: $0, into: targets) }
            } else {
                merged.merge(otherSums, groups: nil, into: targets)
            }
        }
    }

    func finish() -> Column { finished(sums.cells.indices) }

    func finish(groups: [Int]) -> Column { finished(groups) }

    /// Each of `groups`' exact sum (or mean) turned into the nearest DOUBLE, for these groups only.
    private func finished<Groups: Collection<Int>>(_ groups: Groups) -> Column {
        let values = groups.map { group in
            let count = sums.cells[group].count
            return count == 0 ? 0 : averaging ? sums.value(group) / Double(count) : sums.value(group)
        }
        return .double(PrimitiveColumn(values: values, validity: validityMask(groups.map { sums.cells[$0].count > 0 })))
    }
}
