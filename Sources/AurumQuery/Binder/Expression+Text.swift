import Foundation

/// Text forms of a parsed expression and facts about it.
extension Expression {
    /// Where the first aggregate call in the expression starts, if there is one.
    var firstAggregateOffset: Int? {
        if case .function(let name, _, _, let offset) = self, AggregateKind(rawValue: name.lowercased()) != nil { return offset }
        switch self {
        case .function(_, let arguments, _, _): return arguments.lazy.compactMap(\.firstAggregateOffset).first
        case .window: return windowOperands.lazy.compactMap(\.firstAggregateOffset).first
        case .column, .qualifiedColumn, .literal, .star: return nil
        case .inSubquery(let value, _, _, _): return value.firstAggregateOffset
        case .filtered(let call, let filter, _): return call.firstAggregateOffset ?? filter.firstAggregateOffset
        case .unary(_, let inner, _), .isNull(let inner, _, _), .cast(let inner, _, _): return inner.firstAggregateOffset
        case .binary(_, let left, let right, _): return left.firstAggregateOffset ?? right.firstAggregateOffset
        case .between(let value, let low, let high, _, _): return value.firstAggregateOffset ?? low.firstAggregateOffset ?? high.firstAggregateOffset
        case .inList(let value, let list, _, _): return value.firstAggregateOffset ?? list.lazy.compactMap(\.firstAggregateOffset).first
        case .like(let value, let pattern, _, _, _): return value.firstAggregateOffset ?? pattern.firstAggregateOffset
        case .caseWhen(let operand, let branches, let otherwise, _):
            return operand?.firstAggregateOffset ?? branches.lazy.compactMap { $0.when.firstAggregateOffset ?? $0.then.firstAggregateOffset }.first
                ?? otherwise?.firstAggregateOffset
        }
    }

    /// The expression as SQL text, normalised (lower-case names, single spaces, no positions): what EXPLAIN
    /// prints, and how `GROUP BY date_trunc('month', date)` and `SELECT Date_Trunc('month', "date")` are
    /// recognised as the same expression.
    var sql: String {
        switch self {
        case .column(let name, _): return name.lowercased()
        case .qualifiedColumn(let qualifier, let name, _): return qualifier.lowercased() + "." + name.lowercased()
        case .inSubquery(let value, let query, let negated, let offset):
            // A subquery is not printed back; its position tells two apart.
            return "\(value.sql) \(negated ? "NOT " : "")IN (SELECT … @\(offset) \(query.items.count))"
        case .literal(let literal, _):
            switch literal {
            case .integer(let value): return String(value)
            case .decimal(let value): return String(value)
            case .string(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            case .date(let date): return "DATE '\(date)'"
            case .boolean(let flag): return flag ? "TRUE" : "FALSE"
            case .null: return "NULL"
            }
        case .star: return "*"
        case .unary(let op, let inner, _): return op == .negate ? "-\(inner.sql)" : "NOT \(inner.sql)"
        case .binary(let op, let left, let right, _): return "(\(left.sql) \(op.rawValue) \(right.sql))"
        case .between(let value, let low, let high, let negated, _):
            return "\(value.sql) \(negated ? "NOT " : "")BETWEEN \(low.sql) AND \(high.sql)"
        case .inList(let value, let list, let negated, _):
            return "\(value.sql) \(negated ? "NOT " : "")IN (\(list.map(\.sql).joined(separator: ", ")))"
        case .like(let value, let pattern, let insensitive, let negated, _):
            return "\(value.sql) \(negated ? "NOT " : "")\(insensitive ? "ILIKE" : "LIKE") \(pattern.sql)"
        case .isNull(let value, let negated, _): return "\(value.sql) IS \(negated ? "NOT " : "")NULL"
        case .caseWhen(let operand, let branches, let otherwise, _):
            return "CASE " + (operand.map { $0.sql + " " } ?? "") + branches.map { "WHEN \($0.when.sql) THEN \($0.then.sql)" }.joined(separator: " ")
                + (otherwise.map { " ELSE \($0.sql)" } ?? "") + " END"
        case .function(let name, let arguments, let distinct, _):
            return name.lowercased() + "(" + (distinct ? "DISTINCT " : "") + arguments.map(\.sql).joined(separator: ", ") + ")"
        case .cast(let inner, let type, _): return "CAST(\(inner.sql) AS \(type))"
        case .window(let name, let arguments, let spec, _):
            return name.lowercased() + "(" + arguments.map(\.sql).joined(separator: ", ") + ") OVER (" + spec.sql + ")"
        case .filtered(let call, let filter, _): return "\(call.sql) FILTER (WHERE \(filter.sql))"
        }
    }

    /// Whether the expression calls an aggregate function anywhere.
    var containsAggregate: Bool {
        switch self {
        case .function(let name, let arguments, _, _):
            AggregateKind(rawValue: name.lowercased()) != nil || arguments.contains { $0.containsAggregate }
        case .window: windowOperands.contains { $0.containsAggregate }
        case .column, .qualifiedColumn, .literal, .star: false
        case .inSubquery(let value, _, _, _): value.containsAggregate
        case .filtered(let call, let filter, _): call.containsAggregate || filter.containsAggregate
        case .unary(_, let inner, _), .isNull(let inner, _, _), .cast(let inner, _, _): inner.containsAggregate
        case .binary(_, let left, let right, _): left.containsAggregate || right.containsAggregate
        case .between(let value, let low, let high, _, _): value.containsAggregate || low.containsAggregate || high.containsAggregate
        case .inList(let value, let list, _, _): value.containsAggregate || list.contains { $0.containsAggregate }
        case .like(let value, let pattern, _, _, _): value.containsAggregate || pattern.containsAggregate
        case .caseWhen(let operand, let branches, let otherwise, _):
            (operand?.containsAggregate ?? false) || branches.contains { $0.when.containsAggregate || $0.then.containsAggregate }
                || (otherwise?.containsAggregate ?? false)
        }
    }
}
