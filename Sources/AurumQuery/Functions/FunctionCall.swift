import AurumCore

/// One call of a scalar function being bound: its arguments as parsed, and the checks every function shares, each
/// failing with a message that names the function (and the argument, at its offset in the query).
struct FunctionCall {
    /// The name as the function knows itself (its own name, even when called by an alias).
    let name: String
    /// The arguments as parsed; most functions want ``bound`` instead.
    let arguments: [Expression]
    /// Where the call starts in the query text.
    let offset: Int
    /// Binds the arguments, with the caller's columns and casting rules.
    let binder: ExpressionBinder

    /// Every argument bound, in order.
    func bindArguments() throws(QueryError) -> [BoundExpression] {
        var bound: [BoundExpression] = []
        for argument in arguments { bound.append(try binder.bind(argument)) }
        return bound
    }

    /// Refuses a call whose argument count is outside `range`.
    func requireCount(_ range: ClosedRange<Int>) throws(QueryError) {
        guard !range.contains(arguments.count) else { return }
        let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
        throw .typeMismatch(message: "\(name)() takes \(expected) argument\(range.upperBound == 1 ? "" : "s"), got \(arguments.count)", offset: offset)
    }

    /// The `index`th argument, bound, as a DATE: a DATE, NULL, or a `'YYYY-MM-DD'` literal.
    func date(_ index: Int, _ value: BoundExpression) throws(QueryError) -> BoundExpression {
        if value.type == .date { return value }
        if value.isNullConstant { return .constant(.null, .date) }
        if case .constant(.string, _) = value { return try binder.cast(value, to: .date, offset: arguments[index].offset, literal: true) }
        throw .typeMismatch(message: "\(name)() needs a DATE, not \(value.type)", offset: arguments[index].offset)
    }

    /// The `index`th argument, bound, as text.
    func text(_ index: Int, _ value: BoundExpression) throws(QueryError) -> BoundExpression {
        if value.type == .string { return value }
        if value.isNullConstant { return .constant(.null, .string) }
        throw .typeMismatch(message: "\(name)() needs text, not \(value.type)", offset: arguments[index].offset)
    }

    /// The `index`th argument, bound, as a number (BIGINT or DOUBLE).
    func number(_ index: Int, _ value: BoundExpression) throws(QueryError) -> BoundExpression {
        if value.type.isNumeric { return value }
        if value.isNullConstant { return .constant(.null, .double) }
        throw .typeMismatch(message: "\(name)() needs a number, not \(value.type)", offset: arguments[index].offset)
    }

    /// The `index`th argument, bound, as a BIGINT (`what` names it in the message).
    func integer(_ index: Int, _ value: BoundExpression, what: String) throws(QueryError) -> BoundExpression {
        if value.type == .int64 { return value }
        if value.isNullConstant { return .constant(.null, .int64) }
        throw .typeMismatch(message: "\(name)()'s \(what) must be an integer, not \(value.type)", offset: arguments[index].offset)
    }

    /// The `index`th argument as a constant text, lower-cased: a unit or part name such as `'month'`. nil for NULL.
    func constantWord(_ index: Int, _ value: BoundExpression, what: String) throws(QueryError) -> String? {
        if value.isNullConstant { return nil }
        guard case .constant(.string(let word), _) = value else {
            throw .typeMismatch(message: "\(name)()'s \(what) must be a constant text such as 'month'", offset: arguments[index].offset)
        }
        return word.lowercased()
    }

    /// The call bound to `definition` with `arguments` and result `type`.
    func bound(_ definition: any ScalarFunctionDefinition, _ arguments: [BoundExpression], _ type: DataType) -> BoundExpression {
        .function(definition.function, arguments, type, offset: offset)
    }
}
