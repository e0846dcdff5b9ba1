import AurumCore

/// The units of an INTERVAL a DATE can move by. An interval is not a value of its own in Aurum (there is no
/// INTERVAL column type): the parser reads `INTERVAL n UNIT` as `to_<units>(n)`, as DuckDB does, and the binder
/// accepts that only added to or subtracted from a DATE, or as `date_add`'s second argument.
enum IntervalUnit: String, CaseIterable, Sendable {
    case day, week, month, quarter, year

    /// `to_days`, `to_weeks`, …: the function an `INTERVAL n UNIT` is read as.
    var functionName: String { "to_\(rawValue)s" }

    /// The unit a word names (`DAY`, `days`, …), for the parser.
    static func named(_ word: String) -> IntervalUnit? {
        let lowered = word.lowercased()
        return IntervalUnit(rawValue: lowered.hasSuffix("s") ? String(lowered.dropLast()) : lowered)
    }

    /// Whether `word` is a unit of time of day (refused: a DATE has none).
    static func isTimeOfDay(_ word: String) -> Bool {
        ["hour", "hours", "minute", "minutes", "second", "seconds", "millisecond", "milliseconds", "microsecond", "microseconds"]
            .contains(word.lowercased())
    }

    /// The interval `expression` is, if it is one: `to_days(n)` and the like.
    static func interval(in expression: Expression) -> (amount: Expression, unit: IntervalUnit)? {
        guard case .function(let name, let arguments, false, _) = expression, arguments.count == 1,
            let unit = allCases.first(where: { $0.functionName == name.lowercased() })
        else { return nil }
        return (arguments[0], unit)
    }

    /// `date` moved by `amount` of this unit, or nil outside the DATE range.
    func shift(_ date: Date32, by amount: Int64) -> Date32? {
        switch self {
        case .day: return date.adding(days: amount)
        case .week: return amount.multipliedReportingOverflow(by: 7).overflow ? nil : date.adding(days: amount * 7)
        case .month: return date.adding(months: amount)
        case .quarter: return amount.multipliedReportingOverflow(by: 3).overflow ? nil : date.adding(months: amount * 3)
        case .year: return amount.multipliedReportingOverflow(by: 12).overflow ? nil : date.adding(months: amount * 12)
        }
    }
}

/// `to_days(n)`, `to_weeks(n)`, `to_months(n)`, `to_quarters(n)`, `to_years(n)`: what `INTERVAL n UNIT` is read
/// as. An interval only exists added to or subtracted from a DATE (the binder handles that before any function
/// is bound, see ``DateAdd``), so binding one here, anywhere else, is refused.
struct IntervalFunction: ScalarFunctionDefinition {
    let names = IntervalUnit.allCases.map(\.functionName)
    let signature = "date ± INTERVAL n DAY|WEEK|MONTH|QUARTER|YEAR (also INTERVAL 'n' DAY, INTERVAL '7 days', INTERVAL (expr) DAY) → DATE; month ends clamp (2024-01-31 + INTERVAL 1 MONTH = 2024-02-29)"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        throw .typeMismatch(
            message: "an INTERVAL can only be added to or subtracted from a DATE (date + INTERVAL 1 DAY); INTERVAL is not a column type",
            offset: call.offset)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        throw .execution(message: "an INTERVAL is not a value", offset: context.offset)
    }
}
