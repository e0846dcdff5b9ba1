import AurumCore

/// Expressions, operators and casts in the dialect (functions: DialectTranslator+Functions.swift).
extension DialectTranslator {
    func expression(_ expression: Expression, _ scope: TranslationScope) throws(QueryError) -> String {
        switch expression {
        case .column(let column, _):
            if let aliased = scope.aliased(expression) { return try self.expression(aliased, scope.withoutInlining) }
            // A FROM column that an alias shadows, where Aurum reads the column: qualified, so an engine that would
            // prefer the alias (BigQuery's QUALIFY) reads the column too.
            if scope.inlinesAliases, scope.selectAliases[column.lowercased()] != nil, let shadowed = scope.column(column, qualifier: nil), !shadowed.qualifier.isEmpty {
                return name(shadowed.qualifier) + "." + name(column)
            }
            return name(column)
        case .qualifiedColumn(let qualifier, let column, _): return name(qualifier) + "." + name(column)
        case .literal(let literal, _): return self.literal(literal)
        case .star: return "*"
        case .unary(let op, let inner, _):
            return op == .negate ? "(-\(try self.expression(inner, scope)))" : "(NOT \(try self.expression(inner, scope)))"
        case .binary(let op, let left, let right, let offset):
            return try binary(op, left, right, offset: offset, scope)
        case .between(let value, let low, let high, let negated, _):
            let type = scope.type(of: value)
            return "(\(try self.expression(value, scope)) \(negated ? "NOT " : "")BETWEEN \(try operand(low, as: type, scope)) AND \(try operand(high, as: type, scope)))"
        case .inList(let value, let list, let negated, _):
            let type = scope.type(of: value)
            var items: [String] = []
            for item in list { items.append(try operand(item, as: type, scope)) }
            return "(\(try self.expression(value, scope)) \(negated ? "NOT " : "")IN (\(items.joined(separator: ", "))))"
        case .inSubquery(let value, let subquery, let negated, _):
            let written = try query(subquery, ctes: scope.ctes)
            return "(\(try self.expression(value, scope)) \(negated ? "NOT " : "")IN (\(written.sql)))"
        case .like(let value, let pattern, let insensitive, let negated, let offset):
            return try like(value, pattern, insensitive: insensitive, negated: negated, offset: offset, scope)
        case .isNull(let value, let negated, _):
            return "(\(try self.expression(value, scope)) IS \(negated ? "NOT " : "")NULL)"
        case .caseWhen(let operand, let branches, let otherwise, _):
            var sql = "CASE"
            if let operand { sql += " " + (try self.expression(operand, scope)) }
            for branch in branches {
                sql += " WHEN \(operand == nil ? try condition(branch.when, scope) : try self.expression(branch.when, scope)) THEN \(try self.expression(branch.then, scope))"
            }
            if let otherwise { sql += " ELSE " + (try self.expression(otherwise, scope)) }
            return sql + " END"
        case .cast(let inner, let type, _): return try cast(inner, to: type, scope)
        case .function(let function, let arguments, let distinct, let offset):
            return try self.function(function.lowercased(), arguments, distinct: distinct, offset: offset, scope)
        case .window(let function, let arguments, let spec, let offset):
            return try window(function.lowercased(), arguments, spec, offset: offset, scope)
        case .filtered(let call, let filter, let offset):
            return try filtered(call, filter, offset: offset, scope)
        }
    }

    func literal(_ literal: Literal) -> String {
        switch literal {
        case .integer(let value): return String(value)
        case .decimal(let value):
            // Aurum reads 1.5 as a DOUBLE; Spark and DuckDB as a DECIMAL, which rounds and compares otherwise
            // (round(402.45, 1) is 402.5 as a DECIMAL, 402.4 as the DOUBLE nearest 402.45). An exponent makes it a
            // DOUBLE in DuckDB, and tells sqlglot that BigQuery's literal is a FLOAT64.
            let text = "\(value)"
            return dialect == .spark ? "CAST(\(text) AS DOUBLE)" : text.contains("e") ? text : text + "e0"
        case .string(let text): return dialect.string(text)
        case .date(let date): return "DATE '\(date)'"
        case .boolean(let flag): return flag ? "TRUE" : "FALSE"
        case .null: return "NULL"
        }
    }

    /// A condition (CASE WHEN, FILTER): a bare NULL is a BOOLEAN NULL there, which Spark must be told (its NULL
    /// literal has no type and is refused where a BOOLEAN is expected).
    func condition(_ expression: Expression, _ scope: TranslationScope) throws(QueryError) -> String {
        if dialect == .spark, case .literal(.null, _) = expression { return "CAST(NULL AS BOOLEAN)" }
        return try self.expression(expression, scope)
    }

    /// An operand compared with a value of `type`: a text literal is read as that type, as Aurum (and DuckDB)
    /// read `date >= '2024-03-01'`; BigQuery and Spark are told so.
    func operand(_ expression: Expression, as type: DataType?, _ scope: TranslationScope) throws(QueryError) -> String {
        if dialect != .duckdb, case .literal(.string(let text), _) = expression, let type, type != .string {
            return "CAST(\(dialect.string(text.trimmingCharacters(in: .whitespaces))) AS \(dialect.typeName(type)))"
        }
        return try self.expression(expression, scope)
    }

    private func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        if op.isComparison {
            let l = try operand(left, as: scope.type(of: right), scope), r = try operand(right, as: scope.type(of: left), scope)
            return "(\(l) \(op == .notEqual ? "<>" : op.rawValue) \(r))"
        }
        let leftType = scope.type(of: left), rightType = scope.type(of: right)
        switch op {
        case .add, .subtract:
            if let interval = IntervalUnit.interval(in: right) {
                return try dateShift(left, by: interval.amount, interval.unit, negated: op == .subtract, scope)
            }
            if op == .add, let interval = IntervalUnit.interval(in: left) {
                return try dateShift(right, by: interval.amount, interval.unit, negated: false, scope)
            }
            if leftType == .date && rightType == .date && op == .subtract { return try daysBetween(right, left, scope) }
            if leftType == .date { return try dateShift(left, by: right, .day, negated: op == .subtract, scope) }
            if rightType == .date && op == .add { return try dateShift(right, by: left, .day, negated: false, scope) }
        case .divide:
            let l = try expression(left, scope), r = try expression(right, scope)
            switch dialect {
            case .bigquery: return "SAFE_DIVIDE(\(l), \(r))"
            case .spark: return "try_divide(\(l), \(r))"
            case .duckdb: return "(CAST(\(l) AS DOUBLE) / NULLIF(\(r), 0))"
            }
        case .modulo:
            let l = try expression(left, scope), r = try expression(right, scope)
            if dialect == .bigquery {
                guard leftType != .double && rightType != .double else {
                    throw .unsupported(message: "% of a DOUBLE has no BigQuery form (its MOD takes integers); cast the operands to BIGINT", offset: offset)
                }
                return "MOD(\(l), NULLIF(\(r), 0))"
            }
            return "(\(l) % NULLIF(\(r), 0))"
        case .concatenate:
            let l = try text(left, scope), r = try text(right, scope)
            return dialect == .duckdb ? "(\(l) || \(r))" : "CONCAT(\(l), \(r))"
        default:
            break  // AND, OR, * and the comparisons (above) are written as they are
        }
        return "(\(try expression(left, scope)) \(op.rawValue) \(try expression(right, scope)))"
    }

    /// An operand of `||` as text (BigQuery's and Spark's CONCAT take only text).
    private func text(_ expression: Expression, _ scope: TranslationScope) throws(QueryError) -> String {
        let sql = try self.expression(expression, scope)
        guard dialect != .duckdb, let type = scope.type(of: expression), type != .string else { return sql }
        return "CAST(\(sql) AS \(dialect.typeName(.string)))"
    }

    private func like(_ value: Expression, _ pattern: Expression, insensitive: Bool, negated: Bool, offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        var v = try expression(value, scope)
        var p: String
        if dialect != .duckdb, case .literal(.string(let text), _) = pattern {
            // A backslash escapes in BigQuery's and Spark's LIKE; Aurum's has no escape, so it matches itself.
            p = dialect.string(text.replacingOccurrences(of: "\\", with: "\\\\"))
        } else {
            p = try expression(pattern, scope)
        }
        let not = negated ? "NOT " : ""
        if insensitive {
            if dialect == .duckdb { return "(\(v) \(not)ILIKE \(p))" }
            v = "LOWER(\(v))"
            p = "LOWER(\(p))"
        }
        return "(\(v) \(not)LIKE \(p))"
    }

    /// `CAST(x AS type)` with Aurum's conversions: a DOUBLE to BIGINT rounds half to even (BigQuery rounds half
    /// away from zero, Spark truncates), a decimal literal half away from zero; text is trimmed first.
    private func cast(_ inner: Expression, to type: DataType, _ scope: TranslationScope) throws(QueryError) -> String {
        let sql = try expression(inner, scope)
        let source = scope.type(of: inner)
        let target = dialect.typeName(type)
        if type == .int64, case .literal(.decimal, _) = inner { return "CAST(ROUND(\(sql)) AS \(target))" }
        guard dialect != .duckdb else { return "CAST(\(sql) AS \(target))" }
        if type == .int64 && source == .double {
            if dialect == .spark { return "CAST(bround(\(sql)) AS \(target))" }
            return "CAST(IF(ABS(\(sql) - TRUNC(\(sql))) = 0.5, 2 * ROUND(\(sql) / 2), ROUND(\(sql))) AS \(target))"
        }
        if source == .string && type != .string { return "CAST(TRIM(\(sql)) AS \(target))" }
        return "CAST(\(sql) AS \(target))"
    }
}
