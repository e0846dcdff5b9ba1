import AurumCore

/// What a scalar function declares about itself, in the one file that defines it: the names it answers to, its
/// line for `.help` and docs/query-language.md, how a call binds (argument count and types → result type) and how
/// it evaluates over whole columns.
///
/// A definition never sees rows one at a time from the executor: `evaluate` gets every argument as a column of the
/// batch (constants broadcast) and returns one column. NULL handling is the definition's: most functions are NULL
/// when any argument is; `coalesce`, `greatest` and `least` are not.
protocol ScalarFunctionDefinition: Sendable {
    /// The names it is called by, lower case; the first is its own (the others are DuckDB's aliases).
    var names: [String] { get }
    /// One line for `.help`, the assistant's prompt and docs/query-language.md.
    var signature: String { get }
    /// Whether a call whose arguments are all constants may be computed once at plan time. False for a function
    /// whose result depends on more than its arguments.
    var isFoldable: Bool { get }
    /// The bound call: usually `.function(self, arguments, resultType)`, or a constant. Errors name the function
    /// and the argument, at the argument's offset in the query.
    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression
    /// The result column for one batch.
    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column
}

extension ScalarFunctionDefinition {
    var isFoldable: Bool { true }
    var name: String { names[0] }
    /// This definition as the value a bound expression holds.
    var function: ScalarFunction { ScalarFunction(self) }
}

/// What one evaluation of a bound call knows besides its arguments.
struct FunctionContext {
    /// The function's name, for messages.
    let name: String
    /// The result type the call was bound to.
    let type: DataType
    /// Rows in the batch.
    let count: Int
    /// Where the call starts in the query text.
    let offset: Int
}

/// A whitelisted scalar function, as a bound expression holds it; the functions themselves are declared one file
/// each beside this one and listed in ``ScalarFunctionRegistry``.
public struct ScalarFunction: Sendable, Equatable, Hashable, CaseIterable {
    let definition: any ScalarFunctionDefinition

    init(_ definition: any ScalarFunctionDefinition) { self.definition = definition }

    /// The function's own name (lower case).
    public var name: String { definition.name }
    /// Every name it answers to: its own, then DuckDB's aliases.
    public var names: [String] { definition.names }
    /// One line for `.help` and docs/query-language.md.
    public var signature: String { definition.signature }
    /// Whether a call with constant arguments is folded to a constant at plan time.
    public var isFoldable: Bool { definition.isFoldable }

    /// Every scalar function, in the registry's order.
    public static var allCases: [ScalarFunction] { ScalarFunctionRegistry.functions }

    /// The function called `name` (any case, own name or alias), if there is one.
    public static func named(_ name: String) -> ScalarFunction? { ScalarFunctionRegistry.function(named: name) }

    public static func == (left: ScalarFunction, right: ScalarFunction) -> Bool { left.name == right.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    func evaluate(_ arguments: [Column], type: DataType, count: Int, offset: Int) throws(QueryError) -> Column {
        try definition.evaluate(arguments, FunctionContext(name: name, type: type, count: count, offset: offset))
    }
}
