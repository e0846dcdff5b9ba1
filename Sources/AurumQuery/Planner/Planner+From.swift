import AurumCore

/// A SELECT block's FROM, resolved: the source its pipeline reads and the columns it may name.
struct ResolvedFrom {
    var source: TableSource
    var scope: ColumnScope
    /// The table's name when FROM is one catalogue table (the plan's ``QueryPlan/table``).
    var tableName: String?
    var tablesRead: [String]
    /// The catalogue tables inside joins: where their columns start in ``scope``, and whether WHERE may prune
    /// them (not on the NULL-producing side of a LEFT JOIN).
    var leaves: [(scan: ScanOperator, start: Int, preserved: Bool)] = []
    /// Conditions of INNER JOIN … ON that are not key equalities, over ``scope``: they filter like WHERE.
    var residual: [BoundExpression] = []
}

extension Planner {
    /// Resolves a FROM item: a CTE (nearest first) or catalogue table, a subquery, or a join. Inside a join every
    /// side is a ``PlanOperator`` (a catalogue table a ``ScanOperator``, for pruning); a lone catalogue table is
    /// read directly, as before there were joins.
    func resolve(_ reference: TableReference, ctes: [String: MaterializeOperator], inJoin: Bool) throws(QueryError) -> ResolvedFrom {
        switch reference {
        case .named(let name, let alias, let offset):
            let qualifier = alias ?? name
            if let cte = ctes[name] {
                return ResolvedFrom(source: cte, scope: ColumnScope(cte.schema, qualifier: qualifier), tablesRead: cte.plan.tablesRead)
            }
            let table = try catalog.source(named: name, offset: offset)
            let tableName = name.lowercased()
            guard inJoin else {
                return ResolvedFrom(source: table, scope: ColumnScope(table.schema, qualifier: qualifier), tableName: tableName, tablesRead: [tableName])
            }
            let scan = ScanOperator(name: tableName, base: table)
            return ResolvedFrom(source: scan, scope: ColumnScope(table.schema, qualifier: qualifier), tablesRead: [tableName], leaves: [(scan, 0, true)])
        case .subquery(let query, let alias, _):
            // DuckDB's name for a subquery without an alias.
            let qualifier = alias ?? "unnamed_subquery"
            let derived = MaterializeOperator(label: "SUBQUERY \(qualifier)", plan: try plan(query, ctes: ctes))
            return ResolvedFrom(source: derived, scope: ColumnScope(derived.schema, qualifier: qualifier), tablesRead: derived.plan.tablesRead)
        case .join(let leftReference, let rightReference, let kind, let condition, _):
            let left = try resolve(leftReference, ctes: ctes, inJoin: true)
            let right = try resolve(rightReference, ctes: ctes, inJoin: true)
            if let twice = right.scope.qualifiers.first(where: left.scope.qualifiers.contains) {
                throw .syntax(message: "'\(twice)' names two FROM items; give one an alias (JOIN \(twice) AS other ON …)", offset: rightReference.offset)
            }
            guard let leftSide = left.source as? PlanOperator, let rightSide = right.source as? PlanOperator else {
                preconditionFailure("join sides are operators")
            }
            let scope = left.scope + right.scope
            let leftCount = left.scope.entries.count
            var binder = ExpressionBinder(schema: scope.schema, tableName: "", today: today, synonyms: catalog.columnSynonyms, clause: "ON")
            binder.scope = scope
            let bound = try binder.bind(condition)
            guard bound.type == .bool else {
                throw .typeMismatch(message: "JOIN … ON needs a true/false condition, not \(bound.type)", offset: condition.offset)
            }
            // Each conjunct `left expression = right expression` is a key pair; anything else is residual.
            var leftKeys: [BoundExpression] = []
            var rightKeys: [BoundExpression] = []
            var residual: [BoundExpression] = []
            let rightMapping = Dictionary(uniqueKeysWithValues: (leftCount..<scope.entries.count).map { ($0, $0 - leftCount) })
            for conjunct in bound.conjuncts {
                if case .comparison(.equal, let a, let b) = conjunct {
                    switch (Self.side(of: a, leftCount: leftCount), Self.side(of: b, leftCount: leftCount)) {
                    case (.left, .right):
                        leftKeys.append(a)
                        rightKeys.append(b.remapColumns(rightMapping))
                        continue
                    case (.right, .left):
                        leftKeys.append(b)
                        rightKeys.append(a.remapColumns(rightMapping))
                        continue
                    default: break
                    }
                }
                residual.append(conjunct)
            }
            guard !leftKeys.isEmpty else {
                throw .unsupported(
                    message: "JOIN … ON needs an equality between a column of each side (ON a.x = b.y [AND …]); joins on other conditions are not supported",
                    offset: condition.offset)
            }
            if kind == .left, !residual.isEmpty {
                throw .unsupported(
                    message: "LEFT JOIN … ON takes only equalities between the two sides' columns, AND-ed; filter the right side in a subquery or a WITH query instead",
                    offset: condition.offset)
            }
            let join = HashJoinOperator(kind: kind, left: leftSide, right: rightSide, leftKeys: leftKeys, rightKeys: rightKeys, conditionText: condition.sql.strippingOuterParentheses)
            var tablesRead = left.tablesRead
            for table in right.tablesRead where !tablesRead.contains(table) { tablesRead.append(table) }
            let shifted = right.leaves.map { leaf in (leaf.scan, leaf.start + leftCount, leaf.preserved && kind == .inner) }
            let leftMapping = Dictionary(uniqueKeysWithValues: (0..<right.scope.entries.count).map { ($0, $0 + leftCount) })
            return ResolvedFrom(
                source: join, scope: scope, tablesRead: tablesRead, leaves: left.leaves + shifted,
                residual: left.residual + right.residual.map { $0.remapColumns(leftMapping) } + residual)
        }
    }

    private enum Side { case none, left, right, both }

    /// Which side of a join the columns `expression` reads belong to.
    private static func side(of expression: BoundExpression, leftCount: Int) -> Side {
        var columns = Set<Int>()
        expression.collectColumns(into: &columns)
        if columns.isEmpty { return .none }
        if columns.allSatisfy({ $0 < leftCount }) { return .left }
        if columns.allSatisfy({ $0 >= leftCount }) { return .right }
        return .both
    }

    /// Hands each WHERE conjunct that reads one catalogue table inside a join, on a side WHERE may prune, to that
    /// table's scan as zone-map pruning (the conjunct still filters above the join).
    static func pushDown(_ filter: BoundExpression, into leaves: [(scan: ScanOperator, start: Int, preserved: Bool)]) {
        var perLeaf = [[BoundExpression]](repeating: [], count: leaves.count)
        for conjunct in filter.conjuncts {
            var columns = Set<Int>()
            conjunct.collectColumns(into: &columns)
            guard let first = columns.first,
                let leaf = leaves.firstIndex(where: { first >= $0.start && first < $0.start + $0.scan.schema.count }),
                leaves[leaf].preserved,
                columns.allSatisfy({ $0 >= leaves[leaf].start && $0 < leaves[leaf].start + leaves[leaf].scan.schema.count })
            else { continue }
            let start = leaves[leaf].start
            perLeaf[leaf].append(conjunct.remapColumns(Dictionary(uniqueKeysWithValues: columns.map { ($0, $0 - start) })))
        }
        for (index, leaf) in leaves.enumerated() {
            guard let combined = perLeaf[index].reduce(nil, { (sum: BoundExpression?, next) in sum.map { .and($0, next) } ?? next }) else { continue }
            leaf.scan.pruning = pruning(combined, schema: leaf.scan.schema, scanColumns: [])
        }
    }

    /// Tells each scan under `join` which columns it reads when the block above reads `columns` (for EXPLAIN).
    static func planColumns(_ join: HashJoinOperator, _ columns: [Int]) {
        let (left, right) = join.plannedColumns(columns)
        for (side, sideColumns) in [(join.left, left), (join.right, right)] {
            if let scan = side as? ScanOperator { scan.plannedColumns = sideColumns }
            if let nested = side as? HashJoinOperator { planColumns(nested, sideColumns) }
        }
    }

    /// `error` from planning a subquery, or, when it is an unknown column or table that the query around the
    /// subquery has, the reason: the subquery refers to the outer query, which is not supported.
    static func correlation(_ error: QueryError, outer: ColumnScope) -> QueryError {
        switch error {
        case .unknownColumn(let name, _, let offset) where !name.contains(".") && outer.entries.contains(where: { $0.field.name == name.lowercased() }):
            return .unsupported(
                message: "'\(name)' is a column of the query around the subquery; a subquery cannot refer to it (correlated subqueries are not supported): JOIN instead",
                offset: offset)
        case .unknownTable(let name, _, let offset) where outer.qualifiers.contains(name.lowercased()):
            return .unsupported(
                message: "'\(name)' is a FROM item of the query around the subquery; a subquery cannot refer to it (correlated subqueries are not supported): JOIN instead",
                offset: offset)
        default:
            return error
        }
    }

    /// The select list with `*` and `t.*` expanded, each item with its output name.
    func selectList(_ statement: SelectStatement, scope: ColumnScope) throws(QueryError) -> [(expression: Expression, name: String)] {
        var items: [(expression: Expression, name: String)] = []
        let qualify = scope.qualifiers.count > 1
        for item in statement.items {
            if let expression = item.expression {
                var name = item.alias ?? item.text
                if item.alias == nil, let column = expression.columnName {
                    // A column keeps the name its FROM item gives it (`"null"` of `(SELECT NULL)` is `NULL`).
                    name = expression.resolvedColumn(in: scope).map { scope.entries[$0].field.name } ?? column
                }
                items.append((expression, name))
                continue
            }
            if let qualifier = item.starQualifier, !scope.qualifiers.contains(qualifier.lowercased()) {
                throw .unknownTable(name: qualifier, suggestion: nearestName(qualifier, among: scope.qualifiers), offset: item.offset)
            }
            for entry in scope.entries where item.starQualifier.map({ $0.lowercased() == entry.qualifier }) ?? true {
                // Several FROM items: name each column with its own, so that a name both have is not ambiguous.
                let expression: Expression = qualify || item.starQualifier != nil
                    ? .qualifiedColumn(entry.qualifier, column: entry.field.name, offset: item.offset)
                    : .column(entry.field.name, offset: item.offset)
                items.append((expression, entry.field.name))
            }
        }
        return items
    }
}

extension Expression {
    /// The column's name when the expression is a column (qualified or not): what an unaliased item is called.
    var columnName: String? {
        switch self {
        case .column(let name, _), .qualifiedColumn(_, let name, _): name.lowercased()
        default: nil
        }
    }

    /// The position in `scope` of the column this expression names; nil for any other expression, or a name the
    /// scope lacks or has twice (binding says why).
    func resolvedColumn(in scope: ColumnScope) -> Int? {
        switch self {
        case .column(let name, let offset): try? scope.resolve(name, qualifier: nil, offset: offset, synonyms: [:])
        case .qualifiedColumn(let qualifier, let name, let offset): try? scope.resolve(name, qualifier: qualifier, offset: offset, synonyms: [:])
        default: nil
        }
    }
}

extension String {
    /// `(a = b)` → `a = b`: the outer parentheses ``Expression/sql`` puts around a binary expression.
    var strippingOuterParentheses: String {
        hasPrefix("(") && hasSuffix(")") ? String(dropFirst().dropLast()) : self
    }
}
