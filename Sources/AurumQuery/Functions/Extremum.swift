import AurumCore

/// `greatest(a, b, …)` and `least(a, b, …)`: per row, the largest or smallest argument that is not NULL (NULLs are
/// skipped, as DuckDB does; NULL only when every argument is). Arguments unify as DuckDB's do: numbers widen to
/// DOUBLE, a `'text'` literal is read as the other arguments' type (`greatest(date, '2024-03-01')`), and other
/// mixes (a DATE with a number) are refused.
struct Extremum: ScalarFunctionDefinition {
    static let greatest = Extremum(names: ["greatest"], signature: "greatest(a, b, ...) → the largest non-NULL argument (NULL only if all are)", largest: true)
    static let least = Extremum(names: ["least"], signature: "least(a, b, ...) → the smallest non-NULL argument (NULL only if all are)", largest: false)

    let names: [String]
    let signature: String
    let largest: Bool

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        guard !call.arguments.isEmpty else { throw .typeMismatch(message: "\(name)() needs at least one argument", offset: call.offset) }
        let bound = try call.bindArguments()
        func isLiteralText(_ value: BoundExpression) -> Bool {
            if case .constant(.string, _) = value { return true }
            return false
        }
        // The type of the typed arguments (not NULL, not a text literal); text when there are none.
        var type: DataType?
        for (index, value) in bound.enumerated() where !value.isNullConstant && !isLiteralText(value) {
            guard let unified = type, unified != value.type else {
                type = value.type
                continue
            }
            guard value.type.isNumeric && unified.isNumeric else {
                throw .typeMismatch(message: "\(name)() cannot compare \(unified) with \(value.type); use CAST(... AS type)", offset: call.arguments[index].offset)
            }
            type = .double
        }
        if type == nil, bound.allSatisfy(\.isNullConstant) { return .constant(.null, .string) }
        let resultType = type ?? .string
        var arguments: [BoundExpression] = []
        for (index, value) in bound.enumerated() {
            arguments.append(try call.binder.cast(value, to: resultType, offset: call.arguments[index].offset, literal: isLiteralText(value)))
        }
        return call.bound(self, arguments, resultType)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        // Per row, the index of the winning argument so far (-1: none yet, all NULL).
        var choice = [Int](repeating: -1, count: context.count)
        for (index, argument) in arguments.enumerated() {
            for row in 0..<context.count where !argument.isNull(row) {
                let best = choice[row]
                if best < 0 || beats(argument, arguments[best], row) { choice[row] = index }
            }
        }
        // A row whose arguments are all NULL picks the first, which is NULL there too.
        return Pick.rows(from: arguments, choice: choice.map { max($0, 0) }, type: context.type)
    }

    /// Whether `candidate`'s value at `row` is strictly better than `current`'s (both not NULL, same type).
    private func beats(_ candidate: Column, _ current: Column, _ row: Int) -> Bool {
        let order: Int
        switch (candidate, current) {
        case (.int64(let a), .int64(let b)): order = a.values[row] < b.values[row] ? -1 : (a.values[row] > b.values[row] ? 1 : 0)
        case (.double(let a), .double(let b)): order = a.values[row] < b.values[row] ? -1 : (a.values[row] > b.values[row] ? 1 : 0)
        case (.date(let a), .date(let b)): order = a.values[row] < b.values[row] ? -1 : (a.values[row] > b.values[row] ? 1 : 0)
        case (.bool(let a), .bool(let b)): order = a.values[row] < b.values[row] ? -1 : (a.values[row] > b.values[row] ? 1 : 0)
        case (.string(let a), .string(let b)): order = textCompare(a[row] ?? "", b[row] ?? "")
        default: order = 0
        }
        return largest ? order > 0 : order < 0
    }
}
