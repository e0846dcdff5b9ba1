import AurumCore

/// Scalar functions, aggregates (exact money sums, FILTER) and window calls in the dialect.
extension DialectTranslator {
    func function(_ function: String, _ arguments: [Expression], distinct: Bool, offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        if let kind = AggregateKind(rawValue: function) {
            return try aggregate(kind, arguments, distinct: distinct, filter: nil, scope)
        }
        if let field = Self.oneFieldFunctions[function] { return try datePart(field, arguments[0], scope) }
        if function == "date_add" {
            guard let interval = IntervalUnit.interval(in: arguments[1]) else {
                return try dateShift(arguments[0], by: arguments[1], .day, negated: false, scope)
            }
            return try dateShift(arguments[0], by: interval.amount, interval.unit, negated: false, scope)
        }
        if let interval = IntervalUnit.interval(in: .function(function, arguments: arguments, distinct: distinct, offset: offset)) {
            throw .unsupported(message: "INTERVAL … \(interval.unit.rawValue.uppercased()) outside date arithmetic", offset: offset)
        }
        var args: [String] = []
        for argument in arguments where !["date_part", "datepart", "date_trunc", "date_diff", "datediff", "strftime"].contains(function) {
            args.append(try expression(argument, scope))
        }
        switch function {
        case "date_part", "datepart":
            guard case .literal(.string(let word), _) = arguments[0], let field = DateField.byName[word.lowercased()] else {
                throw .unsupported(message: "\(function)'s field must be a constant to translate it", offset: offset)
            }
            return try datePart(field, arguments[1], scope)
        case "date_trunc": return try dateTrunc(arguments, offset: offset, scope)
        case "date_diff", "datediff": return try dateDiff(arguments, offset: offset, scope)
        case "current_date": return "DATE '\(today)'"
        case "last_day": return dialect == .bigquery ? "LAST_DAY(\(args[0]))" : "last_day(\(args[0]))"
        case "make_date": return dialect == .bigquery ? "DATE(\(args.joined(separator: ", ")))" : "make_date(\(args.joined(separator: ", ")))"
        case "dayname", "monthname":
            let day = function == "dayname"
            switch dialect {
            case .bigquery: return "FORMAT_DATE('\(day ? "%A" : "%B")', \(args[0]))"
            case .spark: return "date_format(\(args[0]), '\(day ? "EEEE" : "MMMM")')"
            case .duckdb: return "\(function)(\(args[0]))"
            }
        case "strftime": return try strftime(arguments, offset: offset, scope)
        case "greatest", "least":
            if dialect == .spark {
                // Spark's GREATEST skips NULLs as Aurum's does, but wants two arguments or more, all of one type:
                // one argument is itself, and a text literal beside a number or a date is read as that type, as
                // Aurum reads it.
                guard args.count > 1 else { return args[0] }
                let types = arguments.compactMap { argument -> DataType? in
                    if case .literal(.string, _) = argument { return nil }
                    return scope.type(of: argument)
                }
                let target: DataType? = types.contains(.double) ? .double : types.first { $0 != .string }
                var coerced: [String] = []
                for argument in arguments { coerced.append(try operand(argument, as: target, scope)) }
                return "\(function)(\(coerced.joined(separator: ", ")))"
            }
            guard dialect == .bigquery else { return "\(function)(\(args.joined(separator: ", ")))" }
            // BigQuery's GREATEST is NULL when any argument is; Aurum's skips NULLs. Each argument falls back on
            // the others, so the result is NULL only when all are.
            let fallbacks = args.indices.map { index in
                args.count == 1 ? args[0] : "COALESCE(\(([args[index]] + args.indices.filter { $0 != index }.map { args[$0] }).joined(separator: ", ")))"
            }
            return "\(function.uppercased())(\(fallbacks.joined(separator: ", ")))"
        case "round":
            let call = "ROUND(\(args.joined(separator: ", ")))"
            // BigQuery's ROUND of an INT64 is a FLOAT64; Aurum's stays BIGINT.
            if dialect == .bigquery && scope.type(of: arguments[0]) == .int64 { return "CAST(\(call) AS INT64)" }
            return call
        case "coalesce", "nullif", "abs", "lower", "upper", "length":
            return "\(function.uppercased())(\(args.joined(separator: ", ")))"
        default:
            throw .unsupported(message: "\(function)() has no translation to \(dialect.rawValue)", offset: offset)
        }
    }

    // MARK: - Aggregates

    /// An aggregate; `filter` is its FILTER (WHERE …). A sum or average of a money column is computed as an exact
    /// decimal, as Aurum computes it.
    func aggregate(_ kind: AggregateKind, _ arguments: [Expression], distinct: Bool, filter: Expression?, _ scope: TranslationScope) throws(QueryError) -> String {
        let distinctWord = distinct ? "DISTINCT " : ""
        let condition = try filter.map { (f: Expression) throws(QueryError) -> String in try self.condition(f, scope) }
        if arguments.count == 1, case .star = arguments[0] {
            guard let condition else { return "COUNT(*)" }
            // COUNT(IF(…)) rather than COUNTIF: the same in BigQuery, and sqlglot carries it to DuckDB faithfully
            // (it writes COUNTIF as DuckDB's count_if, which is NULL over no rows).
            return dialect == .bigquery ? "COUNT(IF(\(condition), 1, NULL))" : "COUNT(*) FILTER (WHERE \(condition))"
        }
        var argument = try expression(arguments[0], scope)
        if kind.takesKey {
            guard arguments.count == 2 else { throw .unsupported(message: "\(kind.rawValue)() in \(dialect.rawValue)", offset: arguments[0].offset) }
            let key = try expression(arguments[1], scope)
            if dialect == .spark {
                return argExtreme(largest: kind == .argMax || kind == .maxBy, value: argument, key: key, condition: condition)
            }
            if dialect == .bigquery {
                // BigQuery's MAX_BY/ANY_VALUE … HAVING MAX settle a tie on the key by any row, and its structs do
                // not order, so Aurum's rule (the largest value) has no single-aggregate form there.
                throw .unsupported(
                    message: "\(kind.rawValue)() has no BigQuery form with Aurum's rules (a tie on the key settled by the value); "
                        + "compute it in Aurum or rewrite it with ARRAY_AGG … ORDER BY in BigQuery",
                    offset: arguments[0].offset)
            }
            argument += ", " + key
        }
        if let condition, dialect == .bigquery { argument = "IF(\(condition), \(argument), NULL)" }
        let exact = (kind == .sum || kind == .avg) && isMoneyColumn(arguments[0], scope)
        if exact { argument = "CAST(\(argument) AS \(dialect.exactDecimal))" }
        var call = "\(kind.rawValue.uppercased())(\(distinctWord)\(argument))"
        if let condition, dialect != .bigquery { call += " FILTER (WHERE \(condition))" }
        return exact ? "CAST(\(call) AS \(dialect.typeName(.double)))" : call
    }

    /// `arg_max`/`arg_min` in Spark with Aurum's rules (rows whose value or key is NULL skipped, NULL over no row,
    /// a tie on the key settled by the largest (arg_max) or smallest (arg_min) value, so the answer never depends
    /// on row order): `max_by`/`min_by` ordered by a struct of (key, value), NULL for the rows to skip (Spark
    /// skips NULL orderings). FILTER's condition joins the skip test.
    private func argExtreme(largest: Bool, value: String, key: String, condition: String?) -> String {
        let kept = "\(value) IS NOT NULL AND \(key) IS NOT NULL" + (condition.map { " AND (\($0))" } ?? "")
        return "\(largest ? "MAX_BY" : "MIN_BY")(\(value), CASE WHEN \(kept) THEN STRUCT(\(key), \(value)) END)"
    }

    private func isMoneyColumn(_ expression: Expression, _ scope: TranslationScope) -> Bool {
        switch expression {
        case .column(let column, _): scope.column(column, qualifier: nil)?.decimal ?? false
        case .qualifiedColumn(let qualifier, let column, _): scope.column(column, qualifier: qualifier)?.decimal ?? false
        default: false
        }
    }

    func filtered(_ call: Expression, _ filter: Expression, offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        guard case .function(let function, let arguments, let distinct, _) = call, let kind = AggregateKind(rawValue: function.lowercased()) else {
            throw .unsupported(message: "FILTER on something other than an aggregate", offset: offset)
        }
        return try aggregate(kind, arguments, distinct: distinct, filter: filter, scope)
    }

    // MARK: - Windows

    /// The window functions Spark runs only over an ordered window.
    static let sparkNeedsOrder: Set<String> = ["rank", "dense_rank", "row_number", "percent_rank", "cume_dist", "ntile", "lag", "lead"]

    func window(_ function: String, _ arguments: [Expression], _ spec: WindowSpec, offset: Int, _ outer: TranslationScope) throws(QueryError) -> String {
        // BigQuery and Spark do not resolve a select alias inside a window; Aurum does (its operands, PARTITION BY
        // and ORDER BY), so there the alias is written out as its expression.
        var scope = outer
        if dialect != .duckdb { scope.inlinesAliases = true }
        var over: [String] = []
        if !spec.partitionBy.isEmpty {
            var keys: [String] = []
            for key in spec.partitionBy { keys.append(try expression(key, scope)) }
            over.append("PARTITION BY " + keys.joined(separator: ", "))
        }
        if !spec.orderBy.isEmpty {
            over.append("ORDER BY " + (try orderTerms(spec.orderBy, scope)))
        } else if dialect == .spark && Self.sparkNeedsOrder.contains(function) {
            // Spark refuses a ranking or offset function over an unordered window; ordered by a constant, every row
            // is a peer of every other, which is what Aurum's empty OVER () means (rank 1 for all).
            over.append("ORDER BY 1")
        }
        if let frame = spec.frame { over.append("\(frame.unit.rawValue) BETWEEN \(frame.start.sql) AND \(frame.end.sql)") }
        let window = " OVER (" + over.joined(separator: " ") + ")"
        if let kind = AggregateKind(rawValue: function) {
            let call = try aggregate(kind, arguments, distinct: false, filter: nil, scope)
            // The exact sum's CAST wraps the call: OVER goes on the aggregate inside it.
            if call.hasPrefix("CAST(\(kind.rawValue.uppercased())(") {
                let inner = call.dropFirst(5).dropLast(" AS \(dialect.typeName(.double)))".count)
                return "CAST(\(inner)\(window) AS \(dialect.typeName(.double)))"
            }
            return call + window
        }
        var args: [String] = []
        for argument in arguments { args.append(try expression(argument, scope)) }
        return "\(function.uppercased())(\(args.joined(separator: ", ")))" + window
    }
}
