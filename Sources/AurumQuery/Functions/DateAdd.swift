import AurumCore

/// `date ± INTERVAL n UNIT`, `INTERVAL n UNIT + date` and `date_add(date, INTERVAL n UNIT)`: the date moved by
/// whole days, weeks, months, quarters or years, as a DATE (DuckDB returns a TIMESTAMP at midnight). Months,
/// quarters and years keep the day of the month, clamped to the month's last day (January 31 + 1 month is
/// February 29 in 2024). A fractional amount is truncated toward zero, as DuckDB's `INTERVAL 1.5 DAY` is 1 day.
struct DateAdd: ScalarFunctionDefinition {
    let names = ["date_add"]
    let signature = "date_add(date, INTERVAL n unit) → DATE, the same as date + INTERVAL n unit"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(2...2)
        guard let interval = IntervalUnit.interval(in: call.arguments[1]) else {
            throw .typeMismatch(message: "date_add() takes a DATE and an INTERVAL: date_add(date, INTERVAL 1 MONTH)", offset: call.arguments[1].offset)
        }
        return try Self.bind(date: call.arguments[0], interval, subtract: false, binder: call.binder, offset: call.offset)
    }

    /// `date ± interval`, bound: a call of ``DateAdd`` on (date, amount, unit).
    static func bind(date dateExpression: Expression, _ interval: (amount: Expression, unit: IntervalUnit), subtract: Bool, binder: ExpressionBinder, offset: Int) throws(QueryError) -> BoundExpression {
        var date = try binder.bind(dateExpression)
        if case .constant(.string, _) = date { date = try binder.cast(date, to: .date, offset: dateExpression.offset, literal: true) }
        guard date.type == .date || date.isNullConstant else {
            throw .typeMismatch(message: "an INTERVAL can only be added to or subtracted from a DATE, not \(date.type)", offset: dateExpression.offset)
        }
        var amount = try binder.bind(interval.amount)
        if case .constant(.string, _) = amount { amount = try binder.cast(amount, to: .double, offset: interval.amount.offset, literal: true) }
        if amount.isNullConstant || date.isNullConstant { return .constant(.null, .date) }
        guard amount.type.isNumeric else {
            throw .typeMismatch(message: "INTERVAL needs a number of \(interval.unit.rawValue)s, not \(amount.type)", offset: interval.amount.offset)
        }
        if subtract { amount = .negate(amount, amount.type, offset: offset) }
        return .function(DateAdd().function, [date, amount, .constant(.string(interval.unit.rawValue), .string)], .date, offset: offset)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        guard let unit = IntervalUnit(rawValue: arguments[2].stringValues.dictionary.first ?? "") else {
            throw .execution(message: "date_add() needs a unit", offset: context.offset)
        }
        let dates = arguments[0].dateValues
        var amounts: PrimitiveColumn<Int64>
        if case .double(let fractional) = arguments[1] {
            var whole = [Int64](repeating: 0, count: context.count)
            for row in 0..<context.count where !fractional.isNull(row) {
                guard let truncated = Int64(exactly: fractional.values[row].rounded(.towardZero)) else {
                    throw .execution(message: "INTERVAL of \(fractional.values[row]) \(unit.rawValue)s is out of range", offset: context.offset)
                }
                whole[row] = truncated
            }
            amounts = PrimitiveColumn(values: whole, validity: fractional.validity)
        } else {
            amounts = arguments[1].int64Values
        }
        let validity = mergeValidity(dates.validity, amounts.validity)
        var result = [Int32](repeating: 0, count: context.count)
        for row in 0..<context.count where validity.map({ $0[row] != 0 }) ?? true {
            guard let shifted = unit.shift(Date32(days: dates.values[row]), by: amounts.values[row]) else {
                throw .execution(message: "date out of range: \(Date32(days: dates.values[row])) moved by \(amounts.values[row]) \(unit.rawValue)s", offset: context.offset)
            }
            result[row] = shifted.days
        }
        return .date(PrimitiveColumn(values: result, validity: validity))
    }
}

extension ExpressionBinder {
    /// `date ± INTERVAL …` or `INTERVAL … + date`, bound; nil when neither side of `op` is an interval (an
    /// ordinary `+`/`-`). Called before the operands are bound, since an interval alone does not bind.
    func bindDateInterval(_ op: BinaryOperator, _ left: Expression, _ right: Expression, offset: Int) throws(QueryError) -> BoundExpression? {
        let leftInterval = IntervalUnit.interval(in: left)
        let rightInterval = IntervalUnit.interval(in: right)
        guard leftInterval != nil || rightInterval != nil else { return nil }
        switch (op, leftInterval, rightInterval) {
        case (.add, nil, let interval?), (.subtract, nil, let interval?):
            return try DateAdd.bind(date: left, interval, subtract: op == .subtract, binder: self, offset: offset)
        case (.add, let interval?, nil):
            return try DateAdd.bind(date: right, interval, subtract: false, binder: self, offset: offset)
        default:
            throw .typeMismatch(
                message: "an INTERVAL can only be added to or subtracted from a DATE (date + INTERVAL 1 DAY, date - INTERVAL 1 MONTH)",
                offset: offset)
        }
    }
}
