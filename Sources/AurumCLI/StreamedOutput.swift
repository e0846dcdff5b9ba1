import AurumCore
import AurumStorage

/// Where a streamed result goes: standard output, or a file replaced atomically once complete, through one
/// ``BufferedOutput`` (bounded memory, whatever the result's size).
enum StreamedOutput {
    /// Rows formatted per write: the buffer overshoots its capacity by at most this many rows' text.
    static let pieceRows = 16_384

    /// Runs `body` with an output to `path` (``OutputFile``: refused inside a store, atomic for a regular file),
    /// or to standard output when `path` is nil or `-`; standard output closed by its reader (`| head`) makes the
    /// output stop accepting bytes (``BufferedOutput/isOpen``), and the command ends quietly.
    static func write(to path: String?, protecting stores: [String], _ body: (BufferedOutput) throws -> Void) throws {
        guard let path, path != "-" else {
            let output = BufferedOutput { bytes in
                Console.write(bytes)
                return !Console.standardOutputClosed
            }
            try body(output)
            try output.finish()
            return
        }
        let file = try OutputFile.open(path, protecting: stores)
        let output = BufferedOutput { bytes in
            try file.append(bytes)
            return true
        }
        try body(output)
        try output.finish()
        try file.commit()
    }

    /// The ranges of at most ``pieceRows`` rows that cover `rows`.
    static func pieces(_ rows: Range<Int>) -> [Range<Int>] {
        stride(from: rows.lowerBound, to: rows.upperBound, by: pieceRows).map { $0..<min($0 + pieceRows, rows.upperBound) }
    }
}
