/// Facts about window function calls in a parsed expression, and rebuilding an expression child by child
/// (what the window planner uses to cut a select list around its window calls).
extension Expression {
    /// A window call's operands: its arguments, then its PARTITION BY and ORDER BY expressions (empty otherwise).
    var windowOperands: [Expression] {
        guard case .window(_, let arguments, let spec, _) = self else { return [] }
        return arguments + spec.partitionBy + spec.orderBy.map(\.expression)
    }

    /// Whether a window function call occurs anywhere in the expression.
    var containsWindow: Bool { firstWindowOffset != nil }

    /// Where the first window function call in the expression starts, if there is one.
    var firstWindowOffset: Int? {
        if case .window(_, _, _, let offset) = self { return offset }
        return children.lazy.compactMap(\.firstWindowOffset).first
    }

    /// Whether the expression reads no column and calls no aggregate or window function: it means the same on
    /// every row of any table (a literal, `current_date`, arithmetic on them).
    var isConstantSyntax: Bool {
        switch self {
        case .column, .qualifiedColumn, .star, .window, .inSubquery: false
        case .function(let name, let arguments, _, _): AggregateKind(rawValue: name.lowercased()) == nil && arguments.allSatisfy(\.isConstantSyntax)
        default: children.allSatisfy(\.isConstantSyntax)
        }
    }

    /// The direct sub-expressions, in the order they are written.
    var children: [Expression] {
        switch self {
        case .column, .qualifiedColumn, .literal, .star: []
        case .inSubquery(let value, _, _, _): [value]
        case .filtered(let call, let filter, _): [call, filter]
        case .unary(_, let inner, _), .isNull(let inner, _, _), .cast(let inner, _, _): [inner]
        case .binary(_, let left, let right, _): [left, right]
        case .between(let value, let low, let high, _, _): [value, low, high]
        case .inList(let value, let list, _, _): [value] + list
        case .like(let value, let pattern, _, _, _): [value, pattern]
        case .caseWhen(let operand, let branches, let otherwise, _):
            (operand.map { [$0] } ?? []) + branches.flatMap { [$0.when, $0.then] } + (otherwise.map { [$0] } ?? [])
        case .function(_, let arguments, _, _): arguments
        case .window: windowOperands
        }
    }

    /// The expression with each direct child replaced by `transform(child)` (a window call's operands too).
    func mapChildren<E: Error>(_ transform: (Expression) throws(E) -> Expression) throws(E) -> Expression {
        func all(_ list: [Expression]) throws(E) -> [Expression] {
            var mapped: [Expression] = []
            for item in list { mapped.append(try transform(item)) }
            return mapped
        }
        switch self {
        case .column, .qualifiedColumn, .literal, .star: return self
        case .inSubquery(let value, let query, let negated, let offset): return .inSubquery(try transform(value), query, negated: negated, offset: offset)
        case .filtered(let call, let filter, let offset): return .filtered(try transform(call), filter: try transform(filter), offset: offset)
        case .unary(let op, let inner, let offset): return .unary(op, try transform(inner), offset: offset)
        case .isNull(let inner, let negated, let offset): return .isNull(try transform(inner), negated: negated, offset: offset)
        case .cast(let inner, let type, let offset): return .cast(try transform(inner), type, offset: offset)
        case .binary(let op, let left, let right, let offset): return .binary(op, try transform(left), try transform(right), offset: offset)
        case .between(let value, let low, let high, let negated, let offset):
            return .between(try transform(value), low: try transform(low), high: try transform(high), negated: negated, offset: offset)
        case .inList(let value, let list, let negated, let offset):
            return .inList(try transform(value), try all(list), negated: negated, offset: offset)
        case .like(let value, let pattern, let insensitive, let negated, let offset):
            return .like(try transform(value), pattern: try transform(pattern), caseInsensitive: insensitive, negated: negated, offset: offset)
        case .caseWhen(let operand, let branches, let otherwise, let offset):
            var mapped: [CaseBranch] = []
            for branch in branches { mapped.append(CaseBranch(when: try transform(branch.when), then: try transform(branch.then))) }
            return .caseWhen(
                operand: try operand.map { value throws(E) in try transform(value) }, branches: mapped,
                otherwise: try otherwise.map { value throws(E) in try transform(value) }, offset: offset)
        case .function(let name, let arguments, let distinct, let offset):
            return .function(name, arguments: try all(arguments), distinct: distinct, offset: offset)
        case .window(let name, let arguments, let spec, let offset):
            var mappedSpec = spec
            mappedSpec.partitionBy = try all(spec.partitionBy)
            for index in spec.orderBy.indices { mappedSpec.orderBy[index].expression = try transform(spec.orderBy[index].expression) }
            return .window(name, arguments: try all(arguments), spec: mappedSpec, offset: offset)
        }
    }
}

extension WindowSpec {
    /// The window as SQL text, normalised as ``Expression/sql``.
    var sql: String {
        var parts: [String] = []
        if !partitionBy.isEmpty { parts.append("PARTITION BY " + partitionBy.map(\.sql).joined(separator: ", ")) }
        if !orderBy.isEmpty {
            parts.append("ORDER BY " + orderBy.map { term in
                term.expression.sql + (term.descending ? " DESC" : "") + (term.nullsFirst.map { $0 ? " NULLS FIRST" : " NULLS LAST" } ?? "")
            }.joined(separator: ", "))
        }
        if let frame { parts.append("\(frame.unit.rawValue) BETWEEN \(frame.start.sql) AND \(frame.end.sql)") }
        return parts.joined(separator: " ")
    }
}

extension SelectStatement {
    /// Whether the block calls a window function in any clause, or has QUALIFY: the window planner's business.
    var hasWindowCalls: Bool {
        qualify != nil || items.contains { $0.expression?.containsWindow ?? false } || (whereClause?.containsWindow ?? false)
            || groupBy.contains(where: \.containsWindow) || (having?.containsWindow ?? false) || orderBy.contains { $0.expression.containsWindow }
    }
}
