import AurumCore
import AurumKernels

/// `min(x)` and `max(x)`: the smallest or largest non-NULL value, of the argument's type (text by bytes, doubles
/// in DuckDB's order with NaN above every number); NULL over none. DISTINCT changes nothing.
enum ExtremeAggregate: AggregateFunction {
    static let names: Set<AggregateKind> = [.min, .max]
    static func accepts(_ call: AggregateCall) -> Bool { true }
    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType { call.argumentType ?? .int64 }

    static func makeState(for spec: AggregateSpec) -> any AggregateState {
        let isMax = spec.kind == .max
        switch spec.type {
        case .double: return DoubleExtremeState(isMax: isMax)
        case .string: return TextExtremeState(isMax: isMax)
        default: return IntegerExtremeState(isMax: isMax, type: spec.type)
        }
    }
}

/// Extremes of BIGINT, DATE and BOOLEAN, compared as Int64.
final class IntegerExtremeState: AggregateState {
    private let isMax: Bool
    private let type: DataType
    private var values: [Int64] = []
    private var has: [Bool] = []

    init(isMax: Bool, type: DataType) {
        self.isMax = isMax
        self.type = type
    }

    func grow(to groupCount: Int) {
        extend(&values, to: groupCount, with: 0)
        extend(&has, to: groupCount, with: false)
    }

    private func take(_ value: Int64, into group: Int) {
        if !has[group] || (isMax ? value > values[group] : value < values[group]) {
            values[group] = value
            has[group] = true
        }
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        switch input.argument {
        case .date(let column)?: update(input, column.values)
        case .bool(let column)?: update(input, column.values)
        default: update(input, input.argument?.int64Values.values ?? [])
        }
    }

    /// ``update(_:)`` over the argument's own integers, each widened as it is read (a date column is not copied
    /// into a new Int64 array first).
    private func update<Element: FixedWidthInteger>(_ input: AggregateInput, _ arguments: [Element]) {
        let isMax = isMax
        if input.single {
            // One SIMD pass over the column (NULLs skipped by its validity).
            let widened = arguments as? [Int64] ?? arguments.map(Int64.init)
            let extreme = widened.withUnsafeBufferPointer { values in
                withOptionalBuffer(input.argument?.validity) { isMax ? Maximum.simd(values, validity: $0) : Minimum.simd(values, validity: $0) }
            }
            if let extreme { take(extreme, into: 0) }
            return
        }
        // Through buffers: a stored array touched per row costs an exclusivity check (and a uniqueness check),
        // several times the comparison itself.
        arguments.withUnsafeBufferPointer { arguments in
            input.groups.withUnsafeBufferPointer { groups in
                values.withUnsafeMutableBufferPointer { values in
                    has.withUnsafeMutableBufferPointer { has in
                        input.forEachCountedRow { row in
                            let (value, group) = (Int64(arguments[row]), Int(groups[row]))
                            if !has[group] || (isMax ? value > values[group] : value < values[group]) {
                                values[group] = value
                                has[group] = true
                            }
                        }
                    }
                }
            }
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: IntegerExtremeState.self)
        let isMax = isMax
        combineValues(&values, &has, from: other.values, other.has, sources: sources, targets: targets) { current, had, value in
            !had || (isMax ? value > current : value < current) ? value : current
        }
    }

    func finish() -> Column {
        let validity = validityMask(has)
        switch type {
        case .date: return .date(PrimitiveColumn(values: values.map { Int32(truncatingIfNeeded: $0) }, validity: validity))
        case .bool: return .bool(PrimitiveColumn(values: values.map { UInt8(truncatingIfNeeded: $0) }, validity: validity))
        default: return .int64(PrimitiveColumn(values: values, validity: validity))
        }
    }
}

/// Extremes of DOUBLE, in DuckDB's order (see ``Maximum``).
final class DoubleExtremeState: AggregateState {
    private let isMax: Bool
    private var values: [Double] = []
    private var has: [Bool] = []

    init(isMax: Bool) { self.isMax = isMax }

    func grow(to groupCount: Int) {
        extend(&values, to: groupCount, with: 0)
        extend(&has, to: groupCount, with: false)
    }

    @inline(__always)
    private func take(_ value: Double, into group: Int) {
        values[group] = has[group] ? (isMax ? Maximum.larger(values[group], value) : Minimum.smaller(values[group], value)) : value
        has[group] = true
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        let values = input.argument?.doubleValues.values ?? []
        let isMax = isMax
        if input.single {
            let extreme = values.withUnsafeBufferPointer { values in
                withOptionalBuffer(input.argument?.validity) { isMax ? Maximum.simd(values, validity: $0) : Minimum.simd(values, validity: $0) }
            }
            if let extreme { take(extreme, into: 0) }
            return
        }
        // Through buffers, as for integers.
        values.withUnsafeBufferPointer { arguments in
            input.groups.withUnsafeBufferPointer { groups in
                self.values.withUnsafeMutableBufferPointer { values in
                    has.withUnsafeMutableBufferPointer { has in
                        input.forEachCountedRow { row in
                            let (value, group) = (arguments[row], Int(groups[row]))
                            values[group] = has[group] ? (isMax ? Maximum.larger(values[group], value) : Minimum.smaller(values[group], value)) : value
                            has[group] = true
                        }
                    }
                }
            }
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: DoubleExtremeState.self)
        let isMax = isMax
        combineValues(&values, &has, from: other.values, other.has, sources: sources, targets: targets) { current, had, value in
            had ? (isMax ? Maximum.larger(current, value) : Minimum.smaller(current, value)) : value
        }
    }

    func finish() -> Column { .double(PrimitiveColumn(values: values, validity: validityMask(has))) }
}

/// Extremes of text, by bytes.
final class TextExtremeState: AggregateState {
    private let isMax: Bool
    private var values: [String?] = []

    init(isMax: Bool) { self.isMax = isMax }

    func grow(to groupCount: Int) { extend(&values, to: groupCount, with: nil) }

    private func take(_ value: String, into group: Int) {
        if let current = values[group] {
            let order = textCompare(value, current)
            if isMax ? order > 0 : order < 0 { values[group] = value }
        } else {
            values[group] = value
        }
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        guard let strings = input.argument?.stringValues else { return }
        let dictionary = strings.dictionary
        input.forEachCountedRow { row in take(dictionary[Int(strings.codes[row])], into: Int(input.groups[row])) }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: TextExtremeState.self)
        forEachPair(sources: sources, targets: targets) { source, target in
            if let value = other.values[source] { take(value, into: target) }
        }
    }

    func finish() -> Column {
        var builder = StringColumnBuilder()
        for value in values { builder.append(value) }
        return .string(builder.finish())
    }
}

/// `body` with `array`'s buffer, or with nil.
private func withOptionalBuffer<Result>(_ array: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0) }
}
