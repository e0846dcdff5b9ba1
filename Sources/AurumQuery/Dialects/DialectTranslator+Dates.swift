import AurumCore

/// Date functions and date arithmetic in the dialect, with Aurum's (DuckDB's) meaning: weeks start on Monday,
/// `week` is the ISO week, `isodow` is Monday = 1, `dow` Sunday = 0, and every result is a DATE.
extension DialectTranslator {
    func datePart(_ field: DateField, _ date: Expression, _ scope: TranslationScope) throws(QueryError) -> String {
        let d = try expression(date, scope)
        switch dialect {
        case .duckdb: return "date_part('\(field.rawValue)', \(d))"
        case .bigquery:
            switch field {
            case .year, .month, .day, .quarter: return "EXTRACT(\(field.rawValue.uppercased()) FROM \(d))"
            case .doy: return "EXTRACT(DAYOFYEAR FROM \(d))"
            // BigQuery's EXTRACT(DAYOFWEEK) is Sunday = 1 … Saturday = 7 and its WEEK starts on Sunday; the
            // formatter's ISO codes say Aurum's numbers directly (and, unlike EXTRACT(DAYOFWEEK | ISOWEEK), sqlglot
            // carries them to other engines unchanged, so the round-trip tests check them).
            case .isodow: return "CAST(FORMAT_DATE('%u', \(d)) AS INT64)"
            case .dow: return "CAST(FORMAT_DATE('%w', \(d)) AS INT64)"
            case .week: return "CAST(FORMAT_DATE('%V', \(d)) AS INT64)"
            case .isoyear: return "CAST(FORMAT_DATE('%G', \(d)) AS INT64)"
            case .yearweek: return "CAST(FORMAT_DATE('%G%V', \(d)) AS INT64)"
            }
        case .spark:
            switch field {
            case .year, .month, .quarter: return "\(field.rawValue)(\(d))"
            case .day: return "dayofmonth(\(d))"
            case .week: return "weekofyear(\(d))"
            case .doy: return "dayofyear(\(d))"
            // Spark's weekday is Monday = 0; its dayofweek Sunday = 1.
            case .isodow: return "(weekday(\(d)) + 1)"
            case .dow: return "(dayofweek(\(d)) - 1)"
            // The ISO year is the year of the week's Thursday.
            case .isoyear: return "year(date_add(\(d), 3 - weekday(\(d))))"
            case .yearweek: return "(year(date_add(\(d), 3 - weekday(\(d)))) * 100 + weekofyear(\(d)))"
            }
        }
    }

    func dateTrunc(_ arguments: [Expression], offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        guard case .literal(.string(let word), _) = arguments[0] else {
            throw .unsupported(message: "date_trunc's unit must be a constant to translate it", offset: offset)
        }
        let unit = word.lowercased()
        let d = try expression(arguments[1], scope)
        switch dialect {
        case .bigquery:
            // BigQuery's WEEK starts on Sunday; ISOWEEK on Monday, as Aurum's.
            return "DATE_TRUNC(\(d), \(unit == "week" ? "ISOWEEK" : unit.uppercased()))"
        case .duckdb, .spark:
            // Both return a TIMESTAMP for a DATE; Aurum's result is a DATE.
            return "CAST(date_trunc('\(unit)', \(d)) AS DATE)"
        }
    }

    func dateDiff(_ arguments: [Expression], offset: Int, _ scope: TranslationScope) throws(QueryError) -> String {
        guard case .literal(.string(let word), _) = arguments[0] else {
            throw .unsupported(message: "date_diff's unit must be a constant to translate it", offset: offset)
        }
        let unit = word.lowercased().hasSuffix("s") ? String(word.lowercased().dropLast()) : word.lowercased()
        let start = try expression(arguments[1], scope), end = try expression(arguments[2], scope)
        switch dialect {
        case .duckdb: return "date_diff('\(unit)', \(start), \(end))"
        case .bigquery:
            // Weeks are whole 7-day spans (BigQuery's WEEK counts Sundays crossed); months, quarters and years
            // count boundaries in both.
            if unit == "week" { return "DIV(DATE_DIFF(\(end), \(start), DAY), 7)" }
            return "DATE_DIFF(\(end), \(start), \(unit.uppercased()))"
        case .spark:
            switch unit {
            case "day": return "datediff(\(end), \(start))"
            case "week": return "(datediff(\(end), \(start)) div 7)"
            case "month": return "((year(\(end)) * 12 + month(\(end))) - (year(\(start)) * 12 + month(\(start))))"
            case "quarter": return "((year(\(end)) * 4 + quarter(\(end))) - (year(\(start)) * 4 + quarter(\(start))))"
            default: return "(year(\(end)) - year(\(start)))"
            }
        }
    }

    /// `date ± amount unit`. A fractional amount is truncated toward zero, as Aurum does; month ends clamp in
    /// all three.
    func dateShift(_ date: Expression, by amount: Expression, _ unit: IntervalUnit, negated: Bool, _ scope: TranslationScope) throws(QueryError) -> String {
        let d = try expression(date, scope)
        var n = try expression(amount, scope)
        let fractional = scope.type(of: amount) == .double
        switch dialect {
        case .duckdb:
            if unit == .day && !fractional {
                // DuckDB adds an INTEGER to a DATE, not a BIGINT.
                if case .literal = amount {} else { n = "CAST(\(n) AS INTEGER)" }
                return "(\(d) \(negated ? "-" : "+") \(n))"
            }
            return "CAST(\(d) \(negated ? "-" : "+") INTERVAL (\(n)) \(unit.rawValue.uppercased()) AS DATE)"
        case .bigquery:
            if fractional { n = "CAST(TRUNC(\(n)) AS INT64)" }
            return "DATE_\(negated ? "SUB" : "ADD")(\(d), INTERVAL \(n) \(unit.rawValue.uppercased()))"
        case .spark:
            // date_add and add_months take an INT, not a BIGINT (nor a NULL of one): the amount is cast, a fraction
            // truncated toward zero by the cast; an amount beyond INT's range is an error (ANSI), not a wrong date.
            let signed = negated ? "-(\(n))" : n
            func days(_ factor: Int) -> String { factor == 1 ? "CAST(\(signed) AS INT)" : "CAST((\(signed)) * \(factor) AS INT)" }
            switch unit {
            case .day: return "date_add(\(d), \(days(1)))"
            case .week: return "date_add(\(d), \(days(7)))"
            case .month: return "add_months(\(d), \(days(1)))"
            case .quarter: return "add_months(\(d), \(days(3)))"
            case .year: return "add_months(\(d), \(days(12)))"
            }
        }
    }

    /// `later - earlier` for two DATEs: the days between them.
    func daysBetween(_ earlier: Expression, _ later: Expression, _ scope: TranslationScope) throws(QueryError) -> String {
        let a = try expression(later, scope), b = try expression(earlier, scope)
        switch dialect {
        case .duckdb: return "(\(a) - \(b))"
        case .bigquery: return "DATE_DIFF(\(a), \(b), DAY)"
        case .spark: return "datediff(\(a), \(b))"
        }
    }
}
