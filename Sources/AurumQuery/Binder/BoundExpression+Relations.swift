/// Facts about bound expressions that the relational planner needs.
extension BoundExpression {
    /// Whether this is column `index` itself.
    func isColumn(_ index: Int) -> Bool {
        if case .column(index, _) = self { return true }
        return false
    }

    /// Adds the `IN (SELECT …)` subqueries the expression tests to `subqueries`.
    func collectSubqueries(into subqueries: inout [SubqueryValues]) {
        if case .inSubquery(_, let values, _) = self, !subqueries.contains(where: { $0 === values }) { subqueries.append(values) }
        for child in children { child.collectSubqueries(into: &subqueries) }
    }

    /// The AND-ed parts of a condition (`a AND (b AND c)` → a, b, c).
    var conjuncts: [BoundExpression] {
        if case .and(let left, let right) = self { return left.conjuncts + right.conjuncts }
        return [self]
    }
}
