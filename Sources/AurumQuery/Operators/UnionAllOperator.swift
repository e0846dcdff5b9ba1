import AurumCore

/// `SELECT … UNION ALL SELECT …`: each block's rows in turn, columns cast to the union's types (a BIGINT column
/// beside a DOUBLE one becomes DOUBLE, as in DuckDB). UNION (without ALL), ORDER BY and LIMIT are the block above
/// it (`SELECT DISTINCT * FROM union ORDER BY … LIMIT …`).
final class UnionAllOperator: PlanOperator {
    let blocks: [QueryPlan]
    let schema: Schema
    private(set) var rowsOut = 0
    private(set) var seconds: Double?

    init(blocks: [QueryPlan], schema: Schema) {
        self.blocks = blocks
        self.schema = schema
    }

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        var clock = OperatorClock()
        defer { seconds = clock.seconds }
        for block in blocks {
            var monitor = ExecutionMonitor(plan: block, cancellation: RunContext.cancellation, progress: nil)
            let (batch, blockStats) = try Executor.run(block, monitor: &monitor)
            stats.addReads(of: blockStats)
            var output: [Column] = []
            for column in columns {
                let type = schema.fields[column].type
                let have = batch.columns[column]
                output.append(have.type == type ? have : try ExpressionEvaluator.evaluate(.cast(.column(column, have.type), type, offset: 0), batch))
            }
            rowsOut += batch.rowCount
            try clock.handUp { try body(Batch(schema: Schema(columns.map { schema.fields[$0] }), columns: output)) }
        }
    }

    func explain(analyze: Bool) -> [String] {
        var lines = ["UNION ALL of \(blocks.count) blocks" + rowsNote(rowsOut, seconds: seconds, analyze: analyze)]
        for (index, block) in blocks.enumerated() {
            lines.append("  BLOCK \(index + 1)")
            lines += indented(indented(block.explain(analyze: analyze)))
        }
        return lines
    }
}
