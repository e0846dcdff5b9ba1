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
    /// How many parse functions that recurse for nesting (``expression()``, NOT, unary signs) are active.
    private var nesting = 0
    /// The depth of the expression tree the last expression-parsing function returned (a leaf is 1).
    private var lastDepth = 0
    /// How many ``query()`` calls (queries inside queries) are active.
    private var queryNesting = 0

    /// Words that cannot be column names or aliases without double quotes.
    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AS", "AND", "OR", "NOT",
        "IN", "IS", "NULL", "LIKE", "ILIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "ASC", "DESC",
        "NULLS", "DISTINCT", "TRUE", "FALSE", "ON", "JOIN", "UNION", "ALL", "QUALIFY",
    ]

    /// Statements a user might try that are refused by name: they write, or change the session or the database.
    static let refusedStatements: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "COPY", "ATTACH", "DETACH", "PRAGMA", "SET",
        "INSTALL", "LOAD", "EXPORT", "IMPORT", "CALL", "TRUNCATE", "REPLACE", "MERGE", "GRANT", "VACUUM",
        "USE", "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT",
    ]

    /// Read-only statements that are not supported (yet), with what to do instead: never refused as writes.
    static let unsupportedStatements: [String: String] = [
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
        // (Writes are refused by name where a SELECT is expected: here, or after WITH …)
        if let word = current.keyword, let message = Self.unsupportedStatements[word] { throw .unsupported(message: message, offset: current.start) }
        if isKeyword("EXPLAIN") { throw .syntax(message: "EXPLAIN comes once, at the start of a statement, before a SELECT", offset: current.start) }
        let statement = try query()
        acceptSymbol(";")
        guard current.kind == .end else {
            if isKeyword("EXCEPT") || isKeyword("INTERSECT") {
                throw .unsupported(message: "\(current.keyword ?? "") is not supported; UNION ALL and UNION are", offset: current.start)
            }
            if isKeyword("QUALIFY") {
                throw .syntax(message: "QUALIFY comes after WHERE, GROUP BY and HAVING, and before ORDER BY and LIMIT", offset: current.start)
            }
            if isKeyword("WINDOW") {
                throw .unsupported(message: "named windows (WINDOW) are not supported; write the window in OVER (…)", offset: current.start)
            }
            if tokens[position - 1].kind == .symbol(";") {
                throw .notAllowed(message: "one statement per query; remove what follows the ';'", offset: current.start)
            }
            throw unexpected(expected: "the end of the query (or WHERE, GROUP BY, HAVING, ORDER BY, LIMIT in that order)")
        }
        return statement
    }

    /// `[WITH …] SELECT … [UNION [ALL] SELECT …]… [ORDER BY …] [LIMIT …]`: a whole query, as a statement or inside
    /// parentheses (a CTE, a subquery in FROM or in IN).
    mutating func query() throws(QueryError) -> SelectStatement {
        queryNesting += 1
        defer { queryNesting -= 1 }
        if queryNesting > QueryLimits.maxQueryNesting {
            throw .limitExceeded(
                message: "queries nest more than \(QueryLimits.maxQueryNesting) levels deep here (the limit; each subquery and WITH query is a level); use WITH queries one after another instead",
                offset: current.start)
        }
        var ctes: [CommonTableExpression] = []
        if acceptKeyword("WITH") {
            if isKeyword("RECURSIVE") {
                throw .unsupported(message: "recursive CTEs (WITH RECURSIVE) are not supported; only plain WITH name AS (SELECT …)", offset: current.start)
            }
            repeat {
                let offset = current.start
                let name = try identifier("a name for the WITH query")
                if ctes.contains(where: { $0.name == name }) {
                    throw .syntax(message: "the WITH query name '\(name)' is used twice", offset: offset)
                }
                if isSymbol("(") {
                    throw .unsupported(message: "column names after a WITH query's name are not supported; name the columns in its SELECT (AS)", offset: current.start)
                }
                try expectKeyword("AS", "after the WITH query's name")
                try expectSymbol("(", "before the WITH query's SELECT")
                let inner = try query()
                try expectSymbol(")", "to close the WITH query")
                ctes.append(CommonTableExpression(name: name, query: inner, offset: offset))
            } while acceptSymbol(",")
        }
        var head = try select()
        head.ctes = ctes
        while isKeyword("UNION") {
            let previous = head.unions.last?.select ?? head
            if !previous.orderBy.isEmpty || previous.limit != nil || previous.offset != nil {
                throw .syntax(
                    message: "ORDER BY and LIMIT go after the last SELECT of a UNION (they apply to the whole union); wrap a block in a subquery to sort it alone",
                    offset: current.start)
            }
            let offset = advance().start
            let all = acceptKeyword("ALL")
            if !all { acceptKeyword("DISTINCT") }
            if isSymbol("(") {
                throw .unsupported(message: "parenthesised UNION blocks are not supported; write SELECT … UNION ALL SELECT …", offset: current.start)
            }
            if isKeyword("WITH") {
                throw .syntax(message: "WITH comes once, before the first SELECT of a UNION", offset: current.start)
            }
            head.unions.append(UnionTerm(all: all, select: try select(), offset: offset))
        }
        if var last = head.unions.last?.select {
            // What follows the last block sorts and cuts the whole union.
            (head.orderBy, head.limit, head.offset) = (last.orderBy, last.limit, last.offset)
            (last.orderBy, last.limit, last.offset) = ([], nil, nil)
            head.unions[head.unions.count - 1].select = last
        }
        return head
    }

    /// One SELECT block: `SELECT … [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [QUALIFY …] [ORDER BY …] [LIMIT …]`.
    private mutating func select() throws(QueryError) -> SelectStatement {
        if isKeyword("WITH") { throw .syntax(message: "WITH comes first, before the SELECT it belongs to", offset: current.start) }
        if let word = current.keyword, Self.refusedStatements.contains(word) {
            throw .notAllowed(
                message: "only SELECT queries are allowed (Aurum's query language is read-only); \(word) is not", offset: current.start)
        }
        guard acceptKeyword("SELECT") else { throw unexpected(expected: "SELECT") }
        var statement = SelectStatement()
        statement.distinct = acceptKeyword("DISTINCT")
        if acceptKeyword("ALL") { statement.distinct = false }
        repeat {
            try checkListLength(statement.items.count + 1, "the select list")
            statement.items.append(try selectItem())
        } while acceptSymbol(",")
        if acceptKeyword("FROM") {
            statement.from = try fromClause()
        } else {
            // `SELECT spend frm t`: "frm" was taken as an alias; point at it instead.
            if let last = statement.items.last, let alias = last.alias, editDistance(alias.uppercased(), "FROM") <= 2, case .word = current.kind {
                throw .syntax(message: "expected FROM after the select list; did you mean FROM instead of '\(alias)'?", offset: tokens[position - 1].start)
            }
            // No FROM (`SELECT 1 + 1`) only when a clause or the end follows.
            guard current.kind == .end || isSymbol(";") || isSymbol(")") || Self.clausesAfterFrom.contains(current.keyword ?? "") else {
                throw unexpected(expected: "',' or FROM after the select list")
            }
        }
        if acceptKeyword("WHERE") { statement.whereClause = try expression() }
        if acceptKeyword("GROUP") {
            try expectKeyword("BY", "after GROUP")
            if acceptKeyword("ALL") {
                statement.groupByAll = true
            } else {
                repeat {
                    try checkKeyCount(statement.groupBy.count + 1, "GROUP BY")
                    statement.groupBy.append(try expression())
                } while acceptSymbol(",")
            }
        }
        if acceptKeyword("HAVING") { statement.having = try expression() }
        if acceptKeyword("QUALIFY") { statement.qualify = try expression() }
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
        return statement
    }

    /// FROM's items: a table, CTE or subquery, then any number of `[INNER] JOIN` / `LEFT [OUTER] JOIN … ON …`.
    private mutating func fromClause() throws(QueryError) -> TableReference {
        var left = try tableItem()
        var joins = 0
        while true {
            if isSymbol(",") {
                throw .unsupported(message: "FROM a, b (a cross join) is not supported; write a JOIN … ON a.x = b.y", offset: current.start)
            }
            let offset = current.start
            let kind: JoinKind
            if acceptKeyword("JOIN") {
                kind = .inner
            } else if acceptKeyword("INNER") {
                try expectKeyword("JOIN", "after INNER")
                kind = .inner
            } else if acceptKeyword("LEFT") {
                acceptKeyword("OUTER")
                try expectKeyword("JOIN", "after LEFT")
                kind = .left
            } else if let word = current.keyword, let message = Self.unsupportedJoins[word] {
                throw .unsupported(message: message, offset: current.start)
            } else {
                return left
            }
            joins += 1
            if joins > QueryLimits.maxJoins {
                throw .limitExceeded(message: "FROM has more than \(QueryLimits.maxJoins) joins (the limit)", offset: offset)
            }
            let right = try tableItem()
            if isKeyword("USING") {
                throw .unsupported(message: "JOIN … USING (…) is not supported; write ON a.x = b.x", offset: current.start)
            }
            try expectKeyword("ON", "after the joined table (JOIN t ON a.x = t.y)")
            left = .join(left, right, kind: kind, on: try expression(), offset: offset)
        }
    }

    /// Joins that are refused, with what to write instead.
    private static let unsupportedJoins: [String: String] = [
        "RIGHT": "RIGHT JOIN is not supported; swap the two tables and write LEFT JOIN",
        "FULL": "FULL JOIN is not supported; only [INNER] JOIN and LEFT JOIN are",
        "CROSS": "CROSS JOIN is not supported; write a JOIN … ON a.x = b.y",
        "NATURAL": "NATURAL JOIN is not supported; write a JOIN … ON a.x = b.x",
        "ASOF": "ASOF JOIN is not supported; only [INNER] JOIN and LEFT JOIN are",
        "SEMI": "SEMI JOIN is not supported; use x IN (SELECT …)",
        "ANTI": "ANTI JOIN is not supported; use x NOT IN (SELECT …)",
        "POSITIONAL": "POSITIONAL JOIN is not supported; only [INNER] JOIN and LEFT JOIN are",
        "LATERAL": "LATERAL is not supported; subqueries in FROM cannot refer to other FROM items",
    ]

    /// Words after a FROM item that are never its alias.
    private static let notAliases: Set<String> = clausesAfterFrom.union(unsupportedJoins.keys).union(["INNER", "LEFT", "OUTER", "USING"])

    /// A table or CTE name, or a parenthesised subquery, with an optional alias.
    private mutating func tableItem() throws(QueryError) -> TableReference {
        let offset = current.start
        if acceptSymbol("(") {
            guard isKeyword("SELECT") || isKeyword("WITH") else {
                throw unexpected(expected: "SELECT after '(' in FROM (a subquery)")
            }
            let inner = try query()
            try expectSymbol(")", "to close the subquery")
            return .subquery(inner, alias: try tableAlias(), offset: offset)
        }
        if isKeyword("LATERAL"), let message = Self.unsupportedJoins["LATERAL"] { throw .unsupported(message: message, offset: current.start) }
        let name = try identifier("a table name after FROM")
        if isSymbol("(") {
            throw .notAllowed(message: "table functions (\(name)(…)) are not allowed: a query reads only the catalogue's tables", offset: offset)
        }
        return .named(name, alias: try tableAlias(), offset: offset)
    }

    /// `[AS] alias` after a FROM item, or nil.
    private mutating func tableAlias() throws(QueryError) -> String? {
        if acceptKeyword("AS") { return try identifier("an alias after AS") }
        if isAtName, !Self.notAliases.contains(current.keyword ?? "") { return try identifier("an alias") }
        return nil
    }

    /// Words that may follow the select list when there is no FROM, or the table.
    private static let clausesAfterFrom: Set<String> = [
        "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "QUALIFY", "WINDOW",
    ]

    private mutating func selectItem() throws(QueryError) -> SelectItem {
        let offset = current.start
        if acceptSymbol("*") { return SelectItem(expression: nil, alias: nil, offset: offset) }
        if isAtName, peek().kind == .symbol("."), peek(2).kind == .symbol("*") {
            let qualifier = try identifier("a table name before .*")
            position += 2
            return SelectItem(expression: nil, starQualifier: qualifier, alias: nil, offset: offset)
        }
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
            if isKeyword("SELECT") || isKeyword("WITH") {
                let subquery = try query()
                try expectSymbol(")", "to close the subquery of IN")
                try built(over: leftDepth, at: offset)
                return .inSubquery(left, subquery, negated: negated, offset: offset)
            }
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
            if isKeyword("SELECT") || isKeyword("WITH") {
                throw .unsupported(message: "scalar subqueries are not supported; a subquery may stand in FROM or in IN (SELECT …) (or compute it in a WITH query and JOIN it)", offset: current.start)
            }
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
        case "INTERVAL" where Self.startsInterval(peek().kind):
            return try intervalExpression()
        case "EXTRACT" where peek().kind == .symbol("("):
            return try extractExpression()
        case "CURRENT_DATE" where peek().kind != .symbol("("):
            position += 1
            return .function("current_date", arguments: [], distinct: false, offset: token.start)
        case "SELECT":
            throw .unsupported(message: "a subquery needs parentheses, and may stand only in FROM or in IN (SELECT …)", offset: token.start)
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
            if isKeyword("OVER") { return try windowCall(name, arguments: [.star(offset: token.start)], distinct: false, depth: 1, offset: token.start) }
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
        if isKeyword("OVER") { return try windowCall(name, arguments: arguments, distinct: distinct, depth: depth, offset: token.start) }
        try built(over: depth, at: token.start)
        return try filterClause(on: .function(name, arguments: arguments, distinct: distinct, offset: token.start))
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
        if isKeyword("OVER") {
            throw .unsupported(message: "FILTER (WHERE …) on a window function is not supported; filter in a CASE inside it", offset: current.start)
        }
        return .filtered(call, filter: condition, offset: offset)
    }

    /// `qualifier.column` (the binder checks the qualifier against the FROM items).
    private mutating func qualifiedColumn(after qualifier: String, offset: Int) throws(QueryError) -> Expression? {
        guard isSymbol(".") else { return nil }
        position += 1
        let name = try identifier("a column name after '\(qualifier).'")
        return .qualifiedColumn(qualifier, column: name, offset: offset)
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

    // MARK: - INTERVAL and EXTRACT (read as the functions DuckDB reads them as)

    /// Whether a token after the word INTERVAL starts an interval's amount (else INTERVAL is a column name).
    private static func startsInterval(_ kind: Token.Kind) -> Bool {
        switch kind {
        case .integer, .decimal, .string, .symbol("("), .symbol("-"): true
        default: false
        }
    }

    /// `INTERVAL n UNIT`, `INTERVAL 'n' UNIT`, `INTERVAL (expr) UNIT`, `INTERVAL 'n units'`: read as `to_<units>(n)`
    /// (`IntervalUnit`), which the binder accepts only beside a DATE.
    private mutating func intervalExpression() throws(QueryError) -> Expression {
        let offset = advance().start
        let amount: Expression
        let amountOffset = current.start
        switch current.kind {
        case .string(let text) where !Self.isIntervalUnitWord(peek().kind):
            // 'n units' in one string: one number and one unit (DuckDB takes several; write one INTERVAL each).
            position += 1
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let number = Int64(parts[0]) else {
                throw .syntax(
                    message: "INTERVAL '\(text)' is not one amount and one unit; write INTERVAL '7 days', or one INTERVAL per unit (INTERVAL '1 month' + INTERVAL '2 days')",
                    offset: amountOffset)
            }
            let unit = try intervalUnit(String(parts[1]), offset: amountOffset)
            try built(over: 1, at: offset)
            return .function(unit.functionName, arguments: [.literal(.integer(number), offset: amountOffset)], distinct: false, offset: offset)
        case .symbol("("):
            position += 1
            amount = try expression()
            try expectSymbol(")", "to close the INTERVAL's amount")
        case .symbol("-"):
            throw .syntax(message: "write a negative INTERVAL as INTERVAL (-1) DAY or INTERVAL '-1' DAY", offset: amountOffset)
        default:
            amount = try primary()
        }
        let depth = lastDepth
        guard case .word(let word) = current.kind, !Self.reserved.contains(word.uppercased()) else {
            throw unexpected(expected: "a unit after INTERVAL's amount (DAY, WEEK, MONTH, QUARTER or YEAR)")
        }
        let unit = try intervalUnit(word, offset: current.start)
        position += 1
        try built(over: depth, at: offset)
        return .function(unit.functionName, arguments: [amount], distinct: false, offset: offset)
    }

    private static func isIntervalUnitWord(_ kind: Token.Kind) -> Bool {
        guard case .word(let word) = kind else { return false }
        return IntervalUnit.named(word) != nil || IntervalUnit.isTimeOfDay(word)
    }

    private func intervalUnit(_ word: String, offset: Int) throws(QueryError) -> IntervalUnit {
        if let unit = IntervalUnit.named(word) { return unit }
        if IntervalUnit.isTimeOfDay(word) {
            throw .unsupported(message: "INTERVAL … \(word.uppercased()): a DATE has no time of day; use DAY, WEEK, MONTH, QUARTER or YEAR", offset: offset)
        }
        throw .syntax(message: "'\(word)' is not an INTERVAL unit; use DAY, WEEK, MONTH, QUARTER or YEAR", offset: offset)
    }

    /// `extract(field FROM date)`: read as `date_part('field', date)`, as DuckDB does.
    private mutating func extractExpression() throws(QueryError) -> Expression {
        let offset = advance().start
        try expectSymbol("(", "after EXTRACT")
        let fieldOffset = current.start
        let field: String
        switch current.kind {
        case .word(let word): field = word.lowercased()
        case .string(let text): field = text.lowercased()
        default: throw unexpected(expected: "a field after EXTRACT( (year, quarter, month, week, day, doy, isodow, dow, isoyear)")
        }
        position += 1
        try expectKeyword("FROM", "in EXTRACT(field FROM date)")
        let date = try expression()
        try expectSymbol(")", "to close EXTRACT")
        try built(over: lastDepth, at: offset)
        return .function("date_part", arguments: [.literal(.string(field), offset: fieldOffset), date], distinct: false, offset: offset)
    }

    // MARK: - Window functions

    /// `OVER ( [PARTITION BY …] [ORDER BY …] [frame] )` after the call `name(arguments)`; `depth` is the deepest
    /// argument's.
    private mutating func windowCall(_ name: String, arguments: [Expression], distinct: Bool, depth: Int, offset: Int) throws(QueryError) -> Expression {
        position += 1  // OVER
        if distinct {
            throw .unsupported(message: "DISTINCT is not supported in window functions (\(name)(DISTINCT …) OVER …)", offset: offset)
        }
        guard acceptSymbol("(") else {
            if isAtName {
                throw .unsupported(message: "named windows (OVER name, WINDOW …) are not supported; write the window in OVER (…)", offset: current.start)
            }
            throw unexpected(expected: "'(' after OVER")
        }
        var spec = WindowSpec()
        var depth = depth
        if acceptKeyword("PARTITION") {
            spec.partitionBy = try keys(after: "PARTITION", "PARTITION BY", depth: &depth) { parser throws(QueryError) in try parser.expression() }
        }
        if acceptKeyword("ORDER") {
            spec.orderBy = try keys(after: "ORDER", "the window's ORDER BY", depth: &depth) { parser throws(QueryError) in try parser.orderTerm() }
        }
        if isKeyword("ROWS") || isKeyword("RANGE") || isKeyword("GROUPS") { spec.frame = try windowFrame() }
        try expectSymbol(")", "to close OVER (")
        try built(over: depth, at: offset)
        return .window(name, arguments: arguments, spec: spec, offset: offset)
    }

    /// `BY key, key, …` after `word` (at most ``QueryLimits/maxKeys``), each read by `key`; `depth` rises to the
    /// deepest key's.
    private mutating func keys<Key>(
        after word: String, _ clause: String, depth: inout Int, _ key: (inout Parser) throws(QueryError) -> Key
    ) throws(QueryError) -> [Key] {
        try expectKeyword("BY", "after \(word)")
        var keys: [Key] = []
        repeat {
            try checkKeyCount(keys.count + 1, clause)
            keys.append(try key(&self))
            depth = max(depth, lastDepth)
        } while acceptSymbol(",")
        return keys
    }

    /// `ROWS|RANGE BETWEEN start AND end`, or `ROWS|RANGE start` (which ends at the current row). RANGE takes only
    /// UNBOUNDED and CURRENT ROW bounds; GROUPS and EXCLUDE are refused.
    private mutating func windowFrame() throws(QueryError) -> WindowFrame {
        let token = advance()
        guard token.keyword != "GROUPS" else {
            throw .unsupported(message: "GROUPS frames are not supported; use ROWS BETWEEN … or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", offset: token.start)
        }
        let unit: WindowFrame.Unit = token.keyword == "ROWS" ? .rows : .range
        let startOffset = current.start
        let start: FrameBound
        var end = FrameBound.currentRow
        var endOffset = startOffset
        if acceptKeyword("BETWEEN") {
            start = try frameBound()
            try expectKeyword("AND", "between the bounds of the window frame")
            endOffset = current.start
            end = try frameBound()
        } else {
            start = try frameBound()
        }
        if isKeyword("EXCLUDE") { throw .unsupported(message: "EXCLUDE in a window frame is not supported", offset: current.start) }
        switch (start, end) {
        case (.unboundedFollowing, _):
            throw .syntax(message: "a window frame cannot start at UNBOUNDED FOLLOWING", offset: startOffset)
        case (_, .unboundedPreceding):
            throw .syntax(message: "a window frame cannot end at UNBOUNDED PRECEDING", offset: endOffset)
        case (.following, .preceding), (.following, .currentRow):
            throw .syntax(message: "a window frame that starts after the current row cannot end at or before it", offset: endOffset)
        case (.currentRow, .preceding):
            throw .syntax(message: "a window frame that starts at the current row cannot end before it", offset: endOffset)
        default:
            break
        }
        if unit == .range {
            for (bound, at) in [(start, startOffset), (end, endOffset)] {
                switch bound {
                case .preceding, .following:
                    throw .unsupported(
                        message: "RANGE frames with an offset (n PRECEDING or n FOLLOWING) are not supported; use ROWS BETWEEN n PRECEDING AND …, or RANGE with UNBOUNDED and CURRENT ROW",
                        offset: at)
                default:
                    break
                }
            }
        }
        return WindowFrame(unit: unit, start: start, end: end, offset: token.start)
    }

    /// `UNBOUNDED PRECEDING|FOLLOWING`, `CURRENT ROW` or `n PRECEDING|FOLLOWING` (n a whole number).
    private mutating func frameBound() throws(QueryError) -> FrameBound {
        if acceptKeyword("UNBOUNDED") {
            if acceptKeyword("PRECEDING") { return .unboundedPreceding }
            if acceptKeyword("FOLLOWING") { return .unboundedFollowing }
            throw unexpected(expected: "PRECEDING or FOLLOWING after UNBOUNDED")
        }
        if acceptKeyword("CURRENT") {
            try expectKeyword("ROW", "after CURRENT")
            return .currentRow
        }
        guard case .integer(let rows) = current.kind, rows >= 0 else {
            if case .word = current.kind, !isKeyword("PRECEDING"), !isKeyword("FOLLOWING") {
                throw .unsupported(message: "a window frame's offset must be a whole number of rows (n PRECEDING or n FOLLOWING)", offset: current.start)
            }
            throw unexpected(expected: "UNBOUNDED, CURRENT ROW or a number of rows in the window frame")
        }
        position += 1
        if acceptKeyword("PRECEDING") { return .preceding(rows) }
        if acceptKeyword("FOLLOWING") { return .following(rows) }
        throw unexpected(expected: "PRECEDING or FOLLOWING after the number of rows")
    }
}
