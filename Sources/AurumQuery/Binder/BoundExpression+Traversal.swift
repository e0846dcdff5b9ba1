import AurumCore

extension BoundExpression {
    /// Adds the column indices the expression reads to `columns`.
    func collectColumns(into columns: inout Set<Int>) {
        if case .column(let index, _) = self { columns.insert(index) }
        for child in children { child.collectColumns(into: &columns) }
    }

    /// The expression with column `i` renumbered to `mapping[i]`.
    func remapColumns(_ mapping: [Int: Int]) -> BoundExpression {
        if case .column(let index, let type) = self { return .column(mapping[index] ?? index, type) }
        return mapChildren { $0.remapColumns(mapping) }
    }

    /// Whether evaluating it raises no error on any row, whatever the values (conservatively: columns, constants,
    /// DOUBLE arithmetic — whose division by zero gives NULL —, casts that always convert (to the same type, to
    /// text, BIGINT to DOUBLE, to and from BOOLEAN but for text and dates), comparisons, AND, OR, NOT, IS NULL,
    /// CASE and `||` over such; no function): rows nobody will see need not be evaluated to learn whether one
    /// fails.
    var cannotFail: Bool {
        switch self {
        case .column, .constant: true
        case .arithmetic(_, _, _, let type, _), .negate(_, let type, _): type == .double && children.allSatisfy(\.cannotFail)
        case .cast(let inner, let type, _): inner.cannotFail && Self.castAlwaysConverts(from: inner.type, to: type)
        case .comparison, .and, .or, .not, .isNull, .caseWhen, .concatenate: children.allSatisfy(\.cannotFail)
        case .function, .inList, .inSubquery, .like: false
        }
    }

    /// Whether ``CastOperation`` converts every value of `source` to `target` (DOUBLE to BIGINT fails out of range,
    /// text to anything else fails when it does not parse).
    private static func castAlwaysConverts(from source: DataType, to target: DataType) -> Bool {
        switch (source, target) {
        case _ where source == target: true
        case (_, .string), (.int64, .double), (.int64, .bool), (.double, .bool), (.bool, .int64), (.bool, .double): true
        default: false
        }
    }

    /// Whether evaluating it makes text (a `||`, `lower`, a cast to VARCHAR, …): the costly kind of expression,
    /// building strings, where numbers and dates are computed in tight loops.
    var computesText: Bool {
        switch self {
        case .column, .constant: false
        default: type == .string || children.contains { $0.computesText }
        }
    }

    var children: [BoundExpression] {
        switch self {
        case .column, .constant: []
        case .negate(let inner, _, _), .not(let inner), .isNull(let inner, _), .cast(let inner, _, _): [inner]
        case .arithmetic(_, let left, let right, _, _), .comparison(_, let left, let right), .and(let left, let right),
            .or(let left, let right), .concatenate(let left, let right):
            [left, right]
        case .inList(let value, let list, _): [value] + list
        case .inSubquery(let value, _, _): [value]
        case .like(let value, let pattern, _, _): [value, pattern]
        case .caseWhen(let branches, let otherwise, _): branches.flatMap { [$0.when, $0.then] } + (otherwise.map { [$0] } ?? [])
        case .function(_, let arguments, _, _): arguments
        }
    }

    /// The expression with each direct child replaced by `transform(child)`.
    func mapChildren<E: Error>(_ transform: (BoundExpression) throws(E) -> BoundExpression) throws(E) -> BoundExpression {
        switch self {
        case .column, .constant: return self
        case .negate(let inner, let type, let offset): return .negate(try transform(inner), type, offset: offset)
        case .not(let inner): return .not(try transform(inner))
        case .isNull(let inner, let negated): return .isNull(try transform(inner), negated: negated)
        case .cast(let inner, let type, let offset): return .cast(try transform(inner), type, offset: offset)
        case .arithmetic(let op, let left, let right, let type, let offset):
            return .arithmetic(op, try transform(left), try transform(right), type, offset: offset)
        case .comparison(let op, let left, let right): return .comparison(op, try transform(left), try transform(right))
        case .and(let left, let right): return .and(try transform(left), try transform(right))
        case .or(let left, let right): return .or(try transform(left), try transform(right))
        case .concatenate(let left, let right): return .concatenate(try transform(left), try transform(right))
        case .inList(let value, let list, let negated):
            var items: [BoundExpression] = []
            for item in list { items.append(try transform(item)) }
            return .inList(try transform(value), items, negated: negated)
        case .inSubquery(let value, let values, let negated): return .inSubquery(try transform(value), values, negated: negated)
        case .like(let value, let pattern, let insensitive, let negated):
            return .like(try transform(value), pattern: try transform(pattern), caseInsensitive: insensitive, negated: negated)
        case .caseWhen(let branches, let otherwise, let type):
            var mapped: [BoundBranch] = []
            for branch in branches { mapped.append(BoundBranch(when: try transform(branch.when), then: try transform(branch.then))) }
            return .caseWhen(mapped, otherwise: try otherwise.map { value throws(E) in try transform(value) }, type)
        case .function(let function, let arguments, let type, let offset):
            var mapped: [BoundExpression] = []
            for argument in arguments { mapped.append(try transform(argument)) }
            return .function(function, mapped, type, offset: offset)
        }
    }
}
