/// Every scalar function, by name. A new function is one file in this folder (its definition) and one line here.
enum ScalarFunctionRegistry {
    /// The definitions, in the order `.help` and the docs list them.
    static let definitions: [any ScalarFunctionDefinition] = [
        // dates
        DateTrunc(),
        DatePartFunction(),
        DateFieldFunction(.year), DateFieldFunction(.quarter), DateFieldFunction(.month), DateFieldFunction(.week),
        DateFieldFunction(.day), DateFieldFunction(.doy), DateFieldFunction(.isodow), DateFieldFunction(.dow),
        DateFieldFunction(.isoyear), DateFieldFunction(.yearweek),
        DateName.day, DateName.month,
        Strftime(),
        DateDiff(),
        IntervalFunction(),
        DateAdd(),
        LastDay(),
        MakeDate(),
        CurrentDate(),
        // any type
        Coalesce(),
        NullIf(),
        Extremum.greatest, Extremum.least,
        // numbers
        Round(),
        Absolute(),
        // text
        TextCase.lower, TextCase.upper,
        Length(),
    ]

    static let functions: [ScalarFunction] = definitions.map(ScalarFunction.init)

    /// Own names and aliases, lower case, to functions.
    private static let byName: [String: ScalarFunction] = {
        var map: [String: ScalarFunction] = [:]
        for function in functions {
            for name in function.definition.names {
                precondition(map[name] == nil, "two scalar functions are called \(name)")
                map[name] = function
            }
        }
        return map
    }()

    /// Every name a scalar function answers to, for "did you mean" and completion.
    static let names: [String] = functions.flatMap(\.definition.names)

    static func function(named name: String) -> ScalarFunction? { byName[name.lowercased()] }
}
