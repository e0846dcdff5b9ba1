import AurumCore
import AurumPipeline
import AurumStorage

/// `aurum export TABLE` as CSV: the table sorted by its key, streamed (``KeyOrderedScan``) through a bounded
/// buffer, so its size never sits in memory as rows or as text.
struct CSVExport {
    let store: Store
    let writer: CSVWriter

    /// The lines of one batch being written (spelled ahead on every core), and the batch (to restrict a stretch
    /// of it to a client's rows).
    private struct Pending {
        var batch: Batch
        var lines: CSVLineSlabs
    }

    /// Writes `table` to `output`: `converted` when given (a Gold table in another currency, which comes whole
    /// and sorted), else read from the store in key order; only the rows `restrict` keeps when given.
    func write(_ table: ContractTable, converted: Batch?, restrict: ((Batch) throws -> Batch)?, to output: BufferedOutput) throws {
        try output.write { writer.header(converted?.schema ?? table.schema, into: &$0) }
        let prepare = { (batch: Batch) in Pending(batch: batch, lines: CSVLineSlabs(batch, writer: writer)) }
        let emit = { (pending: inout Pending, rows: Range<Int>) throws -> Bool in
            for piece in StreamedOutput.pieces(rows) where output.isOpen {
                if let restrict {
                    let kept = try restrict(pending.batch.gather(Array(piece)))
                    var lines = writer.lines(of: kept)
                    try output.write { lines.write(0..<kept.rowCount, into: &$0) }
                } else {
                    try output.write { pending.lines.write(piece, into: &$0) }
                }
            }
            return output.isOpen
        }
        if let converted {
            var pending = prepare(converted)
            _ = try emit(&pending, 0..<converted.rowCount)
        } else {
            try KeyOrderedScan.scan(table, store: store, prepare: prepare, emit: emit)
        }
    }
}
