import AurumCore

/// A result already computed, read as a table: what a CTE, a subquery in FROM or a window stage hands to the
/// SELECT block above it. Its scan yields the asked columns of the one batch it holds; zone-map pruning does not
/// apply (there are no zone maps), so `pruning` is ignored and every row is read.
struct MaterializedTable: TableSource {
    let schema: Schema
    let batch: Batch

    init(_ batch: Batch) {
        schema = batch.schema
        self.batch = batch
    }

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        stats.rowsScanned += batch.rowCount
        try body(Batch(schema: Schema(columns.map { schema.fields[$0] }), columns: columns.map { batch.columns[$0] }))
    }

    func rowsToScan(pruning: PruningPredicate) -> Int? { batch.rowCount }
}
