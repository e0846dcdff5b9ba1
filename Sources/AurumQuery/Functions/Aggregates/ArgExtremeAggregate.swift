import AurumCore

/// `arg_max(value, key)` and `arg_min(value, key)` (DuckDB's, also named `max_by` and `min_by`): the value on the
/// row with the largest (smallest) key. Rows whose key or value is NULL are skipped, as DuckDB does (its
/// `arg_max_null`, which keeps NULL values, is not supported); NULL over no row with both. Keys of any type: numbers, dates,
/// booleans, text by bytes, doubles with NaN above every number (as `max`).
///
/// Ties: DuckDB keeps the first row it sees, which depends on its threads. Aurum's workers see rows in no fixed
/// order either, so a tie on the key is broken by the value, the same however the rows were split: `arg_max`
/// keeps the largest value among the tied rows and `arg_min` the smallest (a NULL value below every other).
/// DISTINCT is refused: it would drop repeated (value) rows, which changes nothing about which key is extreme
/// but reads as if it did.
enum ArgExtremeAggregate: AggregateFunction {
    static let names: Set<AggregateKind> = [.argMax, .argMin, .maxBy, .minBy]
    static func accepts(_ call: AggregateCall) -> Bool { true }

    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType {
        if call.distinct {
            throw .unsupported(message: "\(call.kind.rawValue)(DISTINCT …) is not supported: DISTINCT changes nothing in it", offset: call.argumentOffset)
        }
        return call.argumentType ?? .int64
    }

    static func makeState(for spec: AggregateSpec) -> any AggregateState {
        ArgExtremeState(isMax: spec.kind == .argMax || spec.kind == .maxBy, type: spec.type, keyType: spec.key?.type ?? .int64)
    }
}

/// Per group: the extreme key seen so far and the value on its row. BIGINT, DATE and BOOLEAN keys are kept as
/// Int64 (compared without building a ``Value`` per row, the common case: Gold's packed key); others as values.
final class ArgExtremeState: AggregateState {
    private let isMax: Bool
    private let type: DataType
    private let integerKeys: Bool
    private var intKeys: [Int64] = []
    private var keys: [Value] = []
    /// `.null` while the group has seen no row (NULL values are skipped, so a taken value is never NULL).
    private var values: [Value] = []

    init(isMax: Bool, type: DataType, keyType: DataType) {
        self.isMax = isMax
        self.type = type
        integerKeys = keyType == .int64 || keyType == .date || keyType == .bool
    }

    func grow(to groupCount: Int) {
        if integerKeys { extend(&intKeys, to: groupCount, with: 0) } else { extend(&keys, to: groupCount, with: .null) }
        extend(&values, to: groupCount, with: .null)
    }

    /// Whether a row whose key compares `keyOrder` to the group's (negative, zero, positive) and whose value is
    /// `value` replaces the group's pair: a more extreme key, or the same key and a value further the same way (the
    /// tie rule, which makes the answer independent of the order rows come in).
    @inline(__always)
    private func wins(_ keyOrder: Int, _ value: @autoclosure () -> Value, over group: Int) -> (Bool, Value?) {
        if values[group].isNull { return (true, nil) }
        if keyOrder != 0 { return (isMax ? keyOrder > 0 : keyOrder < 0, nil) }
        let candidate = value()
        let valueOrder = Self.order(candidate, values[group])
        return (isMax ? valueOrder > 0 : valueOrder < 0, candidate)
    }

    private func take(int key: Int64, _ value: @autoclosure () -> Value, into group: Int) {
        let order = key < intKeys[group] ? -1 : key > intKeys[group] ? 1 : 0
        let (won, read) = wins(order, value(), over: group)
        guard won else { return }
        intKeys[group] = key
        values[group] = read ?? value()
    }

    private func take(_ key: Value, _ value: @autoclosure () -> Value, into group: Int) {
        let (won, read) = wins(values[group].isNull ? 0 : Self.order(key, keys[group]), value(), over: group)
        guard won else { return }
        keys[group] = key
        values[group] = read ?? value()
    }

    func update(_ input: AggregateInput) throws(QueryError) {
        guard let keyColumn = input.key, let valueColumn = input.argument else { return }
        let validity = mergeValidity(keyColumn.validity, valueColumn.validity)
        // The value is read only when it could win: most rows lose on the key alone.
        if integerKeys {
            let ints: [Int64]
            switch keyColumn {
            case .date(let column): ints = column.values.map(Int64.init)
            case .bool(let column): ints = column.values.map(Int64.init)
            default: ints = keyColumn.int64Values.values
            }
            let value = valueColumn.valueReader()
            for row in 0..<input.rowCount where validity?[row] ?? 1 != 0 {
                take(int: ints[row], value(row), into: Int(input.groups[row]))
            }
            return
        }
        let (key, value) = (keyColumn.valueReader(), valueColumn.valueReader())
        for row in 0..<input.rowCount where validity?[row] ?? 1 != 0 {
            take(key(row), value(row), into: Int(input.groups[row]))
        }
    }

    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError) {
        let other = same(other, as: ArgExtremeState.self)
        forEachPair(sources: sources, targets: targets) { source, target in
            guard !other.values[source].isNull else { return }
            if integerKeys {
                take(int: other.intKeys[source], other.values[source], into: target)
            } else {
                take(other.keys[source], other.values[source], into: target)
            }
        }
    }

    func finish() -> Column { Cast.build(values, type: type) }

    /// The order of two values of one type (NULL below everything; text by bytes; doubles with NaN above every
    /// number): negative, zero or positive.
    static func order(_ left: Value, _ right: Value) -> Int {
        switch (left, right) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.int64(let a), .int64(let b)): return a < b ? -1 : a > b ? 1 : 0
        case (.date(let a), .date(let b)): return a.days < b.days ? -1 : a.days > b.days ? 1 : 0
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (b ? -1 : 1)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
            return a < b ? -1 : a > b ? 1 : 0
        case (.string(let a), .string(let b)): return textCompare(a, b)
        case (.int64(let a), .double(let b)): return order(.double(Double(a)), .double(b))
        case (.double(let a), .int64(let b)): return order(.double(a), .double(Double(b)))
        default: return 0  // one column has one type: unreachable
        }
    }
}
