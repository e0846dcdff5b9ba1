import AurumCore

/// The columns one SELECT block of a translated query can name, with their types: enough typing for the
/// translator to pick a dialect's spelling (a DATE minus a DATE, a sum of money, a DOUBLE cast to BIGINT). The
/// query was already bound by Aurum's own planner, so every name here resolves; a name that does not (a select
/// alias in ORDER BY) simply has no known type.
struct TranslationScope {
    struct Column {
        /// The FROM item's name (its alias, else the table's), lower case; "" for a result column.
        var qualifier: String
        var name: String
        var type: DataType?
        /// Money: Aurum sums it exactly as a decimal.
        var decimal: Bool
    }

    var columns: [Column]
    /// The WITH queries visible here (what `x IN (SELECT … FROM cte)` may read), by lower-case name.
    var ctes: [String: TranslationScope] = [:]
    /// The block's select aliases (the first item of each name), by lower-case name: what Aurum lets a window's
    /// operands and QUALIFY name (WindowPlanner), a FROM column of the same name winning.
    var selectAliases: [String: Expression] = [:]
    /// Whether a bare name that is no FROM column is written out as the select item it aliases: inside a window
    /// for BigQuery and Spark, which do not see select aliases there, in BigQuery's QUALIFY and in Spark's rewrite
    /// of it. A FROM column an alias shadows is then written qualified.
    var inlinesAliases = false

    static let empty = TranslationScope(columns: [])

    /// The columns of `schema`, qualified by `qualifier`.
    init(_ schema: Schema, qualifier: String) {
        columns = schema.fields.map { Column(qualifier: qualifier.lowercased(), name: $0.name.lowercased(), type: $0.type, decimal: $0.decimal) }
    }

    init(columns: [Column]) { self.columns = columns }

    /// The same columns, now named by `qualifier` (a subquery's or CTE's alias).
    func requalified(_ qualifier: String) -> TranslationScope {
        TranslationScope(columns: columns.map { Column(qualifier: qualifier.lowercased(), name: $0.name, type: $0.type, decimal: $0.decimal) })
    }

    static func + (left: TranslationScope, right: TranslationScope) -> TranslationScope { TranslationScope(columns: left.columns + right.columns) }

    /// The column `name` (of `qualifier` when given), if exactly one matches.
    func column(_ name: String, qualifier: String?) -> Column? {
        let lowered = name.lowercased(), owner = qualifier?.lowercased()
        let matches = columns.filter { $0.name == lowered && (owner == nil || $0.qualifier == owner) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The select item `expression` names when it is a bare name to be inlined here (Aurum's rule: a FROM column
    /// of that name wins over the alias), else nil.
    func aliased(_ expression: Expression) -> Expression? {
        guard inlinesAliases, case .column(let name, _) = expression else { return nil }
        let lowered = name.lowercased()
        guard !columns.contains(where: { $0.name == lowered }) else { return nil }
        return selectAliases[lowered]
    }

    /// The same scope, select aliases not inlined: an alias's own expression is read without them, as in Aurum.
    var withoutInlining: TranslationScope {
        var plain = self
        plain.inlinesAliases = false
        return plain
    }

    /// The type of `expression` over these columns (nil: a NULL literal, or a name that is not a column).
    func type(of expression: Expression) -> DataType? {
        switch expression {
        case .column(let name, _):
            if let aliased = aliased(expression) { return withoutInlining.type(of: aliased) }
            return column(name, qualifier: nil)?.type
        case .qualifiedColumn(let qualifier, let name, _): return column(name, qualifier: qualifier)?.type
        case .literal(let literal, _):
            switch literal {
            case .integer: return .int64
            case .decimal: return .double
            case .string: return .string
            case .date: return .date
            case .boolean: return .bool
            case .null: return nil
            }
        case .star: return nil
        case .unary(let op, let inner, _): return op == .not ? .bool : type(of: inner)
        case .binary(let op, let left, let right, _):
            switch op {
            case .and, .or, .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return .bool
            case .concatenate: return .string
            case .divide: return .double
            case .add, .subtract, .multiply, .modulo:
                let l = type(of: left), r = type(of: right)
                if IntervalUnit.interval(in: left) != nil || IntervalUnit.interval(in: right) != nil { return .date }
                if l == .date && r == .date { return .int64 }
                if l == .date || r == .date { return .date }
                return Self.widened(l, r)
            }
        case .between, .inList, .inSubquery, .like, .isNull: return .bool
        case .caseWhen(_, let branches, let otherwise, _):
            return (branches.map(\.then) + (otherwise.map { [$0] } ?? [])).map(type(of:)).reduce(nil, Self.widened)
        case .cast(_, let type, _): return type
        case .filtered(let call, _, _): return type(of: call)
        case .window(let name, let arguments, _, _):
            switch name.lowercased() {
            case "row_number", "rank", "dense_rank", "count": return .int64
            case "avg": return .double
            case "sum": return arguments.first.map(type(of:)) == .int64 ? .int64 : .double
            default: return arguments.first.flatMap(type(of:))
            }
        case .function(let name, let arguments, _, _):
            return functionType(name.lowercased(), arguments)
        }
    }

    private func functionType(_ name: String, _ arguments: [Expression]) -> DataType? {
        switch name {
        case "count", "length", "date_part", "datepart", "date_diff", "datediff": return .int64
        case "avg": return .double
        case "sum": return arguments.first.map(type(of:)) == .int64 ? .int64 : .double
        case "date_trunc", "last_day", "make_date", "date_add", "current_date": return .date
        case "dayname", "monthname", "strftime", "lower", "upper": return .string
        case "coalesce", "greatest", "least": return arguments.map(type(of:)).reduce(nil, Self.widened)
        default:
            if DialectTranslator.oneFieldFunctions[name] != nil { return .int64 }
            return arguments.first.flatMap(type(of:))
        }
    }

    /// The type two operands meet in: BIGINT beside DOUBLE is DOUBLE; NULL takes the other's.
    static func widened(_ left: DataType?, _ right: DataType?) -> DataType? {
        guard let left else { return right }
        guard let right else { return left }
        if left == right { return left }
        if [left, right].allSatisfy({ $0 == .int64 || $0 == .double }) { return .double }
        return left
    }
}
