import AurumCore

/// Turns a parsed statement into a ``QueryPlan``: resolves the FROM items (Planner+From.swift: CTEs, subqueries,
/// joins; Planner+Union.swift: UNION ALL), binds every clause, folds constants, reads only the columns used and
/// hands `column op constant` conjuncts of WHERE to zone-map pruning.
public struct Planner {
    let catalog: TableCatalog
    let today: Date32

    public init(catalog: TableCatalog, today: Date32) {
        self.catalog = catalog
        self.today = today
    }

    public func plan(_ statement: SelectStatement) throws(QueryError) -> QueryPlan {
        try plan(statement, ctes: [:])
    }

    /// Plans `statement` where the CTEs `ctes` (by name) are visible, then its own WITH queries, each to the next
    /// and to the body.
    func plan(_ statement: SelectStatement, ctes outer: [String: MaterializeOperator]) throws(QueryError) -> QueryPlan {
        var ctes = outer
        for cte in statement.ctes {
            ctes[cte.name] = MaterializeOperator(label: "CTE \(cte.name)", plan: try plan(cte.query, ctes: ctes))
        }
        if !statement.unions.isEmpty { return try planUnion(statement, ctes: ctes) }
        let from = try statement.from.map { reference throws(QueryError) in try resolve(reference, ctes: ctes, inJoin: false) }
        if statement.hasWindowCalls { return try WindowPlanner(planner: self).plan(statement, from: from, ctes: ctes) }
        return try planBlock(statement, from: from, ctes: ctes)
    }

    /// Plans one SELECT block over `from` (nil: no FROM).
    func planBlock(_ statement: SelectStatement, from: ResolvedFrom?, ctes: [String: MaterializeOperator]) throws(QueryError) -> QueryPlan {
        let tableName = from?.tableName
        let source: TableSource
        // The columns the query may name: the FROM items', or none without FROM.
        let schema: Schema
        let scope: ColumnScope
        if let from {
            source = from.source
            scope = from.scope
            schema = scope.schema
        } else {
            if let star = statement.items.first(where: \.isStar) {
                throw .notAllowed(message: "SELECT * needs a FROM table", offset: star.offset)
            }
            source = OneRowTable()
            schema = Schema([])
            scope = ColumnScope(entries: [])
        }
        var subqueries: [SubqueryValues] = []
        func binder(_ clause: String, _ aggregates: AggregateContext? = nil) -> ExpressionBinder {
            var binder = ExpressionBinder(schema: schema, tableName: tableName ?? "", today: today, synonyms: catalog.columnSynonyms, clause: clause, aggregates: aggregates)
            binder.scope = scope
            binder.planSubquery = { query throws(QueryError) in
                do throws(QueryError) {
                    return MaterializeOperator(label: "IN SUBQUERY", plan: try plan(query, ctes: ctes))
                } catch {
                    throw Self.correlation(error, outer: scope)
                }
            }
            return binder
        }

        // The select list, with * expanded.
        let items = try selectList(statement, scope: scope)
        if statement.groupByAll {
            // GROUP BY ALL: every select item without an aggregate, by position; as DuckDB, not constants (so
            // `SELECT 'x', count(*) … WHERE false GROUP BY ALL` is one row, and `SELECT 'x' … GROUP BY ALL` one per row).
            var statement = statement
            statement.groupByAll = false
            statement.groupBy = items.indices.filter { index in
                !items[index].expression.containsAggregate && !((try? binder("GROUP BY").bind(items[index].expression))?.isConstant ?? false)
            }.map { .literal(.integer(Int64($0 + 1)), offset: statement.tableOffset) }
            return try planBlock(statement, from: from, ctes: ctes)
        }

        // WHERE.
        var filter: BoundExpression?
        if let whereClause = statement.whereClause {
            if whereClause.containsAggregate {
                throw .grouping(message: "aggregate functions are not allowed in WHERE; use HAVING", offset: whereClause.firstAggregateOffset ?? whereClause.offset)
            }
            let bound = try fold(try binder("WHERE").bind(whereClause))
            guard bound.type == .bool || bound.isNullConstant else {
                throw .typeMismatch(message: "WHERE needs a true/false condition, not \(bound.type)", offset: whereClause.offset)
            }
            filter = bound.isNullConstant ? .constant(.null, .bool) : bound
        }
        // INNER JOIN conditions that are not key equalities filter the joined rows, as WHERE does.
        for condition in from?.residual ?? [] {
            let folded = try fold(condition)
            filter = filter.map { .and($0, folded) } ?? folded
        }

        // GROUP BY keys: positions and aliases refer to the select list.
        let isAggregated = !statement.groupBy.isEmpty || statement.having != nil
            || items.contains { $0.expression.containsAggregate } || statement.orderBy.contains { $0.expression.containsAggregate }
        var context: AggregateContext?
        if isAggregated {
            let aggregates = AggregateContext()
            for key in statement.groupBy {
                var expression = key
                var name: String?
                if case .literal(.integer(let position), let offset) = key {
                    guard position >= 1, position <= items.count else {
                        throw .grouping(message: "GROUP BY position \(position) is not in the select list (1 to \(items.count))", offset: offset)
                    }
                    expression = items[Int(position) - 1].expression
                    name = items[Int(position) - 1].name
                } else if case .column(let column, _) = key, !scope.entries.contains(where: { $0.field.name == column.lowercased() }),
                    let aliased = items.first(where: { item in
                        item.name.lowercased() == column.lowercased() && statement.items.contains { $0.alias?.lowercased() == column.lowercased() }
                    })
                {
                    expression = aliased.expression
                    name = aliased.name
                }
                if expression.containsAggregate {
                    throw .grouping(message: "GROUP BY cannot use an aggregate function", offset: key.firstAggregateOffset ?? key.offset)
                }
                let bound = try fold(try binder("GROUP BY").bind(expression))
                let keyName = name ?? expression.columnName ?? "group_\(aggregates.keys.count + 1)"
                aggregates.keys.append((expression.sql, bound, keyName))
            }
            context = aggregates
        }

        // The select list.
        var outputs: [BoundExpression] = []
        for item in items {
            outputs.append(try fold(try binder("the select list", context).bind(item.expression)))
        }
        var having: BoundExpression?
        if let havingClause = statement.having {
            let bound = try fold(try binder("HAVING", context).bind(havingClause))
            guard bound.type == .bool || bound.isNullConstant else {
                throw .typeMismatch(message: "HAVING needs a true/false condition, not \(bound.type)", offset: havingClause.offset)
            }
            having = bound.isNullConstant ? .constant(.null, .bool) : bound
        }

        // ORDER BY: a position, a select-list alias, a select-list expression, or something else to compute.
        var sortKeys: [BatchSort.Key] = []
        var hidden: [BoundExpression] = []
        var hiddenTexts: [String] = []
        for term in statement.orderBy {
            var column: Int?
            if case .literal(.integer(let position), let offset) = term.expression {
                guard position >= 1, position <= items.count else {
                    throw .grouping(message: "ORDER BY position \(position) is not in the select list (1 to \(items.count))", offset: offset)
                }
                column = Int(position) - 1
            } else if case .column(let name, _) = term.expression,
                let index = items.indices.first(where: { index in
                    statement.items.contains { $0.alias?.lowercased() == name.lowercased() } && items[index].name.lowercased() == name.lowercased()
                })
            {
                column = index
            } else if let index = items.firstIndex(where: { $0.expression.sql == term.expression.sql }) {
                column = index
            } else if case .column(let name, _) = term.expression,
                let index = items.firstIndex(where: { $0.expression.columnName != nil && $0.name.lowercased() == name.lowercased() })
            {
                // A bare name that a select item is named by (`SELECT a.id … ORDER BY id`, as DuckDB).
                column = index
            }
            if column == nil, let index = hiddenTexts.firstIndex(of: term.expression.sql) {
                column = items.count + index
            }
            if column == nil {
                if statement.distinct {
                    throw .grouping(message: "with SELECT DISTINCT, ORDER BY expressions must appear in the select list", offset: term.expression.offset)
                }
                hidden.append(try fold(try binder("ORDER BY", context).bind(term.expression)))
                hiddenTexts.append(term.expression.sql)
                column = items.count + hidden.count - 1
            }
            // A later key on a column already sorted by can only compare rows equal on that column: it orders
            // nothing, and each key costs a column of words per row in the sort.
            if sortKeys.contains(where: { $0.column == column }) { continue }
            sortKeys.append(BatchSort.Key(column: column ?? 0, descending: term.descending, nullsFirst: term.nullsFirst ?? false))
        }

        var bound = [filter, having].compactMap { $0 } + outputs + hidden
        bound += (context?.keys.map(\.bound) ?? []) + (context?.aggregates.compactMap(\.argument) ?? []) + (context?.aggregates.compactMap(\.key) ?? [])
        for expression in bound { expression.collectSubqueries(into: &subqueries) }

        // Projection pushdown: which table columns are read, and renumber the expressions to them.
        var used = Set<Int>()
        if let context {
            for key in context.keys { key.bound.collectColumns(into: &used) }
            for spec in context.aggregates {
                spec.argument?.collectColumns(into: &used)
                spec.key?.collectColumns(into: &used)
                spec.filter?.collectColumns(into: &used)
            }
        } else {
            for output in outputs { output.collectColumns(into: &used) }
            for key in hidden { key.collectColumns(into: &used) }
        }
        // The columns WHERE alone reads: a row group that passes it whole by zone maps is not filtered, and
        // needs them not decoded.
        var filterColumns = Set<Int>()
        filter?.collectColumns(into: &filterColumns)
        let filterOnly = filterColumns.subtracting(used)
        used.formUnion(filterColumns)
        // Row counts need at least one column, even when nothing is read (count(*), constants).
        let scanColumns = used.isEmpty ? [0] : used.sorted()
        if let join = source as? HashJoinOperator { Self.planColumns(join, scanColumns) }
        var position: [Int: Int] = [:]
        for (index, column) in scanColumns.enumerated() { position[column] = index }
        func remap(_ expression: BoundExpression) -> BoundExpression { expression.remapColumns(position) }

        var aggregation: QueryPlan.Aggregation?
        if let context {
            let keyFields = context.keys.map { Field($0.name, $0.bound.type, nullable: true) }
            var specs = context.aggregates
            for index in specs.indices {
                specs[index].argument = specs[index].argument.map(remap)
                specs[index].key = specs[index].key.map(remap)
                specs[index].filter = specs[index].filter.map(remap)
            }
            aggregation = QueryPlan.Aggregation(keys: context.keys.map { remap($0.bound) }, keyFields: keyFields, aggregates: specs, having: having)
        } else {
            outputs = outputs.map(remap)
            hidden = hidden.map(remap)
        }

        var pruning = PruningPredicate()
        if let filter, let from {
            if from.leaves.isEmpty {
                pruning = Self.pruning(filter, schema: schema, scanColumns: scanColumns)
                if pruning.isWholeFilter { pruning.filterOnlyColumns = Set(filterOnly.map { schema.fields[$0].name }) }
            } else {
                Self.pushDown(filter, into: from.leaves)
            }
        }

        return QueryPlan(
            table: tableName, tablesRead: from?.tablesRead ?? [], source: source, scanColumns: scanColumns, pruning: pruning, subqueries: subqueries,
            filter: filter.map(remap), aggregation: aggregation, outputs: outputs,
            outputFields: zip(items, outputs).map { Field($0.name, $1.type, nullable: true) }, hiddenKeys: hidden, sortKeys: sortKeys,
            distinct: statement.distinct, limit: statement.limit.map { Int(min($0, Int64(Int32.max))) }, offset: Int(min(statement.offset ?? 0, Int64(Int32.max))))
    }

    /// Replaces a constant expression by its value (so `date >= DATE '2024-01-01' + 7` prunes).
    private func fold(_ expression: BoundExpression) throws(QueryError) -> BoundExpression {
        guard expression.isConstant else { return try expression.mapChildren { (child: BoundExpression) throws(QueryError) -> BoundExpression in try fold(child) } }
        if case .constant = expression { return expression }
        return .constant(try ExpressionEvaluator.constant(expression), expression.type)
    }

    /// The `column op constant` conjuncts of a WHERE (bound with table-schema column indices).
    static func pruning(_ filter: BoundExpression, schema: Schema, scanColumns: [Int]) -> PruningPredicate {
        var predicate = PruningPredicate()
        var whole = true
        func visit(_ expression: BoundExpression) {
            switch expression {
            case .and(let left, let right):
                visit(left)
                visit(right)
            case .comparison(let op, .column(let index, _), .constant(let value, _)) where !value.isNull:
                if let comparison = comparison(op) {
                    predicate.conjuncts.append(.init(column: schema.fields[index].name, comparison: comparison, value: value))
                } else {
                    whole = false
                }
            case .comparison(let op, .constant(let value, _), .column(let index, _)) where !value.isNull:
                if let comparison = comparison(op.flipped) {
                    predicate.conjuncts.append(.init(column: schema.fields[index].name, comparison: comparison, value: value))
                } else {
                    whole = false
                }
            case .inList(.column(let index, _), let items, false):
                let values = items.compactMap { item -> Value? in if case .constant(let value, _) = item, !value.isNull { return value }; return nil }
                if values.count == items.count {
                    predicate.inLists.append((schema.fields[index].name, values))
                } else {
                    whole = false
                }
            default:
                whole = false
            }
        }
        func comparison(_ op: BinaryOperator) -> PruningPredicate.Comparison? {
            switch op {
            case .equal: .equal
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            case .greaterOrEqual: .greaterOrEqual
            default: nil
            }
        }
        visit(filter)
        predicate.isWholeFilter = whole
        return predicate
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped (`a < b` ⇔ `b > a`).
    var flipped: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}
