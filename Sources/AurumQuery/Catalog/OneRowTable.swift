import AurumCore

/// What a query without FROM (`SELECT 1 + 1`) reads: one row, as in DuckDB, so `SELECT 1 WHERE false` has no
/// rows and `SELECT count(*)` counts 1.
///
/// A batch's rows are counted by its columns, so the row has one column; the planner binds such a query against
/// no columns at all, so no query can name it.
struct OneRowTable: TableSource {
    let schema = Schema([Field("row", .bool)])

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        stats.rowsScanned += 1
        try body(Batch(schema: Schema(columns.map { schema.fields[$0] }), columns: columns.map { _ in .bool(PrimitiveColumn(values: [1])) }))
    }
}
