import AurumCore

/// A result already computed, read as a table: what a CTE, a subquery in FROM or a window stage hands to the
/// SELECT block above it. Its scan yields the asked columns of the batch it holds, in pieces of at most
/// ``morselRows`` rows so that every worker takes a share of what the block above does with them; zone-map
/// pruning does not apply (there are no zone maps), so `pruning` is ignored and every row is read.
struct MaterializedTable: TableSource {
    let schema: Schema
    let batch: Batch

    init(_ batch: Batch) {
        schema = batch.schema
        self.batch = batch
    }

    func scan(columns: [Int], pruning: PruningPredicate, stats: inout ScanStats, _ body: (Batch) throws -> Void) throws {
        stats.rowsScanned += batch.rowCount
        try Self.scan(batch, columns: columns, body)
    }

    /// The rows of one piece: a row group's worth, as a stored table's scan gives them.
    static let morselRows = 1 << 16

    /// `batch`'s columns at `columns`, in pieces of at most ``morselRows`` rows, in row order.
    static func scan(_ batch: Batch, columns: [Int], _ body: (Batch) throws -> Void) throws {
        let projected = Batch(schema: Schema(columns.map { batch.schema.fields[$0] }), columns: columns.map { batch.columns[$0] })
        for morsel in projected.morsels(of: morselRows) { try body(morsel) }
    }

    func rowsToScan(pruning: PruningPredicate) -> Int? { batch.rowCount }
}
