import AurumCore

/// Resolves names and types of one expression, applying DuckDB's implicit casts: integers widen to DOUBLE
/// beside a DOUBLE; a string literal compared with a DATE or a number is read as one; NULL takes the type of
/// what it meets.
struct ExpressionBinder {
    let schema: Schema
    let tableName: String
    let today: Date32
    let synonyms: ColumnSynonyms
    /// Set when binding after GROUP BY (select list, HAVING, ORDER BY of an aggregated query).
    var aggregates: AggregateContext?
    /// What the clause is, for messages ("in WHERE").
    var clause: String
    /// The FROM items' columns with their qualifiers (``schema`` is its schema); nil: ``schema`` alone, named by
    /// ``tableName``.
    var scope: ColumnScope?
    /// Plans the subquery of `x IN (SELECT …)`; nil where a subquery is not allowed.
    var planSubquery: ((SelectStatement) throws(QueryError) -> MaterializeOperator)?

    init(schema: Schema, tableName: String, today: Date32, synonyms: ColumnSynonyms, clause: String, aggregates: AggregateContext? = nil) {
        self.schema = schema
        self.tableName = tableName
        self.today = today
        self.synonyms = synonyms
        self.clause = clause
        self.aggregates = aggregates
    }

    /// Binds `expression`; in an aggregated context, GROUP BY keys and aggregates become columns of the
    /// aggregated batch.
    func bind(_ expression: Expression) throws(QueryError) -> BoundExpression {
        if let aggregates {
            let sql = expression.sql
            if let key = aggregates.keys.firstIndex(where: { $0.sql == sql }) {
                return .column(key, aggregates.keys[key].bound.type)
            }
            // `t.campaign_id` and `campaign_id` are one key when they name one column.
            if let index = columnIndex(of: expression), let key = aggregates.keys.firstIndex(where: { $0.bound.isColumn(index) }) {
                return .column(key, aggregates.keys[key].bound.type)
            }
            if case .function(let name, let arguments, let distinct, let offset) = expression, let kind = AggregateKind(rawValue: name) {
                let spec = try aggregate(kind, arguments: arguments, distinct: distinct, offset: offset, text: sql)
                let index = aggregates.register(spec, sql: sql)
                return .column(aggregates.keys.count + index, spec.type)
            }
            if case .qualifiedColumn(let qualifier, let name, let offset) = expression {
                _ = try column(name, qualifier: qualifier, offset: offset)  // unknown columns first: a better message
                throw .grouping(
                    message: "column '\(qualifier).\(name)' must appear in GROUP BY or be used in an aggregate function (sum, count, avg, min, max)",
                    offset: offset)
            }
            if case .filtered(let call, let filter, let filterOffset) = expression {
                guard case .function(let name, let arguments, let distinct, let offset) = call, let kind = AggregateKind(rawValue: name) else {
                    throw Self.filterOnNonAggregate(call, offset: filterOffset)
                }
                var spec = try aggregate(kind, arguments: arguments, distinct: distinct, offset: offset, text: sql)
                spec.filter = try aggregateFilter(filter)
                let index = aggregates.register(spec, sql: sql)
                return .column(aggregates.keys.count + index, spec.type)
            }
            if case .column(let name, let offset) = expression {
                _ = try column(name, offset: offset)  // unknown columns first: a better message
                throw .grouping(
                    message: "column '\(name)' must appear in GROUP BY or be used in an aggregate function (sum, count, avg, min, max)",
                    offset: offset)
            }
        }
        return try bindStructure(expression)
    }

    private func rowBinder(_ clause: String) -> ExpressionBinder {
        var binder = ExpressionBinder(schema: schema, tableName: tableName, today: today, synonyms: synonyms, clause: clause)
        binder.scope = scope
        binder.planSubquery = planSubquery
        return binder
    }

    /// The position of the column `expression` names, if it is a column reference that resolves.
    private func columnIndex(of expression: Expression) -> Int? {
        switch expression {
        case .column(let name, let offset): try? column(name, offset: offset).index
        case .qualifiedColumn(let qualifier, let name, let offset): try? column(name, qualifier: qualifier, offset: offset).index
        default: nil
        }
    }

    private func aggregate(_ kind: AggregateKind, arguments: [Expression], distinct: Bool, offset: Int, text: String) throws(QueryError) -> AggregateSpec {
        for argument in arguments where argument.containsAggregate {
            throw .grouping(message: "aggregate functions cannot be nested", offset: argument.offset)
        }
        if arguments.count == 1, case .star = arguments[0] {
            guard kind == .count, !distinct else { throw .syntax(message: "only count(*) takes *", offset: offset) }
            return AggregateSpec(kind: .count, argument: nil, distinct: false, type: .int64, text: text)
        }
        let expected = kind.takesKey ? 2 : 1
        guard arguments.count == expected else {
            let count = kind.takesKey ? "two arguments (value, key)" : "exactly one argument"
            throw .typeMismatch(message: "\(kind.rawValue)() takes \(count), got \(arguments.count)", offset: offset)
        }
        var argument = try rowBinder("an aggregate's argument").bind(arguments[0])
        // The NULL literal binds as text, but sum and avg read numbers: there it is a BIGINT NULL (DuckDB's
        // sum(NULL) is a NULL number), or the state would read a text column as numbers.
        if argument.isNullConstant, !argument.type.isNumeric, kind == .sum || kind == .avg { argument = .constant(.null, .int64) }
        let key = kind.takesKey ? try rowBinder("an aggregate's argument").bind(arguments[1]) : nil
        var isDecimalColumn = false
        if case .column(let index, .double) = argument { isDecimalColumn = schema.fields[index].decimal }
        var call = AggregateCall(
            kind: kind, argumentType: argument.type, argumentIsNull: argument.isNullConstant, argumentIsDecimalColumn: isDecimalColumn,
            distinct: distinct, argumentOffset: arguments[0].offset)
        call.keyType = key?.type
        call.keyOffset = arguments.count > 1 ? arguments[1].offset : offset
        guard let function = AggregateFunctions.function(for: call) else {
            throw .unknownFunction(name: kind.rawValue, suggestion: nil, offset: offset)
        }
        let type = try function.resultType(of: call)
        return AggregateSpec(kind: kind, argument: argument, key: key, distinct: distinct, type: type, decimal: isDecimalColumn, text: text)
    }

    /// The condition of `agg(…) FILTER (WHERE condition)`, bound against the table's rows like WHERE.
    private func aggregateFilter(_ filter: Expression) throws(QueryError) -> BoundExpression {
        if filter.containsAggregate {
            throw .grouping(message: "aggregate functions are not allowed in FILTER (WHERE …)", offset: filter.firstAggregateOffset ?? filter.offset)
        }
        return try rowBinder("FILTER").boolean(filter, offset: filter.offset, what: "FILTER (WHERE …)")
    }

    /// The error for `FILTER (WHERE …)` after a call that is not an aggregate (DuckDB refuses it too).
    private static func filterOnNonAggregate(_ call: Expression, offset: Int) -> QueryError {
        .syntax(message: "FILTER (WHERE …) applies only to aggregate functions (count, sum, avg, min, max), not to \(call.sql)", offset: offset)
    }

    func column(_ name: String, qualifier: String? = nil, offset: Int) throws(QueryError) -> (index: Int, field: Field) {
        if let scope {
            let index = try scope.resolve(name, qualifier: qualifier, offset: offset, synonyms: synonyms)
            return (index, scope.entries[index].field)
        }
        if let qualifier, qualifier.lowercased() != tableName.lowercased() {
            throw .unknownTable(name: qualifier, suggestion: tableName.isEmpty ? nil : tableName, offset: offset)
        }
        let lowered = name.lowercased()
        if let index = schema.index(of: lowered) { return (index, schema.fields[index]) }
        let suggestion = synonyms.column(for: lowered).flatMap { schema.index(of: $0) != nil ? $0 : nil } ?? nearestName(lowered, among: schema.names)
        throw .unknownColumn(name: name, suggestion: suggestion, offset: offset)
    }

    private func bindStructure(_ expression: Expression) throws(QueryError) -> BoundExpression {
        switch expression {
        case .column(let name, let offset):
            let (index, field) = try column(name, offset: offset)
            return .column(index, field.type)
        case .qualifiedColumn(let qualifier, let name, let offset):
            let (index, field) = try column(name, qualifier: qualifier, offset: offset)
            return .column(index, field.type)
        case .inSubquery(let valueExpression, let query, let negated, let offset):
            guard let planSubquery else {
                throw .unsupported(message: "a subquery is not allowed here", offset: offset)
            }
            let table = try planSubquery(query)
            guard table.schema.count == 1 else {
                throw .typeMismatch(message: "the subquery of IN must select one column, not \(table.schema.count)", offset: offset)
            }
            let valueType = table.schema.fields[0].type
            let (value, _) = try comparable(try bind(valueExpression), .column(0, valueType), offset: offset)
            return .inSubquery(value, SubqueryValues(table, type: value.type), negated: negated)
        case .literal(let literal, _):
            switch literal {
            case .integer(let value): return .constant(.int64(value), .int64)
            case .decimal(let value): return .constant(.double(value), .double)
            case .string(let text): return .constant(.string(text), .string)
            case .date(let date): return .constant(.date(date), .date)
            case .boolean(let flag): return .constant(.bool(flag), .bool)
            case .null: return .constant(.null, .string)
            }
        case .star(let offset):
            throw .syntax(message: "'*' is only allowed alone in the select list or in count(*)", offset: offset)
        case .unary(.negate, let inner, let offset):
            let operand = try bind(inner)
            guard operand.type.isNumeric || operand.isNullConstant else {
                throw .typeMismatch(message: "cannot negate \(operand.type)", offset: offset)
            }
            // -NULL is a BIGINT NULL (DuckDB); negating the NULL literal, which binds as text, would not be.
            if operand.isNullConstant { return .constant(.null, .int64) }
            return .negate(operand, operand.type, offset: offset)
        case .unary(.not, let inner, let offset):
            return .not(try boolean(inner, offset: offset, what: "NOT"))
        case .binary(let op, let leftExpression, let rightExpression, let offset):
            if let shifted = try bindDateInterval(op, leftExpression, rightExpression, offset: offset) { return shifted }
            let left = try bind(leftExpression)
            let right = try bind(rightExpression)
            switch op {
            case .and: return .and(try asBoolean(left, leftExpression, "AND"), try asBoolean(right, rightExpression, "AND"))
            case .or: return .or(try asBoolean(left, leftExpression, "OR"), try asBoolean(right, rightExpression, "OR"))
            case .concatenate: return .concatenate(try castToText(left), try castToText(right))
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                let (a, b) = try comparable(left, right, offset: offset)
                return .comparison(op, a, b)
            case .add, .subtract, .multiply, .divide, .modulo:
                return try arithmetic(op, left, right, offset: offset)
            }
        case .between(let valueExpression, let lowExpression, let highExpression, let negated, let offset):
            let value = try bind(valueExpression)
            let (a1, low) = try comparable(value, try bind(lowExpression), offset: offset)
            let (a2, high) = try comparable(value, try bind(highExpression), offset: offset)
            let inside = BoundExpression.and(.comparison(.greaterOrEqual, a1, low), .comparison(.lessOrEqual, a2, high))
            return negated ? .not(inside) : inside
        case .inList(let valueExpression, let list, let negated, let offset):
            var value = try bind(valueExpression)
            var items: [BoundExpression] = []
            for itemExpression in list {
                let (a, b) = try comparable(value, try bind(itemExpression), offset: offset)
                value = a
                items.append(b)
            }
            // A second pass so that every item has the (possibly widened) value's type.
            items = try items.map { item throws(QueryError) in try comparable(value, item, offset: offset).1 }
            return .inList(value, items, negated: negated)
        case .like(let valueExpression, let patternExpression, let insensitive, let negated, let offset):
            let value = try bind(valueExpression)
            let pattern = try bind(patternExpression)
            guard value.type == .string || value.isNullConstant, pattern.type == .string || pattern.isNullConstant else {
                throw .typeMismatch(message: "\(insensitive ? "ILIKE" : "LIKE") compares text, not \(value.type) with \(pattern.type)", offset: offset)
            }
            return .like(value, pattern: pattern, caseInsensitive: insensitive, negated: negated)
        case .isNull(let inner, let negated, _):
            return .isNull(try bind(inner), negated: negated)
        case .caseWhen(let operand, let branches, let otherwise, let offset):
            var conditions: [BoundExpression] = []
            var results: [BoundExpression] = []
            let boundOperand = try operand.map { expression throws(QueryError) in try bind(expression) }
            for branch in branches {
                if let boundOperand {
                    let (a, b) = try comparable(boundOperand, try bind(branch.when), offset: branch.when.offset)
                    conditions.append(.comparison(.equal, a, b))
                } else {
                    conditions.append(try boolean(branch.when, offset: branch.when.offset, what: "WHEN"))
                }
                results.append(try bind(branch.then))
            }
            var elseResult = try otherwise.map { expression throws(QueryError) in try bind(expression) }
            let type = try unifiedType(results + (elseResult.map { [$0] } ?? []), offset: offset, what: "CASE branches")
            results = try results.map { result throws(QueryError) in try cast(result, to: type, offset: offset) }
            elseResult = try elseResult.map { result throws(QueryError) in try cast(result, to: type, offset: offset) }
            return .caseWhen(zip(conditions, results).map { BoundBranch(when: $0, then: $1) }, otherwise: elseResult, type)
        case .function(let name, let arguments, let distinct, let offset):
            if AggregateKind(rawValue: name) != nil {
                throw .grouping(message: "aggregate function \(name)() is not allowed in \(clause)", offset: offset)
            }
            if let window = WindowFunction(rawValue: name), !window.isAggregate {
                throw .grouping(message: "\(name)() is a window function: it needs OVER (…)", offset: offset)
            }
            guard let function = ScalarFunction.named(name) else {
                throw .unknownFunction(name: name, suggestion: FunctionNames.suggestion(for: name), offset: offset)
            }
            if distinct { throw .syntax(message: "DISTINCT is only allowed in aggregate functions", offset: offset) }
            return try function.definition.bind(FunctionCall(name: function.name, arguments: arguments, offset: offset, binder: self))
        case .filtered(let call, _, let offset):
            // An aggregate here is refused as any aggregate is (binding it throws); anything else cannot be filtered.
            if case .function(let name, _, _, _) = call, AggregateKind(rawValue: name) != nil { return try bind(call) }
            throw Self.filterOnNonAggregate(call, offset: offset)
        case .cast(let inner, let type, let offset):
            // DuckDB types `2.5` as DECIMAL, whose cast to an integer rounds half away from zero.
            if case .literal(.decimal(let value), _) = inner, type == .int64 {
                return .constant(try CastOperation.cast(.double(value.rounded(.toNearestOrAwayFromZero)), to: .int64, offset: offset), .int64)
            }
            return try cast(try bind(inner), to: type, offset: offset, explicit: true)
        case .window(let name, _, _, let offset):
            throw .grouping(message: "window functions (\(name)(…) OVER …) are not allowed in \(clause)", offset: offset)
        }
    }

    // MARK: - Types

    private func boolean(_ expression: Expression, offset: Int, what: String) throws(QueryError) -> BoundExpression {
        try asBoolean(try bind(expression), expression, what)
    }

    private func asBoolean(_ bound: BoundExpression, _ expression: Expression, _ what: String) throws(QueryError) -> BoundExpression {
        if bound.type == .bool { return bound }
        if bound.isNullConstant { return .constant(.null, .bool) }
        throw .typeMismatch(message: "\(what) needs a true/false condition, not \(bound.type)", offset: expression.offset)
    }

    /// The two operands of a comparison, cast to one type.
    func comparable(_ left: BoundExpression, _ right: BoundExpression, offset: Int) throws(QueryError) -> (BoundExpression, BoundExpression) {
        if left.isNullConstant && right.isNullConstant { return (left, right) }
        if left.isNullConstant { return (.constant(.null, right.type), right) }
        if right.isNullConstant { return (left, .constant(.null, left.type)) }
        if left.type == right.type { return (left, right) }
        if left.type.isNumeric && right.type.isNumeric {
            return (try cast(left, to: .double, offset: offset), try cast(right, to: .double, offset: offset))
        }
        // A string literal meets a typed value: read the literal as that type (DuckDB does the same).
        if case .constant(.string, _) = right, left.type != .string {
            return (left, try cast(right, to: left.type, offset: offset, literal: true))
        }
        if case .constant(.string, _) = left, right.type != .string {
            return (try cast(left, to: right.type, offset: offset, literal: true), right)
        }
        throw .typeMismatch(message: "cannot compare \(left.type) with \(right.type); use CAST(... AS type)", offset: offset)
    }

    private func arithmetic(_ op: BinaryOperator, _ left: BoundExpression, _ right: BoundExpression, offset: Int) throws(QueryError) -> BoundExpression {
        var left = left
        var right = right
        if left.isNullConstant { left = .constant(.null, right.type == .date && op == .add ? .int64 : (right.type == .date ? .date : right.type)) }
        if right.isNullConstant { right = .constant(.null, left.type == .date ? .int64 : left.type) }
        if left.isNullConstant && right.isNullConstant { return .constant(.null, .int64) }
        switch (left.type, right.type) {
        case (.date, .int64) where op == .add || op == .subtract:
            return .arithmetic(op, left, right, .date, offset: offset)
        case (.int64, .date) where op == .add:
            return .arithmetic(op, right, left, .date, offset: offset)
        case (.date, .date) where op == .subtract:
            return .arithmetic(op, left, right, .int64, offset: offset)
        case (.int64, .int64):
            return .arithmetic(op, left, right, op == .divide ? .double : .int64, offset: offset)
        case (let a, let b) where a.isNumeric && b.isNumeric:
            return .arithmetic(op, try cast(left, to: .double, offset: offset), try cast(right, to: .double, offset: offset), .double, offset: offset)
        default:
            throw .typeMismatch(message: "cannot apply '\(op.rawValue)' to \(left.type) and \(right.type)", offset: offset)
        }
    }

    /// The type all of `values` can take (NULLs take any).
    func unifiedType(_ values: [BoundExpression], offset: Int, what: String) throws(QueryError) -> DataType {
        let typed = values.filter { !$0.isNullConstant }.map(\.type)
        guard var result = typed.first else { return values.first?.type ?? .string }
        for type in typed.dropFirst() where type != result {
            if type.isNumeric && result.isNumeric {
                result = .double
            } else {
                throw .typeMismatch(message: "\(what) mix \(result) and \(type)", offset: offset)
            }
        }
        return result
    }

    /// `value` as `type`. Implicit casts only widen numbers or read literals; explicit CASTs may do more.
    func cast(_ value: BoundExpression, to type: DataType, offset: Int, explicit: Bool = false, literal: Bool = false) throws(QueryError) -> BoundExpression {
        if value.type == type { return value }
        if value.isNullConstant { return .constant(.null, type) }
        if explicit || literal || (value.type == .int64 && type == .double) {
            if !explicit, case .constant(let constant, _) = value {
                // Read the literal now, so a bad one is reported at bind time.
                let folded = try CastOperation.cast(constant, to: type, offset: offset)
                return .constant(folded, type)
            }
            return .cast(value, type, offset: offset)
        }
        throw .typeMismatch(message: "cannot use \(value.type) as \(type)", offset: offset)
    }

    private func castToText(_ value: BoundExpression) throws(QueryError) -> BoundExpression {
        value.type == .string ? value : try cast(value, to: .string, offset: 0, explicit: true)
    }
}

extension BoundExpression {
    var isNullConstant: Bool {
        if case .constant(.null, _) = self { return true }
        return false
    }
}
