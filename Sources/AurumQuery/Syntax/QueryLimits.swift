/// The sizes a query may reach. Each bounds what one query can cost (stack, memory, time) so that nothing a
/// user types, pastes or pipes in can crash or exhaust the process; going past one is a
/// ``QueryError/limitExceeded(message:offset:)`` that names the limit. docs/query-language.md lists them.
public enum QueryLimits {
    /// The longest query text, in bytes (UTF-8). Readers of query text (`-f FILE`, standard input) stop here too.
    public static let maxQueryBytes = 1 << 20

    /// The deepest an expression may nest: parentheses, function calls, CASE, NOT and unary minus each add a
    /// level, and so does each operator of a chain (`a + b + c` is two levels deep), since every later stage
    /// walks the expression tree recursively (DuckDB allows 1,000; debug builds, whose stack frames are several times
    /// larger, fit 250 with room to spare on every thread that evaluates).
    public static let maxExpressionDepth = 250

    /// The most items in one list: an IN list, the WHEN branches of one CASE, a function's arguments, the
    /// select list.
    public static let maxListItems = 10_000

    /// The most GROUP BY or ORDER BY terms: each key is a column as long as the rows it sorts or groups.
    public static let maxKeys = 100

    /// The deepest queries may nest inside queries (a subquery in FROM or IN, a WITH query's body): every stage
    /// (parse, plan, run) recurses through each level with many frames.
    public static let maxQueryNesting = 32

    /// The most JOINs in one FROM clause (each is a level of the join tree, planned recursively).
    public static let maxJoins = 64
}
