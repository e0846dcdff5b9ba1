import AurumCore

/// A literal value as written in the query.
public enum Literal: Equatable, Sendable {
    case integer(Int64)
    /// `1.5`, `1e3`: typed DOUBLE.
    case decimal(Double)
    case string(String)
    /// `DATE 'YYYY-MM-DD'`.
    case date(Date32)
    case boolean(Bool)
    case null
}

public enum UnaryOperator: String, Sendable { case negate = "-", not = "NOT" }

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR", concatenate = "||"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }
}

/// An expression as parsed, before names and types are resolved. Every node keeps the byte offset where it
/// starts, for error messages.
public indirect enum Expression: Equatable, Sendable {
    case column(String, offset: Int)
    /// `qualifier.column`: a column of the FROM item called `qualifier` (a table, a CTE or an alias); `offset` is
    /// the qualifier's.
    case qualifiedColumn(String, column: String, offset: Int)
    case literal(Literal, offset: Int)
    /// `*` inside `count(*)`.
    case star(offset: Int)
    case unary(UnaryOperator, Expression, offset: Int)
    case binary(BinaryOperator, Expression, Expression, offset: Int)
    case between(Expression, low: Expression, high: Expression, negated: Bool, offset: Int)
    case inList(Expression, [Expression], negated: Bool, offset: Int)
    /// `x [NOT] IN (SELECT one_column …)`: an uncorrelated subquery.
    case inSubquery(Expression, SelectStatement, negated: Bool, offset: Int)
    case like(Expression, pattern: Expression, caseInsensitive: Bool, negated: Bool, offset: Int)
    case isNull(Expression, negated: Bool, offset: Int)
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    case caseWhen(operand: Expression?, branches: [CaseBranch], otherwise: Expression?, offset: Int)
    /// `name(args)`, `count(*)`, `count(DISTINCT x)`.
    case function(String, arguments: [Expression], distinct: Bool, offset: Int)
    /// `CAST(x AS type)` or `x::type`.
    case cast(Expression, DataType, offset: Int)
    /// `name(args) OVER (…)`: a window function call (``WindowSpec``); `count(*)` keeps its `.star` argument.
    case window(String, arguments: [Expression], spec: WindowSpec, offset: Int)
    /// `call FILTER (WHERE filter)`: an aggregate that sees only the rows where `filter` is true. The parser
    /// wraps any call; the binder refuses it on anything but an aggregate. `offset` is the word FILTER's (the
    /// expression starts where the call does).
    case filtered(Expression, filter: Expression, offset: Int)

    /// Where the expression starts in the query text.
    public var offset: Int {
        switch self {
        case .column(_, let offset), .qualifiedColumn(_, _, let offset), .inSubquery(_, _, _, let offset), .literal(_, let offset), .star(let offset), .unary(_, _, let offset),
            .binary(_, _, _, let offset), .between(_, _, _, _, let offset), .inList(_, _, _, let offset),
            .like(_, _, _, _, let offset), .isNull(_, _, let offset), .caseWhen(_, _, _, let offset),
            .function(_, _, _, let offset), .cast(_, _, let offset), .window(_, _, _, let offset):
            offset
        case .filtered(let call, _, _):
            call.offset
        }
    }
}

public struct CaseBranch: Equatable, Sendable {
    public var when: Expression
    public var then: Expression
}

/// One item of the select list: `*`, or an expression with an optional alias.
public struct SelectItem: Equatable, Sendable {
    public var expression: Expression?
    /// `t.*`: only the columns of the FROM item called `t` (nil for a plain `*`).
    public var starQualifier: String?
    public var alias: String?
    public var offset: Int
    /// The expression as written (the result column's name when there is no alias).
    public var text = ""
    public var isStar: Bool { expression == nil }
}

/// One ORDER BY term.
public struct OrderTerm: Equatable, Sendable {
    public var expression: Expression
    public var descending: Bool
    /// nil: the default (NULLs last in both directions, as DuckDB).
    public var nullsFirst: Bool?
}

/// `SELECT … [FROM …] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT [OFFSET]]`: the one query there is.
public struct SelectStatement: Equatable, Sendable {
    public var distinct = false
    /// `WITH name AS (…), …` before this SELECT: visible to later CTEs, this block and its UNION ALL blocks.
    public var ctes: [CommonTableExpression] = []
    public var items: [SelectItem] = []
    /// FROM: a table or CTE, a subquery, or joins of them; nil for `SELECT 1 + 1`, which (as in DuckDB) runs over
    /// one row that has no columns.
    public var from: TableReference?
    /// The FROM table's name when FROM names one table (or CTE) without an alias or join.
    public var table: String? {
        if case .named(let name, nil, _) = from { return name }
        return nil
    }
    /// Where FROM's first item starts.
    public var tableOffset: Int { from?.offset ?? 0 }
    public var whereClause: Expression?
    public var groupBy: [Expression] = []
    /// `GROUP BY ALL`: group by every select item without an aggregate (as DuckDB).
    public var groupByAll = false
    public var having: Expression?
    /// `QUALIFY condition`: a filter on the rows after the window functions are computed.
    public var qualify: Expression?
    public var orderBy: [OrderTerm] = []
    public var limit: Int64?
    public var offset: Int64?
    /// `UNION [ALL] SELECT …` blocks after this one. When there are any, ``orderBy``, ``limit`` and ``offset``
    /// (written after the last block) apply to the whole union.
    public var unions: [UnionTerm] = []
}

/// `name AS (SELECT …)` in a WITH clause.
public struct CommonTableExpression: Equatable, Sendable {
    public var name: String
    public var query: SelectStatement
    public var offset: Int
}

/// One `UNION [ALL] SELECT …` block.
public struct UnionTerm: Equatable, Sendable {
    /// UNION ALL keeps duplicate rows; UNION removes them.
    public var all: Bool
    public var select: SelectStatement
    public var offset: Int
}

/// `[INNER] JOIN` or `LEFT [OUTER] JOIN`.
public enum JoinKind: String, Equatable, Sendable {
    case inner = "INNER", left = "LEFT"
}

/// An item of FROM.
public indirect enum TableReference: Equatable, Sendable {
    /// A catalogue table or a CTE, with an optional alias.
    case named(String, alias: String?, offset: Int)
    /// `(SELECT …) [AS] alias`.
    case subquery(SelectStatement, alias: String?, offset: Int)
    /// `left [INNER|LEFT] JOIN right ON condition`.
    case join(TableReference, TableReference, kind: JoinKind, on: Expression, offset: Int)

    /// Where the item starts in the query text.
    public var offset: Int {
        switch self {
        case .named(_, _, let offset), .subquery(_, _, let offset): offset
        case .join(let left, _, _, _, _): left.offset
        }
    }
}

/// One statement: a query, or `EXPLAIN [ANALYZE]` of one.
public enum Statement: Equatable, Sendable {
    case select(SelectStatement)
    /// `EXPLAIN [ANALYZE] SELECT …`: the query's plan instead of its rows; with ANALYZE, the query runs and the
    /// plan is followed by what it scanned, pruned and produced.
    case explain(SelectStatement, analyze: Bool)
}
