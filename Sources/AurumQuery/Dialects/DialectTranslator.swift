import AurumCore

/// Writes an Aurum query in another engine's SQL (BigQuery, DuckDB, Spark) with Aurum's meaning: the query is
/// parsed and bound by Aurum first (so only a valid query is translated, and refused with Aurum's own message
/// otherwise), then its syntax tree is written out clause by clause, each construct in the form that gives
/// Aurum's answer there (docs/scale-out.md has the table). A construct with no faithful form is refused by name.
public struct DialectTranslator {
    public let catalog: TableCatalog
    public let dialect: SQLDialect
    /// What `current_date` is: written as a DATE literal, so the other engine answers for the same day.
    public let today: Date32
    /// Put before each catalogue table's name: `project.dataset` or `dataset` (nil: the bare name).
    public let tablePrefix: String?

    public init(catalog: TableCatalog, dialect: SQLDialect, today: Date32, tablePrefix: String? = nil) {
        self.catalog = catalog
        self.dialect = dialect
        self.today = today
        self.tablePrefix = tablePrefix
    }

    /// The one-field date functions (`isodow(d)`, …) and the field each reads.
    static let oneFieldFunctions: [String: DateField] = [
        "year": .year, "month": .month, "day": .day, "dayofmonth": .day, "quarter": .quarter, "week": .week,
        "weekofyear": .week, "isodow": .isodow, "dayofweek": .dow, "weekday": .dow, "dayofyear": .doy,
        "isoyear": .isoyear, "yearweek": .yearweek,
    ]

    /// `text` (one SELECT) in the dialect.
    /// - Throws: Aurum's own error for a query it would refuse; ``QueryError/unsupported(message:offset:)``
    ///   naming a construct the dialect cannot say with Aurum's meaning; EXPLAIN is refused.
    public func translate(_ text: String) throws(QueryError) -> String {
        let statement: SelectStatement
        switch try Parser.parseStatement(text) {
        case .select(let select): statement = select
        case .explain: throw .unsupported(message: "EXPLAIN cannot be translated; translate the query alone", offset: 0)
        }
        _ = try Planner(catalog: catalog, today: today).plan(statement)
        return try query(statement, ctes: [:]).sql
    }

    // MARK: - Statements

    typealias Written = (sql: String, columns: TranslationScope)

    /// A whole query: WITH, its blocks joined by UNION, the union's ORDER BY and LIMIT.
    func query(_ statement: SelectStatement, ctes outer: [String: TranslationScope]) throws(QueryError) -> Written {
        var ctes = outer
        var definitions: [String] = []
        for cte in statement.ctes {
            let written = try query(cte.query, ctes: ctes)
            ctes[cte.name.lowercased()] = written.columns
            definitions.append("\(name(cte.name)) AS (\(written.sql))")
        }
        let withClause = definitions.isEmpty ? "" : "WITH " + definitions.joined(separator: ", ") + " "
        guard !statement.unions.isEmpty else {
            let block = try self.block(statement, ctes: ctes, ordered: true)
            return (withClause + block.sql, block.columns)
        }
        let first = try block(statement, ctes: ctes, ordered: false)
        var sql = first.sql
        for union in statement.unions {
            let next = try block(union.select, ctes: ctes, ordered: false)
            sql += union.all ? " UNION ALL " : (dialect == .bigquery ? " UNION DISTINCT " : " UNION ")
            sql += next.sql
        }
        let resultScope = first.columns.requalified("")
        var tail = try orderBy(statement.orderBy, resultScope)
        tail += limit(statement)
        if tail.isEmpty { return (withClause + sql, first.columns) }
        // The union's ORDER BY names the union's columns: a query around it says so in every dialect.
        return (withClause + "SELECT * FROM (\(sql)) AS \(name("aurum_union"))" + tail, first.columns)
    }

    /// One SELECT block; with `ordered`, its own ORDER BY and LIMIT too.
    func block(_ statement: SelectStatement, ctes: [String: TranslationScope], ordered: Bool) throws(QueryError) -> Written {
        var scope = TranslationScope.empty
        var fromClause = ""
        if let from = statement.from {
            let written = try tableReference(from, ctes: ctes)
            scope = written.columns
            fromClause = " FROM " + written.sql
        } else if dialect != .duckdb {
            // BigQuery refuses WHERE (and more) without FROM; one row of no use stands in for DuckDB's.
            fromClause = " FROM (SELECT 1 AS \(name("aurum_one_row"))) AS \(name("aurum_one_row"))"
        }
        scope.ctes = ctes
        for item in statement.items.reversed() {
            if let alias = item.alias, let expression = item.expression { scope.selectAliases[alias.lowercased()] = expression }
        }
        var items: [String] = []
        var columns: [TranslationScope.Column] = []
        for item in statement.items {
            guard let expression = item.expression else {
                items.append(item.starQualifier.map { name($0) + ".*" } ?? "*")
                columns += scope.columns.filter { item.starQualifier == nil || $0.qualifier == item.starQualifier?.lowercased() }
                continue
            }
            var sql = try self.expression(expression, scope)
            if let alias = item.alias { sql += " AS " + dialect.identifier(alias) }
            items.append(sql)
            let bare: TranslationScope.Column? = switch expression {
            case .column(let column, _): scope.column(column, qualifier: nil)
            case .qualifiedColumn(let qualifier, let column, _): scope.column(column, qualifier: qualifier)
            default: nil
            }
            let outputName = (item.alias ?? bare?.name ?? item.text).lowercased()
            columns.append(TranslationScope.Column(qualifier: "", name: outputName, type: scope.type(of: expression), decimal: bare?.decimal ?? false))
        }
        var sql = fromClause
        if let condition = statement.whereClause { sql += " WHERE " + (try expression(condition, scope)) }
        var keys = statement.groupByAll ? groupByAllPositions(statement, scope) : statement.groupBy
        if dialect == .spark && statement.qualify != nil {
            // Spark's QUALIFY rewrite renames the select items: a GROUP BY alias is written as its item's expression.
            var inlining = scope
            inlining.inlinesAliases = true
            keys = keys.map { inlining.aliased($0) ?? $0 }
        }
        if !keys.isEmpty {
            var written: [String] = []
            for key in keys { written.append(try expression(key, scope)) }
            sql += " GROUP BY " + written.joined(separator: ", ")
        }
        if let having = statement.having { sql += " HAVING " + (try expression(having, scope)) }
        if let qualify = statement.qualify, dialect == .spark {
            return (try sparkQualified(statement, qualify, scope, source: sql, ordered: ordered), TranslationScope(columns: columns))
        }
        sql = "SELECT " + (statement.distinct ? "DISTINCT " : "") + items.joined(separator: ", ") + sql
        if let qualify = statement.qualify {
            // BigQuery takes QUALIFY only after a WHERE, GROUP BY or HAVING.
            if dialect == .bigquery && statement.whereClause == nil && keys.isEmpty && statement.having == nil { sql += " WHERE TRUE" }
            // BigQuery resolves select aliases in QUALIFY, but may prefer one to a FROM column of the same name:
            // each is written out as Aurum reads it.
            var qualifyScope = scope
            qualifyScope.inlinesAliases = dialect == .bigquery
            sql += " QUALIFY " + (try expression(qualify, qualifyScope))
        }
        if ordered {
            sql += try orderBy(statement.orderBy, scope)
            sql += limit(statement)
        }
        return (sql, TranslationScope(columns: columns))
    }

    /// GROUP BY ALL as the positions it means: every select item with no aggregate that is not a constant (each
    /// column of a `*` is one).
    ///
    /// Spark refuses positions in a GROUP BY beside a `*`: there, the keys are written out (each column of the
    /// star by its qualified name, each other item as its expression).
    private func groupByAllPositions(_ statement: SelectStatement, _ scope: TranslationScope) -> [Expression] {
        let spelledOut = dialect == .spark && statement.items.contains { $0.expression == nil }
        var positions: [Expression] = []
        var position = 0
        for item in statement.items {
            guard let expression = item.expression else {
                let columns = scope.columns.filter { item.starQualifier == nil || $0.qualifier == item.starQualifier?.lowercased() }
                for column in columns {
                    position += 1
                    positions.append(
                        !spelledOut ? .literal(.integer(Int64(position)), offset: 0)
                            : column.qualifier.isEmpty ? .column(column.name, offset: 0) : .qualifiedColumn(column.qualifier, column: column.name, offset: 0))
                }
                continue
            }
            position += 1
            if !expression.containsAggregate && expression.readsColumns {
                positions.append(spelledOut ? expression : .literal(.integer(Int64(position)), offset: 0))
            }
        }
        return positions
    }

    private func orderBy(_ terms: [OrderTerm], _ scope: TranslationScope) throws(QueryError) -> String {
        guard !terms.isEmpty else { return "" }
        return " ORDER BY " + (try orderTerms(terms, scope))
    }

    /// ORDER BY terms with the NULLs' place always written: Aurum puts them last in both directions, BigQuery
    /// and Spark put them first when ascending.
    func orderTerms(_ terms: [OrderTerm], _ scope: TranslationScope) throws(QueryError) -> String {
        var written: [String] = []
        for term in terms {
            let nullsFirst = term.nullsFirst ?? false
            written.append(try expression(term.expression, scope) + (term.descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"))
        }
        return written.joined(separator: ", ")
    }

    func limit(_ statement: SelectStatement) -> String {
        var sql = ""
        if let limit = statement.limit {
            sql += " LIMIT \(limit)"
        } else if statement.offset != nil && dialect == .bigquery {
            sql += " LIMIT \(Int64.max)"  // BigQuery takes OFFSET only after a LIMIT
        }
        if let offset = statement.offset { sql += " OFFSET \(offset)" }
        return sql
    }

    private func tableReference(_ reference: TableReference, ctes: [String: TranslationScope]) throws(QueryError) -> Written {
        switch reference {
        case .named(let table, let alias, let offset):
            let lowered = table.lowercased()
            let qualifier = (alias ?? table).lowercased()
            if let columns = ctes[lowered] {
                return (name(lowered) + (alias.map { " AS " + name($0) } ?? ""), columns.requalified(qualifier))
            }
            let source = try catalog.source(named: lowered, offset: offset)
            let written = catalogTable(lowered) + " AS " + name(qualifier)
            return (written, TranslationScope(source.schema, qualifier: qualifier))
        case .subquery(let statement, let alias, _):
            let written = try query(statement, ctes: ctes)
            let qualifier = (alias ?? "unnamed_subquery").lowercased()
            return ("(\(written.sql)) AS \(name(qualifier))", written.columns.requalified(qualifier))
        case .join(let left, let right, let kind, let condition, _):
            let l = try tableReference(left, ctes: ctes), r = try tableReference(right, ctes: ctes)
            let scope = l.columns + r.columns
            return ("\(l.sql) \(kind.rawValue) JOIN \(r.sql) ON \(try expression(condition, scope))", scope)
        }
    }

    /// A catalogue table's name: BigQuery's whole path in one pair of backticks, elsewhere each part quoted.
    private func catalogTable(_ table: String) -> String {
        guard let tablePrefix else { return name(table) }
        if dialect == .bigquery { return dialect.identifier(tablePrefix + "." + table) }
        return tablePrefix.split(separator: ".").map { name(String($0)) }.joined(separator: ".") + "." + name(table)
    }

    /// A name (column, table, alias), lower case: Aurum's names are case-insensitive, BigQuery's tables are not.
    func name(_ text: String) -> String { dialect.identifier(text.lowercased()) }
}

extension Expression {
    /// Whether the expression names a column anywhere (else it is a constant).
    var readsColumns: Bool {
        switch self {
        case .column, .qualifiedColumn: true
        case .literal, .star: false
        case .unary(_, let inner, _), .isNull(let inner, _, _), .cast(let inner, _, _): inner.readsColumns
        case .binary(_, let left, let right, _): left.readsColumns || right.readsColumns
        case .between(let value, let low, let high, _, _): value.readsColumns || low.readsColumns || high.readsColumns
        case .inList(let value, let list, _, _): value.readsColumns || list.contains { $0.readsColumns }
        case .inSubquery(let value, _, _, _): value.readsColumns
        case .like(let value, let pattern, _, _, _): value.readsColumns || pattern.readsColumns
        case .caseWhen(let operand, let branches, let otherwise, _):
            (operand?.readsColumns ?? false) || branches.contains { $0.when.readsColumns || $0.then.readsColumns } || (otherwise?.readsColumns ?? false)
        case .function(_, let arguments, _, _), .window(_, let arguments, _, _): arguments.contains { $0.readsColumns }
        case .filtered(let call, let filter, _): call.readsColumns || filter.readsColumns
        }
    }
}
