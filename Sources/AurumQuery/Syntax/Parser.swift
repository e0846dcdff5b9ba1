import AurumCore

/// Parses one read-only statement of Aurum's query language into a ``Statement`` (or a ``SelectStatement``).
///
/// Recursive descent with one token of look-ahead. Precedence, loosest first: OR; AND; NOT; comparisons,
/// BETWEEN, IN, LIKE, ILIKE, IS [NOT] NULL; `||`; `+ -`; `* / %`; unary `-`; `::` casts; primaries.
/// Anything but a single SELECT (or `EXPLAIN` of one) is refused here, before a table is touched, and so is a query beyond
/// ``QueryLimits``: chains of operators are parsed in loops, but every later stage walks the tree recursively,
/// so the tree's depth (``lastDepth``) is checked as it grows.
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    /// `table.` prefixes of qualified column names, checked against the FROM table once it is known.
    private var qualifiers: [(name: String, offset: Int)] = []
    /// How many parse functions that recurse for nesting (``expression()``, NOT, unary signs) are active.
    private var nesting = 0
    /// The depth of the expression tree the last expression-parsing function returned (a leaf is 1).
    private var lastDepth = 0

    /// Words that cannot be column names or aliases without double quotes.
    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AS", "AND", "OR", "NOT",
        "IN", "IS", "NULL", "LIKE", "ILIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "ASC", "DESC",
        "NULLS", "DISTINCT", "TRUE", "FALSE", "ON", "JOIN", "UNION", "ALL",
    ]

    /// Statements a user might try that are refused by name: they write, or change the session or the database.
    static let refusedStatements: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "COPY", "ATTACH", "DETACH", "PRAGMA", "SET",
        "INSTALL", "LOAD", "EXPORT", "IMPORT", "CALL", "TRUNCATE", "REPLACE", "MERGE", "GRANT", "VACUUM",
        "USE", "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT",
    ]

    /// Read-only statements that are not supported (yet), with what to do instead: never refused as writes.
    static let unsupportedStatements: [String: String] = [
        "WITH": "WITH (common table expressions) is not supported yet",
        "DESCRIBE": "DESCRIBE is not supported; use aurum schema TABLE (.schema TABLE in the REPL)",
        "SHOW": "SHOW is not supported; use aurum tables (.tables in the REPL) and aurum schema TABLE",
    ]

    private let source: [UInt8]

    public init(_ text: String) throws(QueryError) {
        let size = text.utf8.count
        guard size <= QueryLimits.maxQueryBytes else {
            throw .limitExceeded(
                message: "the query is \(size) bytes; the limit is \(QueryLimits.maxQueryBytes) bytes (1 MiB)", offset: QueryLimits.maxQueryBytes)
        }
        tokens = try Lexer.tokens(text)
        source = Array(text.utf8)
    }

    /// Parses `text` as exactly one SELECT statement (an optional trailing `;`).
    public static func parse(_ text: String) throws(QueryError) -> SelectStatement {
        var parser = try Parser(text)
        if parser.isKeyword("EXPLAIN") {
            throw .notAllowed(message: "a SELECT query is expected here, not EXPLAIN (which shows a plan, not rows)", offset: parser.current.start)
        }
        return try parser.statement()
    }

    /// Parses `text` as one SELECT, or `EXPLAIN [ANALYZE]` and one SELECT (an optional trailing `;`).
    public static func parseStatement(_ text: String) throws(QueryError) -> Statement {
        var parser = try Parser(text)
        guard parser.acceptKeyword("EXPLAIN") else { return .select(try parser.statement()) }
        let analyze = parser.acceptKeyword("ANALYZE")
        return .explain(try parser.statement(), analyze: analyze)
    }

    // MARK: - Token helpers

    private var current: Token { tokens[position] }

    private func peek(_ ahead: Int = 1) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isKeyword(_ word: String) -> Bool { current.keyword == word }

    /// Whether the current token can be a name: a bare word that is not reserved, or a quoted identifier.
    private var isAtName: Bool {
        switch current.kind {
        case .word(let word): !Self.reserved.contains(word.uppercased())
        case .quotedIdentifier: true
        default: false
        }
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    @discardableResult
    private mutating func acceptKeyword(_ word: String) -> Bool {
        guard isKeyword(word) else { return false }
        position += 1
        return true
    }

    @discardableResult
    private mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expectKeyword(_ word: String, _ context: String) throws(QueryError) {
        guard acceptKeyword(word) else { throw unexpected(expected: "\(word) \(context)") }
    }

    private mutating func expectSymbol(_ symbol: String, _ context: String) throws(QueryError) {
        guard acceptSymbol(symbol) else { throw unexpected(expected: "'\(symbol)' \(context)") }
    }

    /// One more level of parser recursion, refused past ``QueryLimits/maxExpressionDepth``; pair with
    /// `defer { nesting -= 1 }`.
    private mutating func enterNesting() throws(QueryError) {
        nesting += 1
        if nesting > QueryLimits.maxExpressionDepth { throw tooDeep(at: current.start) }
    }

    /// Records that the expression just built is one level above children of depth `childDepth` (the deepest).
    private mutating func built(over childDepth: Int, at offset: Int) throws(QueryError) {
        lastDepth = childDepth + 1
        if lastDepth > QueryLimits.maxExpressionDepth { throw tooDeep(at: offset) }
    }

    private func tooDeep(at offset: Int) -> QueryError {
        .limitExceeded(
            message: "the expression nests more than \(QueryLimits.maxExpressionDepth) levels deep here (the limit; each parenthesis, call, CASE and operator of a chain is a level); simplify it, or use IN (...) instead of a long chain of OR",
            offset: offset)
    }

    /// Refuses a list (IN, CASE branches, arguments, select list) longer than ``QueryLimits/maxListItems``.
    private func checkListLength(_ count: Int, _ what: String) throws(QueryError) {
        if count > QueryLimits.maxListItems {
            throw .limitExceeded(message: "\(what) has more than \(QueryLimits.maxListItems) items (the limit)", offset: current.start)
        }
    }

    /// Refuses more GROUP BY or ORDER BY terms than ``QueryLimits/maxKeys``.
    private func checkKeyCount(_ count: Int, _ clause: String) throws(QueryError) {
        if count > QueryLimits.maxKeys {
            throw .limitExceeded(message: "\(clause) has more than \(QueryLimits.maxKeys) terms (the limit)", offset: current.start)
        }
    }

    private func unexpected(expected: String) -> QueryError {
        .syntax(message: "expected \(expected), found \(current.display)", offset: current.start)
    }

    // MARK: - Statement

    mutating func statement() throws(QueryError) -> SelectStatement {
        if let word = current.keyword, Self.refusedStatements.contains(word) {
            throw .notAllowed(
                message: "only SELECT queries are allowed (Aurum's query language is read-only); \(word) is not", offset: current.start)
        }
        if let word = current.keyword, let message = Self.unsupportedStatements[word] { throw .unsupported(message: message, offset: current.start) }
        if isKeyword("EXPLAIN") { throw .syntax(message: "EXPLAIN comes once, at the start of a statement, before a SELECT", offset: current.start) }
        guard acceptKeyword("SELECT") else { throw unexpected(expected: "SELECT") }
        var statement = SelectStatement()
        statement.distinct = acceptKeyword("DISTINCT")
        if acceptKeyword("ALL") { statement.distinct = false }
        repeat {
            try checkListLength(statement.items.count + 1, "the select list")
            statement.items.append(try selectItem())
        } while acceptSymbol(",")
        if acceptKeyword("FROM") {
            statement.tableOffset = current.start
            if isSymbol("(") { throw .unsupported(message: "subqueries are not supported; FROM names one table", offset: current.start) }
            statement.table = try identifier("a table name after FROM")
            if isSymbol(",") || ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"].contains(current.keyword ?? "") {
                throw .unsupported(message: "a query reads one table; joins are not supported", offset: current.start)
            }
            if isKeyword("AS") || isAtName && !Self.clausesAfterFrom.contains(current.keyword ?? "") {
                throw .unsupported(message: "table aliases are not supported yet; name columns alone or as \(statement.table ?? "").column", offset: current.start)
            }
        } else {
            // `SELECT spend frm t`: "frm" was taken as an alias; point at it instead.
            if let last = statement.items.last, let alias = last.alias, editDistance(alias.uppercased(), "FROM") <= 2, case .word = current.kind {
                throw .syntax(message: "expected FROM after the select list; did you mean FROM instead of '\(alias)'?", offset: tokens[position - 1].start)
            }
            // No FROM (`SELECT 1 + 1`) only when a clause or the end follows.
            guard current.kind == .end || isSymbol(";") || Self.clausesAfterFrom.contains(current.keyword ?? "") else {
                throw unexpected(expected: "',' or FROM after the select list")
            }
        }
        for (qualifier, offset) in qualifiers where qualifier != statement.table {
            throw .unknownTable(name: qualifier, suggestion: statement.table, offset: offset)
        }
        if acceptKeyword("WHERE") { statement.whereClause = try expression() }
        if acceptKeyword("GROUP") {
            try expectKeyword("BY", "after GROUP")
            if isKeyword("ALL") {
                throw .unsupported(message: "GROUP BY ALL is not supported yet; list the keys (or their positions: GROUP BY 1, 2)", offset: current.start)
            }
            repeat {
                try checkKeyCount(statement.groupBy.count + 1, "GROUP BY")
                statement.groupBy.append(try expression())
            } while acceptSymbol(",")
        }
        if acceptKeyword("HAVING") { statement.having = try expression() }
        if acceptKeyword("ORDER") {
            try expectKeyword("BY", "after ORDER")
            repeat {
                try checkKeyCount(statement.orderBy.count + 1, "ORDER BY")
                statement.orderBy.append(try orderTerm())
            } while acceptSymbol(",")
        }
        if acceptKeyword("LIMIT") {
            statement.limit = try count("a row count after LIMIT")
            if acceptKeyword("OFFSET") { statement.offset = try count("a row count after OFFSET") }
        } else if acceptKeyword("OFFSET") {
            statement.offset = try count("a row count after OFFSET")
        }
        acceptSymbol(";")
        guard current.kind == .end else {
            if isKeyword("UNION") || isKeyword("EXCEPT") || isKeyword("INTERSECT") {
                throw .unsupported(message: "one SELECT per query; \(current.keyword ?? "") is not supported", offset: current.start)
            }
            if isKeyword("QUALIFY") {
                throw .unsupported(message: "QUALIFY (a filter on window functions) is not supported yet", offset: current.start)
            }
            if isKeyword("WINDOW") {
                throw .unsupported(message: "window functions (WINDOW) are not supported yet", offset: current.start)
            }
            if tokens[position - 1].kind == .symbol(";") {
                throw .notAllowed(message: "one statement per query; remove what follows the ';'", offset: current.start)
            }
            throw unexpected(expected: "the end of the query (or WHERE, GROUP BY, HAVING, ORDER BY, LIMIT in that order)")
        }
        return statement
    }

    /// Words that may follow the select list when there is no FROM, or the table.
    private static let clausesAfterFrom: Set<String> = [
        "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "QUALIFY", "WINDOW",
    ]

    private mutating func selectItem() throws(QueryError) -> SelectItem {
        let offset = current.start
        if acceptSymbol("*") { return SelectItem(expression: nil, alias: nil, offset: offset) }
        if isKeyword("FROM") { throw unexpected(expected: "a column or expression to select") }
        let expression = try expression()
        let text = String(decoding: source[offset..<tokens[max(position - 1, 0)].end], as: UTF8.self)
        var alias: String?
        if acceptKeyword("AS") {
            alias = try identifier("an alias after AS")
        } else if case .word(let word) = current.kind, !Self.reserved.contains(word.uppercased()) {
            alias = word.lowercased()
            position += 1
        } else if case .quotedIdentifier(let name) = current.kind {
            alias = name
            position += 1
        }
        return SelectItem(expression: expression, alias: alias, offset: offset, text: text)
    }

    private mutating func orderTerm() throws(QueryError) -> OrderTerm {
        let expression = try expression()
        var descending = false
        if acceptKeyword("DESC") { descending = true } else { acceptKeyword("ASC") }
        var nullsFirst: Bool?
        if acceptKeyword("NULLS") {
            if acceptKeyword("FIRST") {
                nullsFirst = true
            } else if acceptKeyword("LAST") {
                nullsFirst = false
            } else {
                throw unexpected(expected: "FIRST or LAST after NULLS")
            }
        }
        return OrderTerm(expression: expression, descending: descending, nullsFirst: nullsFirst)
    }

    private mutating func count(_ what: String) throws(QueryError) -> Int64 {
        guard case .integer(let value) = current.kind, value >= 0 else { throw unexpected(expected: what) }
        position += 1
        return value
    }

    /// A bare (not reserved) or double-quoted name, lower-cased when bare.
    private mutating func identifier(_ what: String) throws(QueryError) -> String {
        switch current.kind {
        case .word(let word) where !Self.reserved.contains(word.uppercased()):
            position += 1
            return word.lowercased()
        case .quotedIdentifier(let name):
            position += 1
            return name
        default:
            throw unexpected(expected: what)
        }
    }

    // MARK: - Expressions

    mutating func expression() throws(QueryError) -> Expression {
        try enterNesting()
        defer { nesting -= 1 }
        return try disjunction()
    }

    private mutating func disjunction() throws(QueryError) -> Expression {
        var left = try conjunction()
        var depth = lastDepth
        while isKeyword("OR") {
            let offset = advance().start
            left = .binary(.or, left, try conjunction(), offset: offset)
            try built(over: max(depth, lastDepth), at: offset)
            depth = lastDepth
        }
        return left
    }

    private mutating func conjunction() throws(QueryError) -> Expression {
        var left = try negation()
        var depth = lastDepth
        while isKeyword("AND") {
            let offset = advance().start
            left = .binary(.and, left, try negation(), offset: offset)
            try built(over: max(depth, lastDepth), at: offset)
            depth = lastDepth
        }
        return left
    }

    private mutating func negation() throws(QueryError) -> Expression {
        if isKeyword("NOT") {
            let offset = advance().start
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try negation()
            try built(over: lastDepth, at: offset)
            return .unary(.not, operand, offset: offset)
        }
        return try comparison()
    }

    private mutating func comparison() throws(QueryError) -> Expression {
        let left = try concatenation()
        let leftDepth = lastDepth
        let offset = current.start
        if case .symbol(let symbol) = current.kind, let op = Self.comparisonOperators[symbol] {
            position += 1
            let right = try concatenation()
            try built(over: max(leftDepth, lastDepth), at: offset)
            return .binary(op, left, right, offset: offset)
        }
        if acceptKeyword("IS") {
            let negated = acceptKeyword("NOT")
            guard acceptKeyword("NULL") else { throw unexpected(expected: negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS") }
            try built(over: leftDepth, at: offset)
            return .isNull(left, negated: negated, offset: offset)
        }
        let negated = isKeyword("NOT") && ["BETWEEN", "IN", "LIKE", "ILIKE"].contains(peek().keyword ?? "")
        if negated { position += 1 }
        if acceptKeyword("BETWEEN") {
            let low = try concatenation()
            let lowDepth = lastDepth
            try expectKeyword("AND", "between the bounds of BETWEEN")
            let high = try concatenation()
            try built(over: max(leftDepth, lowDepth, lastDepth), at: offset)
            return .between(left, low: low, high: high, negated: negated, offset: offset)
        }
        if acceptKeyword("IN") {
            try expectSymbol("(", "after IN")
            if isKeyword("SELECT") { throw .unsupported(message: "subqueries are not supported; list the values", offset: current.start) }
            var values: [Expression] = []
            var depth = leftDepth
            repeat {
                try checkListLength(values.count + 1, "the IN list")
                values.append(try expression())
                depth = max(depth, lastDepth)
            } while acceptSymbol(",")
            try expectSymbol(")", "to close the IN list")
            try built(over: depth, at: offset)
            return .inList(left, values, negated: negated, offset: offset)
        }
        if isKeyword("LIKE") || isKeyword("ILIKE") {
            let caseInsensitive = advance().keyword == "ILIKE"
            let pattern = try concatenation()
            try built(over: max(leftDepth, lastDepth), at: offset)
            return .like(left, pattern: pattern, caseInsensitive: caseInsensitive, negated: negated, offset: offset)
        }
        return left
    }

    private static let comparisonOperators: [String: BinaryOperator] = [
        "=": .equal, "<>": .notEqual, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    private mutating func concatenation() throws(QueryError) -> Expression {
        var left = try additive()
        var depth = lastDepth
        while isSymbol("||") {
            let offset = advance().start
            left = .binary(.concatenate, left, try additive(), offset: offset)
            try built(over: max(depth, lastDepth), at: offset)
            depth = lastDepth
        }
        return left
    }

    private mutating func additive() throws(QueryError) -> Expression {
        var left = try multiplicative()
        var depth = lastDepth
        while isSymbol("+") || isSymbol("-") {
            let token = advance()
            left = .binary(token.kind == .symbol("+") ? .add : .subtract, left, try multiplicative(), offset: token.start)
            try built(over: max(depth, lastDepth), at: token.start)
            depth = lastDepth
        }
        return left
    }

    private mutating func multiplicative() throws(QueryError) -> Expression {
        var left = try unary()
        var depth = lastDepth
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let token = advance()
            let op: BinaryOperator = token.kind == .symbol("*") ? .multiply : (token.kind == .symbol("/") ? .divide : .modulo)
            left = .binary(op, left, try unary(), offset: token.start)
            try built(over: max(depth, lastDepth), at: token.start)
            depth = lastDepth
        }
        return left
    }

    private mutating func unary() throws(QueryError) -> Expression {
        if isSymbol("-") {
            let offset = advance().start
            try enterNesting()
            defer { nesting -= 1 }
            let operand = try unary()
            // Fold a negated number literal so that -9223372036854775808 and -1.5 are literals. (An integer
            // literal is at least -Int64.max, so negating it cannot overflow.)
            if case .literal(.integer(let value), _) = operand { return .literal(.integer(-value), offset: offset) }
            if case .literal(.decimal(let value), _) = operand { return .literal(.decimal(-value), offset: offset) }
            try built(over: lastDepth, at: offset)
            return .unary(.negate, operand, offset: offset)
        }
        if acceptSymbol("+") {
            try enterNesting()
            defer { nesting -= 1 }
            return try unary()
        }
        return try castSuffix()
    }

    private mutating func castSuffix() throws(QueryError) -> Expression {
        var value = try primary()
        while isSymbol("::") {
            let offset = advance().start
            value = .cast(value, try typeName(), offset: offset)
            try built(over: lastDepth, at: offset)
        }
        return value
    }

    private mutating func typeName() throws(QueryError) -> DataType {
        guard let word = current.keyword else { throw unexpected(expected: "a type name") }
        let type: DataType? = switch word {
        case "BIGINT", "INTEGER", "INT", "INT64", "INT8", "INT4", "SMALLINT", "HUGEINT": .int64
        case "DOUBLE", "FLOAT", "FLOAT8", "REAL", "DECIMAL", "NUMERIC", "FLOAT64": .double
        case "VARCHAR", "TEXT", "STRING": .string
        case "DATE": .date
        case "BOOLEAN", "BOOL": .bool
        default: nil
        }
        guard let type else {
            throw .syntax(message: "unknown type '\(word.lowercased())'; types are BIGINT, DOUBLE, VARCHAR, DATE, BOOLEAN", offset: current.start)
        }
        position += 1
        if isSymbol("(") {  // DECIMAL(18, 2), VARCHAR(20): precision is accepted and ignored
            while !isSymbol(")") && current.kind != .end { position += 1 }
            try expectSymbol(")", "to close the type's parameters")
        }
        return type
    }

    private mutating func primary() throws(QueryError) -> Expression {
        let token = current
        lastDepth = 1  // a leaf; what nests sets its own depth
        switch token.kind {
        case .integer(let value):
            position += 1
            return .literal(.integer(value), offset: token.start)
        case .decimal(let value, _):
            position += 1
            return .literal(.decimal(value), offset: token.start)
        case .string(let text):
            position += 1
            return .literal(.string(text), offset: token.start)
        case .quotedIdentifier(let name):
            position += 1
            if let column = try qualifiedColumn(after: name, offset: token.start) { return column }
            return .column(name, offset: token.start)
        case .symbol("("):
            position += 1
            if isKeyword("SELECT") { throw .unsupported(message: "subqueries are not supported", offset: current.start) }
            let inner = try expression()
            try expectSymbol(")", "to close the parenthesis")
            return inner
        case .symbol("*"):
            throw .syntax(message: "'*' is only allowed alone in the select list or in count(*)", offset: token.start)
        case .word(let word):
            return try wordExpression(word, token: token)
        case .end:
            throw unexpected(expected: "an expression")
        default:
            throw unexpected(expected: "an expression")
        }
    }

    private mutating func wordExpression(_ word: String, token: Token) throws(QueryError) -> Expression {
        switch word.uppercased() {
        case "NULL":
            position += 1
            return .literal(.null, offset: token.start)
        case "TRUE", "FALSE":
            position += 1
            return .literal(.boolean(word.uppercased() == "TRUE"), offset: token.start)
        case "DATE" where { if case .string = peek().kind { true } else { false } }():
            position += 1
            guard case .string(let text) = current.kind else { throw unexpected(expected: "a 'YYYY-MM-DD' string after DATE") }
            guard let date = Date32(iso: text) else {
                throw .syntax(message: "'\(text)' is not a date; write DATE 'YYYY-MM-DD' with a real calendar date", offset: current.start)
            }
            position += 1
            return .literal(.date(date), offset: token.start)
        case "CASE":
            return try caseExpression()
        case "CAST":
            position += 1
            try expectSymbol("(", "after CAST")
            let value = try expression()
            try expectKeyword("AS", "in CAST(value AS type)")
            let type = try typeName()
            try expectSymbol(")", "to close CAST")
            try built(over: lastDepth, at: token.start)
            return .cast(value, type, offset: token.start)
        case "CURRENT_DATE" where peek().kind != .symbol("("):
            position += 1
            return .function("current_date", arguments: [], distinct: false, offset: token.start)
        case "SELECT":
            throw .unsupported(message: "subqueries are not supported", offset: token.start)
        default:
            break
        }
        if Self.reserved.contains(word.uppercased()) { throw unexpected(expected: "an expression") }
        position += 1
        if let column = try qualifiedColumn(after: word.lowercased(), offset: token.start) { return column }
        guard acceptSymbol("(") else { return .column(word.lowercased(), offset: token.start) }
        let name = word.lowercased()
        if acceptSymbol("*") {
            try expectSymbol(")", "after \(name)(*")
            try refuseWindowOrFilter(after: name)
            try built(over: 1, at: token.start)
            return try filterClause(on: .function(name, arguments: [.star(offset: token.start)], distinct: false, offset: token.start))
        }
        let distinct = acceptKeyword("DISTINCT")
        var arguments: [Expression] = []
        var depth = 0
        if !isSymbol(")") {
            repeat {
                try checkListLength(arguments.count + 1, "the arguments of \(name)()")
                arguments.append(try expression())
                depth = max(depth, lastDepth)
            } while acceptSymbol(",")
        }
        try expectSymbol(")", "to close the arguments of \(name)(")
        try refuseWindowOrFilter(after: name)
        try built(over: depth, at: token.start)
        return try filterClause(on: .function(name, arguments: arguments, distinct: distinct, offset: token.start))
    }

    /// `f(…) OVER (…)` is named as unsupported (else OVER would be read as an alias).
    private func refuseWindowOrFilter(after name: String) throws(QueryError) {
        guard peek().kind == .symbol("(") else { return }
        if isKeyword("OVER") {
            throw .unsupported(message: "window functions (\(name)(…) OVER (…)) are not supported yet", offset: current.start)
        }
    }

    /// `call` with a following `FILTER ([WHERE] condition)` (DuckDB accepts the condition without WHERE too), or
    /// `call` itself. Whether `call` is an aggregate is the binder's question: it knows the functions.
    private mutating func filterClause(on call: Expression) throws(QueryError) -> Expression {
        guard isKeyword("FILTER"), peek().kind == .symbol("(") else { return call }
        let offset = advance().start
        let callDepth = lastDepth
        try expectSymbol("(", "after FILTER")
        _ = acceptKeyword("WHERE")
        let condition = try expression()
        try expectSymbol(")", "to close FILTER (WHERE …")
        try built(over: max(callDepth, lastDepth), at: offset)
        return .filtered(call, filter: condition, offset: offset)
    }

    /// `table.column`: the column, remembering the qualifier to check against the FROM table.
    private mutating func qualifiedColumn(after qualifier: String, offset: Int) throws(QueryError) -> Expression? {
        guard isSymbol(".") else { return nil }
        position += 1
        let columnOffset = current.start
        let name = try identifier("a column name after '\(qualifier).'")
        qualifiers.append((qualifier, offset))
        return .column(name, offset: columnOffset)
    }

    private mutating func caseExpression() throws(QueryError) -> Expression {
        let offset = advance().start
        let operand: Expression? = isKeyword("WHEN") ? nil : try expression()
        var depth = operand == nil ? 0 : lastDepth
        var branches: [CaseBranch] = []
        while isKeyword("WHEN") {
            try checkListLength(branches.count + 1, "the CASE")
            position += 1
            let condition = try expression()
            depth = max(depth, lastDepth)
            try expectKeyword("THEN", "after the WHEN condition")
            branches.append(CaseBranch(when: condition, then: try expression()))
            depth = max(depth, lastDepth)
        }
        guard !branches.isEmpty else { throw unexpected(expected: "WHEN after CASE") }
        let otherwise: Expression? = acceptKeyword("ELSE") ? try expression() : nil
        if otherwise != nil { depth = max(depth, lastDepth) }
        try expectKeyword("END", "to close CASE")
        try built(over: depth, at: offset)
        return .caseWhen(operand: operand, branches: branches, otherwise: otherwise, offset: offset)
    }
}
