import AurumCore
import AurumQuery

/// `aurum query --format csv|json` printed as the engine hands the rows over (``RowSink``): the header (or the
/// JSON array's opening) before the first rows, each batch formatted into a bounded buffer on standard output,
/// and the query stopped once standard output's reader is gone (`| head`). The bytes are those of the whole
/// result formatted at once (``OutputFormat/stream(_:formulaGuard:to:)``).
final class StreamedRows {
    private let format: OutputFormat
    private let writer: CSVWriter
    private let output: BufferedOutput
    private var rowsWritten = 0
    private var started = false
    /// What the engine is given.
    private(set) lazy var sink = RowSink { [unowned self] batch in self.write(batch) }

    /// Rows printed as they come in `format`; nil for formats that lay out the whole result (table, markdown).
    init?(format: OutputFormat, formulaGuard: CSVWriter.FormulaGuard) {
        guard format == .csv || format == .json else { return nil }
        self.format = format
        writer = CSVWriter(formulaGuard: formulaGuard)
        output = BufferedOutput { bytes in
            Console.write(bytes)
            return !Console.standardOutputClosed
        }
    }

    /// Formats `batch`; false once nobody reads.
    private func write(_ batch: Batch) -> Bool {
        // Writing standard output never throws: Console.write reports and ends the process on a failure, and
        // marks the output closed on EPIPE.
        do {
            start(batch.schema)
            var lines = writer.lines(of: batch)
            for piece in StreamedOutput.pieces(0..<batch.rowCount) where output.isOpen {
                switch format {
                case .json: try output.write { JSONWriter.rows(of: batch, piece, following: rowsWritten + piece.lowerBound, into: &$0) }
                default: try output.write { lines.write(piece, into: &$0) }
                }
            }
            rowsWritten += batch.rowCount
        } catch {
            return false
        }
        return output.isOpen
    }

    /// The header (CSV) or `[` (JSON), once.
    private func start(_ schema: Schema) {
        guard !started else { return }
        started = true
        try? output.write { bytes in
            if format == .json { JSONWriter.open(into: &bytes) } else { writer.header(schema, into: &bytes) }
        }
    }

    /// Ends the output of a streamed result whose columns are `schema` (a result of no rows still has its header).
    func finish(schema: Schema) throws {
        start(schema)
        if format == .json { try output.write { JSONWriter.close(rowCount: rowsWritten, into: &$0) } }
        try output.finish()
    }
}
