import AurumCore

extension Planner {
    /// `SELECT … UNION ALL SELECT …`: each block planned alone, their columns matched by position (the first
    /// block names them; BIGINT beside DOUBLE becomes DOUBLE; a NULL literal takes the others' type), under a block
    /// `SELECT [DISTINCT] * FROM union [ORDER BY …] [LIMIT …]`: DISTINCT for UNION without ALL.
    func planUnion(_ statement: SelectStatement, ctes: [String: MaterializeOperator]) throws(QueryError) -> QueryPlan {
        var head = statement
        head.ctes = []
        head.unions = []
        (head.orderBy, head.limit, head.offset) = ([], nil, nil)
        let kinds = Set(statement.unions.map(\.all))
        if kinds.count > 1, let mixed = statement.unions.first(where: { $0.all != statement.unions[0].all }) {
            throw .unsupported(message: "mixing UNION and UNION ALL in one query is not supported; use one of them (or a subquery)", offset: mixed.offset)
        }
        var blocks = [try plan(head, ctes: ctes)]
        for term in statement.unions {
            let block = try plan(term.select, ctes: ctes)
            guard block.outputFields.count == blocks[0].outputFields.count else {
                throw .typeMismatch(
                    message: "each SELECT of a UNION must have as many columns as the first: it has \(blocks[0].outputFields.count), this one \(block.outputFields.count)",
                    offset: term.offset)
            }
            blocks.append(block)
        }
        var fields: [Field] = []
        for (index, field) in blocks[0].outputFields.enumerated() {
            // A column that is only the NULL literal in a block takes the type of the others.
            let typed = blocks.filter { !$0.outputIsNullLiteral(index) }.map { $0.outputFields[index].type }
            var type = typed.first ?? field.type
            for other in typed.dropFirst() where other != type {
                guard other.isNumeric && type.isNumeric else {
                    let term = statement.unions[blocks.dropFirst().firstIndex { $0.outputFields[index].type == other }.map { $0 - 1 } ?? 0]
                    throw .typeMismatch(
                        message: "UNION column \(index + 1) ('\(field.name)') is \(type) in one SELECT and \(other) in another; CAST one of them",
                        offset: term.offset)
                }
                type = .double
            }
            fields.append(Field(field.name, type, nullable: true))
        }
        let union = UnionAllOperator(blocks: blocks, schema: Schema(fields).withUniqueNames)
        var tablesRead: [String] = []
        for block in blocks { for table in block.tablesRead where !tablesRead.contains(table) { tablesRead.append(table) } }
        var outer = SelectStatement()
        outer.items = [SelectItem(expression: nil, alias: nil, offset: 0)]
        outer.distinct = kinds == [false]
        (outer.orderBy, outer.limit, outer.offset) = (statement.orderBy, statement.limit, statement.offset)
        let from = ResolvedFrom(source: union, scope: ColumnScope(union.schema, qualifier: ""), tablesRead: tablesRead)
        var plan = try planBlock(outer, from: from, ctes: ctes)
        // The result keeps the first block's names, repeats included (as DuckDB).
        for index in plan.outputFields.indices { plan.outputFields[index].name = fields[index].name }
        return plan
    }
}

extension QueryPlan {
    /// Whether output `index` is the NULL literal (so that a UNION gives it the type of the other blocks' column).
    func outputIsNullLiteral(_ index: Int) -> Bool {
        aggregation == nil && outputs[index].isNullConstant
    }
}
