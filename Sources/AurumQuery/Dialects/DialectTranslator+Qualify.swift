import AurumCore

/// QUALIFY for Spark, which has no such clause.
extension DialectTranslator {
    /// One block with a QUALIFY, for Spark: the block below its windows computes every select item under a hidden
    /// name, the condition as a hidden BOOLEAN column (and any ORDER BY key that is not selected); a query around
    /// it keeps the rows where the condition holds, then applies DISTINCT, ORDER BY and LIMIT, which come after
    /// QUALIFY in Aurum's (and DuckDB's) order of evaluation.
    ///
    /// `source` is the block's FROM, WHERE, GROUP BY and HAVING as written. Hidden names start with a prefix no
    /// FROM column or select alias starts with. Refused: DISTINCT with an ORDER BY key that is not selected (the
    /// key would change what DISTINCT compares).
    func sparkQualified(_ statement: SelectStatement, _ qualify: Expression, _ scope: TranslationScope, source: String, ordered: Bool) throws(QueryError) -> String {
        let taken = scope.columns.map(\.name) + statement.items.compactMap { $0.alias?.lowercased() }
        var prefix = "aurum_"
        while taken.contains(where: { $0.hasPrefix(prefix) }) { prefix += "_" }
        var inlining = scope
        inlining.inlinesAliases = true

        // The select items, each once under a hidden name, with what ORDER BY may match it by.
        var inner: [String] = []
        var outer: [String] = []
        var selected: [(text: String, name: String, isColumn: Bool)] = []
        func add(_ sql: String, as outputName: String, text: String, isColumn: Bool) {
            let hidden = name(prefix + "c\(selected.count + 1)")
            inner.append(sql + " AS " + hidden)
            outer.append(hidden + " AS " + dialect.identifier(outputName))
            selected.append((text, outputName.lowercased(), isColumn))
        }
        for item in statement.items {
            guard let expression = item.expression else {
                for column in scope.columns where item.starQualifier == nil || column.qualifier == item.starQualifier?.lowercased() {
                    let reference: Expression = column.qualifier.isEmpty
                        ? .column(column.name, offset: 0) : .qualifiedColumn(column.qualifier, column: column.name, offset: 0)
                    add(try self.expression(reference, scope), as: column.name, text: Expression.column(column.name, offset: 0).sql, isColumn: true)
                }
                continue
            }
            add(try self.expression(expression, scope), as: item.alias ?? expression.columnName ?? item.text, text: expression.sql, isColumn: expression.columnName != nil)
        }
        let keep = name(prefix + "keep")
        inner.append(try condition(qualify, inlining) + " AS " + keep)

        // ORDER BY as Aurum's planner reads it: a position, an alias, a selected expression, a selected column's
        // name, else a key computed below the windows.
        var terms: [String] = []
        for term in ordered ? statement.orderBy : [] {
            var key: String
            let bare: String? = if case .column(let name, _) = term.expression { name.lowercased() } else { nil }
            if case .literal(.integer(let position), _) = term.expression {
                key = String(position)
            } else if let bare, statement.items.contains(where: { $0.alias?.lowercased() == bare }), let index = selected.firstIndex(where: { $0.name == bare }) {
                key = String(index + 1)
            } else if let index = selected.firstIndex(where: { $0.text == term.expression.sql }) {
                key = String(index + 1)
            } else if let bare, let index = selected.firstIndex(where: { $0.isColumn && $0.name == bare }) {
                key = String(index + 1)
            } else {
                guard !statement.distinct else {
                    throw .unsupported(
                        message: "QUALIFY with SELECT DISTINCT and an ORDER BY key that is not selected has no Spark SQL form; select the key",
                        offset: term.expression.offset)
                }
                key = name(prefix + "o\(terms.count + 1)")
                inner.append(try expression(term.expression, inlining) + " AS " + key)
            }
            let nullsFirst = term.nullsFirst ?? false
            terms.append(key + (term.descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"))
        }

        var sql = "SELECT " + (statement.distinct ? "DISTINCT " : "") + outer.joined(separator: ", ")
        sql += " FROM (SELECT " + inner.joined(separator: ", ") + source + ") AS " + name(prefix + "qualified") + " WHERE " + keep
        if !terms.isEmpty { sql += " ORDER BY " + terms.joined(separator: ", ") }
        return ordered ? sql + limit(statement) : sql
    }
}
