/// One batch's CSV lines handed out by row range, spelled ahead a slab of rows at a time on every core.
///
/// What a streamed export writes through when it asks for a batch's rows in many small ascending stretches (a
/// merge of sorted runs hands on each campaign's rows apart): spelling each stretch on its own kept one core
/// busy, with a column pass per few rows. Here a slab of ``slabRows`` rows is cut into pieces, each piece
/// spelled by its own ``CSVWriter/Lines`` on a worker, and the pieces joined with where every line starts; a
/// stretch is then a copy of bytes. Memory: one slab's text per batch being read.
public struct CSVLineSlabs {
    /// Rows spelled at once: half a Gold row group, an eighth of a Silver one (some 8 MB of Silver's text).
    public static let slabRows = 16_384
    /// The fewest rows worth a worker of their own.
    static let pieceRowsMin = 2_048

    private let batch: Batch
    private let writer: CSVWriter
    /// The rows spelled now, their text, and where the line of row `slab.lowerBound + i` starts (`lineStarts[i]`;
    /// the last element is the text's end).
    private var slab = 0..<0
    private var text: [UInt8] = []
    private var lineStarts: [Int] = [0]

    public init(_ batch: Batch, writer: CSVWriter) {
        self.batch = batch
        self.writer = writer
    }

    /// Appends the lines of `rows` to `output`; stretches asked for in ascending order are spelled once.
    public mutating func write(_ rows: Range<Int>, into output: inout [UInt8]) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= batch.rowCount, "rows of the batch")
        var next = rows.lowerBound
        while next < rows.upperBound {
            if !slab.contains(next) { spell(from: next) }
            let end = min(rows.upperBound, slab.upperBound)
            output.append(contentsOf: text[lineStarts[next - slab.lowerBound]..<lineStarts[end - slab.lowerBound]])
            next = end
        }
    }

    /// Spells the slab of rows that begins at `start`.
    private mutating func spell(from start: Int) {
        let end = min(batch.rowCount, start + Self.slabRows)
        let pieceCount = max(1, min(Parallel.threadCount, (end - start) / Self.pieceRowsMin))
        let (batch, writer) = (self.batch, self.writer)
        let pieces = Parallel.map(pieceCount) { piece -> ([UInt8], [Int]) in
            let from = start + (end - start) * piece / pieceCount
            let to = start + (end - start) * (piece + 1) / pieceCount
            var lines = writer.lines(of: batch)
            var text: [UInt8] = []
            var lineEnds: [Int] = []
            lines.write(from..<to, into: &text, lineEnds: &lineEnds)
            return (text, lineEnds)
        }
        slab = start..<end
        if pieces.count == 1 {
            text = pieces[0].0
            lineStarts = [0] + pieces[0].1
            return
        }
        text.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        lineStarts.append(0)
        for (pieceText, lineEnds) in pieces {
            let offset = text.count
            text.append(contentsOf: pieceText)
            lineStarts.append(contentsOf: lineEnds.lazy.map { $0 + offset })
        }
    }
}
