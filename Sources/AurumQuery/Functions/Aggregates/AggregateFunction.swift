import AurumCore

/// An aggregate function in the registry (``AggregateFunctions``): how a call binds — which calls it takes, the
/// result type for its argument — and the per-group state it keeps while a query runs. Adding an aggregate is
/// one file declaring one of these (and its ``AggregateState``), listed in ``AggregateFunctions/all``.
protocol AggregateFunction {
    /// The SQL names it answers to.
    static var names: Set<AggregateKind> { get }
    /// Whether it takes `call` (several functions may share a name: the exact decimal sum takes `sum` and `avg`
    /// of a decimal column; the first function listed that takes a call binds it).
    static func accepts(_ call: AggregateCall) -> Bool
    /// The result type of `call`, or the type error that refuses it.
    static func resultType(of call: AggregateCall) throws(QueryError) -> DataType
    /// An empty state (no groups yet) for `spec`, one of its calls as bound.
    static func makeState(for spec: AggregateSpec) -> any AggregateState
}

/// What binding knows of one aggregate call.
struct AggregateCall {
    var kind: AggregateKind
    /// The argument's type; nil for `count(*)`.
    var argumentType: DataType?
    /// The argument is the NULL literal (which binds as text but sums as anything).
    var argumentIsNull: Bool
    /// The argument is a ``Field/decimal`` column itself.
    var argumentIsDecimalColumn: Bool
    var distinct: Bool
    /// Where the argument starts, for type errors.
    var argumentOffset: Int
    /// The key's type, for `arg_max(value, key)` and `arg_min`; nil for the others.
    var keyType: DataType? = nil
    /// Where the key starts, for type errors.
    var keyOffset = 0

    /// The argument's type, which must be a number (or the NULL literal): `sum() needs a number, not VARCHAR`.
    func numericArgumentType() throws(QueryError) -> DataType {
        guard let type = argumentType, type.isNumeric || argumentIsNull else {
            throw .typeMismatch(message: "\(kind.rawValue)() needs a number, not \(argumentType ?? .string)", offset: argumentOffset)
        }
        return type
    }
}

/// The per-group state of one aggregate of one query, as one worker (or one partition of the groups) holds it:
/// dense arrays indexed by group id. A class, so that its arrays change in place; each state's loops run over
/// whole batches, so the one dynamic call per batch is not per row.
protocol AggregateState: AnyObject {
    /// Makes room for groups below `groupCount`; new groups start empty (count 0, sum NULL, …).
    func grow(to groupCount: Int)
    /// Adds `input`'s rows into their groups.
    func update(_ input: AggregateInput) throws(QueryError)
    /// Folds group `sources[i]` of `other` (a state of the same aggregate that saw other rows; `sources` nil:
    /// every group of `other`, in order) into group `targets[i]` of this one.
    func combine(_ other: any AggregateState, sources: [UInt32]?, targets: [UInt32]) throws(QueryError)
    /// One value per group, in group order.
    func finish() -> Column
    /// The values of groups `groups`, in that order: what ``finish()`` gives them, the other groups' never
    /// computed where that costs (a table that shows 40 of a million groups).
    func finish(groups: [Int]) -> Column
}

extension AggregateState {
    func finish(groups: [Int]) -> Column { finish().gather(groups) }
}

/// One batch of input to an ``AggregateState``: the argument and each row's group.
struct AggregateInput {
    /// The argument's values (nil for `count(*)`).
    var argument: Column?
    /// The key's values, for `arg_max(value, key)` and `arg_min` (nil for the others).
    var key: Column? = nil
    /// Each row's group id.
    var groups: [UInt32]
    /// With DISTINCT, the rows whose (group, value) pair is seen for the first time (NULLs never are); nil
    /// without DISTINCT.
    var distinctRows: [Int]?
    /// No GROUP BY: every row is in group 0, so whole-column kernels apply.
    var single: Bool
    /// Where the aggregate is in the query, for value errors (overflow).
    var offset: Int

    var rowCount: Int { groups.count }

    /// Whether every row counts: no DISTINCT and no NULL argument (the states' kernel fast paths).
    var everyRowCounts: Bool { distinctRows == nil && argument?.validity == nil }

    /// The rows that count — not NULL, and first sights with DISTINCT — or nil when every row does.
    func countedRows() -> [Int]? {
        if let distinctRows { return distinctRows }
        guard let validity = argument?.validity else { return nil }
        return (0..<rowCount).filter { validity[$0] != 0 }
    }

    /// `body(row)` for each row that counts, without building the list of rows when all do.
    @inline(__always)
    func forEachCountedRow(_ body: (Int) -> Void) {
        if let rows = countedRows() {
            for row in rows { body(row) }
        } else {
            for row in 0..<rowCount { body(row) }
        }
    }
}

extension AggregateState {
    /// `body(source, target)` for each pair of groups ``combine(_:sources:targets:)`` folds.
    @inline(__always)
    func forEachPair(sources: [UInt32]?, targets: [UInt32], _ body: (Int, Int) -> Void) {
        if let sources {
            for index in targets.indices { body(Int(sources[index]), Int(targets[index])) }
        } else {
            for index in targets.indices { body(index, Int(targets[index])) }
        }
    }

    /// ``combine(_:sources:targets:)`` for a state of a value and a has-a-value flag per group: for each pair
    /// whose source has a value, the target's becomes `fold(target's value, whether it had one, source's value)`.
    /// Through buffers: a stored array touched per pair costs an exclusivity check and a uniqueness check.
    @inline(__always)
    func combineValues<Element>(
        _ values: inout [Element], _ has: inout [Bool], from otherValues: [Element], _ otherHas: [Bool],
        sources: [UInt32]?, targets: [UInt32], _ fold: (Element, Bool, Element) -> Element
    ) {
        values.withUnsafeMutableBufferPointer { values in
            has.withUnsafeMutableBufferPointer { has in
                otherValues.withUnsafeBufferPointer { otherValues in
                    otherHas.withUnsafeBufferPointer { otherHas in
                        forEachPair(sources: sources, targets: targets) { source, target in
                            guard otherHas[source] else { return }
                            values[target] = fold(values[target], has[target], otherValues[source])
                            has[target] = true
                        }
                    }
                }
            }
        }
    }

    /// Grows `array` to `count` elements, filling with `value` (for ``grow(to:)``).
    func extend<Element>(_ array: inout [Element], to count: Int, with value: Element) {
        if array.count < count { array.append(contentsOf: repeatElement(value, count: count - array.count)) }
    }

    /// A validity mask for `has` (nil when every group has a value).
    func validityMask(_ has: [Bool]) -> [UInt8]? {
        has.contains(false) ? has.map { $0 ? 1 : 0 } : nil
    }

    /// `other` as this state's own type (states of one aggregate combine only with each other).
    func same<State: AggregateState>(_ other: any AggregateState, as type: State.Type) -> State {
        guard let same = other as? State else { preconditionFailure("states of different aggregates combined") }
        return same
    }
}
