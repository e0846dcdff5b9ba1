import AurumCore

/// Plans a SELECT block that calls window functions, as SQL orders it: the windows run after WHERE, GROUP BY and
/// HAVING, and before QUALIFY, DISTINCT, ORDER BY and LIMIT.
///
/// The block is cut in two around its window calls. The inner block is the query without its windows: its select
/// list is every part of the outer clauses that is not a window call (maximal window-free sub-expressions that read
/// a column or an aggregate) and every window call's arguments, PARTITION BY and ORDER BY expressions, each once
/// (by their SQL text); it is planned as any query, so names, types, grouping and their errors are the usual ones.
/// The window stage (``WindowStage``) computes the calls over its output. The outer block reads the stage's result
/// as a table: the select list, QUALIFY (as its WHERE), DISTINCT, ORDER BY and LIMIT, with every part that the
/// inner block computed replaced by a reference to its column.
struct WindowPlanner {
    let planner: Planner

    /// The name the outer block gives the window stage's result (no query can name it: `#` starts no name).
    fileprivate static let stageTable = "#window"

    /// Plans `statement` over its resolved FROM (`from`; nil without FROM), with the CTEs `ctes` visible to it.
    func plan(_ statement: SelectStatement, from: ResolvedFrom?, ctes: [String: MaterializeOperator]) throws(QueryError) -> QueryPlan {
        try refuseWindows(in: statement)
        let scope = from?.scope

        // The select list with * expanded, each item with its result name (alias, column name or text).
        var items: [(expression: Expression, alias: String?, name: String, text: String, offset: Int)] = []
        for item in statement.items {
            guard let expression = item.expression else {
                guard let scope else { throw .notAllowed(message: "SELECT * needs a FROM table", offset: item.offset) }
                var star = SelectStatement()
                star.items = [item]
                for (expression, name) in try planner.selectList(star, scope: scope) { items.append((expression, nil, name, name, item.offset)) }
                continue
            }
            var name = item.alias ?? item.text
            if item.alias == nil, let column = expression.columnName { name = column }
            items.append((expression, item.alias, name, item.text, item.offset))
        }
        func isTableColumn(_ name: String) -> Bool { scope?.schema.index(of: name) != nil }
        func aliased(_ name: String) -> Expression? {
            items.first { $0.alias?.lowercased() == name.lowercased() }?.expression
        }

        // GROUP BY positions and aliases name select items, which the inner block no longer has as such.
        var groupBy: [Expression] = []
        // GROUP BY ALL: every item that has neither an aggregate nor a window call and is not a constant.
        let keys = statement.groupByAll
            ? items.enumerated().filter { !$0.element.expression.containsAggregate && !$0.element.expression.containsWindow && !$0.element.expression.isConstantSyntax }
                .map { Expression.literal(.integer(Int64($0.offset + 1)), offset: $0.element.offset) }
            : statement.groupBy
        for key in keys {
            var expression = key
            if case .literal(.integer(let position), let offset) = key {
                guard position >= 1, position <= items.count else {
                    throw .grouping(message: "GROUP BY position \(position) is not in the select list (1 to \(items.count))", offset: offset)
                }
                expression = items[Int(position) - 1].expression
            } else if case .column(let name, _) = key, !isTableColumn(name), let item = aliased(name) {
                expression = item
            }
            if let offset = expression.firstWindowOffset {
                throw .grouping(message: "window functions are not allowed in GROUP BY", offset: key.offset == expression.offset ? offset : key.offset)
            }
            groupBy.append(expression)
        }

        // QUALIFY and a window's operands may name select aliases (a table column of the same name wins, as in
        // DuckDB).
        func resolveAliases(_ expression: Expression) -> Expression {
            if case .column(let name, _) = expression, !isTableColumn(name), let item = aliased(name) { return item }
            return expression.mapChildren(resolveAliases)
        }
        let qualify = statement.qualify.map(resolveAliases)
        if let qualify, !qualify.containsWindow, !items.contains(where: { $0.expression.containsWindow }) {
            throw .grouping(message: "QUALIFY filters on window functions; none appears in the select list or QUALIFY (use WHERE or HAVING)", offset: qualify.offset)
        }

        // Cut every outer clause around its window calls.
        var cut = WindowCut(resolveAliases: resolveAliases)
        var outer = SelectStatement()
        outer.distinct = statement.distinct
        for item in items {
            outer.items.append(SelectItem(expression: try cut.rewrite(item.expression), alias: item.alias, offset: item.offset, text: item.text))
        }
        outer.whereClause = try qualify.map { expression throws(QueryError) in try cut.rewrite(expression) }
        for term in statement.orderBy {
            var rewritten = term
            let isPosition = { if case .literal(.integer, _) = term.expression { true } else { false } }()
            let isAlias = { if case .column(let name, _) = term.expression { aliased(name) != nil } else { false } }()
            if !isPosition && !isAlias { rewritten.expression = try cut.rewrite(term.expression) }
            outer.orderBy.append(rewritten)
        }
        outer.limit = statement.limit
        outer.offset = statement.offset

        // The inner block: everything below the windows.
        var inner = SelectStatement()
        inner.items = cut.innerItems.isEmpty ? [SelectItem(expression: .literal(.integer(1), offset: 0), alias: nil, offset: 0, text: "1")] : cut.innerItems
        inner.from = statement.from
        inner.whereClause = statement.whereClause
        inner.groupBy = groupBy
        inner.having = statement.having
        let input = try planner.planBlock(inner, from: from, ctes: ctes)
        let stage = WindowStage(input: input, calls: try cut.calls.map { call throws(QueryError) in try call.bind(input.outputFields) })

        // The outer block, over the stage's result.
        outer.from = .named(Self.stageTable, alias: nil, offset: 0)
        let stagePlanner = Planner(catalog: StageCatalog(table: MaterializedTable(Batch(empty: stage.schema))), today: planner.today)
        var plan: QueryPlan
        do {
            plan = try stagePlanner.plan(outer)
        } catch .typeMismatch(let message, let offset) where message.hasPrefix("WHERE ") {
            throw .typeMismatch(message: "QUALIFY" + message.dropFirst("WHERE".count), offset: offset)
        }
        for (index, item) in items.enumerated() { plan.outputFields[index].name = item.name }
        plan.table = input.table
        plan.tablesRead = input.tablesRead
        plan.windowStage = stage
        return plan
    }

    /// Window calls may not stand in WHERE, GROUP BY or HAVING: they are computed after them.
    private func refuseWindows(in statement: SelectStatement) throws(QueryError) {
        if let offset = statement.whereClause?.firstWindowOffset {
            throw .grouping(message: "window functions are not allowed in WHERE (they are computed after it); filter on them with QUALIFY", offset: offset)
        }
        for key in statement.groupBy {
            if let offset = key.firstWindowOffset { throw .grouping(message: "window functions are not allowed in GROUP BY", offset: offset) }
        }
        if let offset = statement.having?.firstWindowOffset {
            throw .grouping(message: "window functions are not allowed in HAVING (they are computed after it); filter on them with QUALIFY", offset: offset)
        }
    }
}

/// The catalogue the outer block of a windowed query reads: the window stage's result alone.
private struct StageCatalog: TableCatalog {
    let table: MaterializedTable
    var tableNames: [String] { [WindowPlanner.stageTable] }
    func table(named name: String) -> TableSource? { name == WindowPlanner.stageTable ? table : nil }
}

/// The cut of a windowed block's clauses: what the inner block computes (``innerItems``, each once by its SQL
/// text), the window calls over its columns (``calls``, each once), and the outer expressions over both.
private struct WindowCut {
    /// A window operand with the select aliases it names replaced by their expressions.
    let resolveAliases: (Expression) -> Expression
    private(set) var innerItems: [SelectItem] = []
    private var innerIndex: [String: Int] = [:]
    private(set) var calls: [WindowCallSyntax] = []
    private var callIndex: [String: Int] = [:]

    init(resolveAliases: @escaping (Expression) -> Expression) {
        self.resolveAliases = resolveAliases
    }

    /// `expression` for the outer block: window calls become the stage's `#wN` columns, and window-free parts that
    /// read a column or an aggregate become the inner block's `#N` columns; constants stay as they are.
    mutating func rewrite(_ expression: Expression) throws(QueryError) -> Expression {
        if case .window = expression { return .column("#w\(try call(expression))", offset: expression.offset) }
        guard expression.containsWindow else {
            return expression.isConstantSyntax ? expression : .column("#\(inner(expression))", offset: expression.offset)
        }
        if case .function(let name, _, _, let offset) = expression, AggregateKind(rawValue: name.lowercased()) != nil {
            throw .grouping(message: "aggregate functions cannot contain window function calls (\(name)(… OVER …))", offset: expression.firstWindowOffset ?? offset)
        }
        return try expression.mapChildren { (child: Expression) throws(QueryError) -> Expression in try rewrite(child) }
    }

    /// The inner block's column computing `expression`.
    private mutating func inner(_ expression: Expression) -> Int {
        let sql = expression.sql
        if let index = innerIndex[sql] { return index }
        innerItems.append(SelectItem(expression: expression, alias: nil, offset: expression.offset, text: sql))
        innerIndex[sql] = innerItems.count - 1
        return innerItems.count - 1
    }

    /// The index of the window call `expression`, checked and registered with its operands as inner columns.
    private mutating func call(_ written: Expression) throws(QueryError) -> Int {
        if let index = callIndex[written.sql] { return index }
        let expression = written.mapChildren(resolveAliases)
        guard case .window(let name, let arguments, let spec, let offset) = expression else { preconditionFailure("a window call") }
        let names = WindowFunction.allCases.map(\.rawValue)
        guard let function = WindowFunction(rawValue: name.lowercased()) else {
            if ScalarFunction.named(name) != nil || AggregateKind(rawValue: name.lowercased()) != nil {
                throw .grouping(message: "\(name)() is not a window function; OVER takes \(names.joined(separator: ", "))", offset: offset)
            }
            throw .unknownFunction(name: name, suggestion: nearestName(name.lowercased(), among: names), offset: offset)
        }
        for operand in expression.windowOperands {
            if let nested = operand.firstWindowOffset { throw .grouping(message: "window function calls cannot be nested", offset: nested) }
        }
        func arity(_ range: ClosedRange<Int>) throws(QueryError) {
            guard range.contains(arguments.count) else {
                let expected = range.upperBound == 0 ? "no" : range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                throw .typeMismatch(message: "\(function.rawValue)() takes \(expected) argument\(range.upperBound == 1 ? "" : "s"), got \(arguments.count)", offset: offset)
            }
        }
        for argument in arguments {
            if case .star(let at) = argument, function != .count || arguments.count != 1 {
                throw .syntax(message: "only count(*) takes *", offset: at)
            }
        }
        var syntax = WindowCallSyntax(function: function, text: written.sql, offset: offset)
        switch function {
        case .rowNumber, .rank, .denseRank:
            try arity(0...0)
        case .lag, .lead:
            try arity(1...3)
            if arguments.count >= 2 {
                guard case .literal(.integer(let rows), _) = arguments[1] else {
                    throw .typeMismatch(message: "\(function.rawValue)()'s offset must be a whole number of rows, written as a number", offset: arguments[1].offset)
                }
                // Past any partition's size every offset gives the default: clamped, so no position overflows.
                syntax.rowOffset = Int(max(min(rows, Int64(Int32.max)), -Int64(Int32.max)))
            }
            if arguments.count == 3 { syntax.defaultValue = (inner(arguments[2]), arguments[2].offset) }
        case .firstValue, .lastValue, .sum, .avg, .count, .min, .max:
            try arity(1...1)
        }
        if var first = arguments.first, !(function == .count && { if case .star = first { true } else { false } }()) {
            // The NULL literal is text until cast; a sum or mean of it is a NULL number, as in DuckDB.
            if case .literal(.null, let at) = first, function == .sum || function == .avg { first = .cast(first, .int64, offset: at) }
            syntax.argument = (inner(first), first.offset)
        }
        syntax.partition = spec.partitionBy.map { inner($0) }
        syntax.order = spec.orderBy.map { BatchSort.Key(column: inner($0.expression), descending: $0.descending, nullsFirst: $0.nullsFirst ?? false) }
        syntax.frame = spec.frame ?? WindowFrame(unit: .range, start: .unboundedPreceding, end: .currentRow, offset: offset)
        calls.append(syntax)
        callIndex[written.sql] = calls.count - 1
        return calls.count - 1
    }
}

/// A window call as cut from the query: its operands as the inner block's columns, before their types are known.
private struct WindowCallSyntax {
    var function: WindowFunction
    var text: String
    var offset: Int
    var argument: (column: Int, offset: Int)?
    var rowOffset = 1
    var defaultValue: (column: Int, offset: Int)?
    var partition: [Int] = []
    var order: [BatchSort.Key] = []
    var frame = WindowFrame(unit: .range, start: .unboundedPreceding, end: .currentRow, offset: 0)

    init(function: WindowFunction, text: String, offset: Int) {
        self.function = function
        self.text = text
        self.offset = offset
    }

    /// The call with its result type, its argument checked against the inner block's output `fields`.
    func bind(_ fields: [Field]) throws(QueryError) -> WindowCall {
        let argumentType = argument.map { fields[$0.column].type }
        let type: DataType
        switch function {
        case .rowNumber, .rank, .denseRank, .count:
            type = .int64
        case .sum, .avg:
            guard let argumentType, argumentType.isNumeric else {
                throw .typeMismatch(message: "\(function.rawValue)() needs a number, not \(argumentType.map { "\($0)" } ?? "*")", offset: argument?.offset ?? offset)
            }
            type = function == .avg || argumentType == .double ? .double : .int64
        case .lag, .lead, .firstValue, .lastValue, .min, .max:
            type = argumentType ?? .int64
        }
        if let defaultValue, let argumentType {
            let defaultType = fields[defaultValue.column].type
            guard defaultType == argumentType || (defaultType.isNumeric && argumentType.isNumeric) || defaultType == .string else {
                throw .typeMismatch(message: "\(function.rawValue)()'s default must be a \(argumentType) like its value, not \(defaultType)", offset: defaultValue.offset)
            }
        }
        return WindowCall(
            function: function, argument: argument?.column, rowOffset: function == .lead ? -rowOffset : rowOffset, defaultValue: defaultValue?.column,
            partition: partition, order: order, frame: frame, type: type, text: text, offset: offset)
    }
}
