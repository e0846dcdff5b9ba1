/// Writes batches as RFC 4180 CSV: UTF-8, comma-separated, CRLF-free (`\n` line ends, which RFC 4180 readers
/// accept), a header row, fields quoted when they hold a comma, quote, CR or LF (quotes doubled), NULL as an
/// empty unquoted field (an empty text is `""`), dates as `YYYY-MM-DD`, booleans as `true`/`false`, doubles in their shortest
/// round-trip form.
///
/// Formula guard: a text value that begins with `=`, `+`, `-`, `@`, TAB or CR would be run as a formula by
/// Excel, LibreOffice and Google Sheets ("CSV injection"). With ``FormulaGuard/quote`` (the default) such a
/// value, and any value beginning with `'`, is written with one extra `'` in front, which spreadsheets show as
/// plain text; strip exactly one leading `'` to recover the value. Numbers are never altered.
public struct CSVWriter: Sendable {
    public enum FormulaGuard: String, Sendable, CaseIterable {
        /// Prefix risky text with `'`.
        case quote
        /// Write text exactly as stored.
        case none
    }

    public let formulaGuard: FormulaGuard

    public init(formulaGuard: FormulaGuard = .quote) {
        self.formulaGuard = formulaGuard
    }

    /// The header line for `schema`.
    public func header(_ schema: Schema, into output: inout [UInt8]) {
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            Self.appendText(field.name, guarded: false, into: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// The rows of `batch`, one line each, in the order given by `rows` (all rows when nil).
    ///
    /// Written a column at a time, in chunks of rows: each column's fields are spelled into one buffer (a text's
    /// dictionary entry once, however many rows hold it), then the chunk's lines are copied together from those.
    public func rows(_ batch: Batch, order rows: [Int]? = nil, into output: inout [UInt8]) {
        var lines = lines(of: batch)
        lines.write(rows ?? Array(0..<batch.rowCount), into: &output)
    }

    /// A speller of `batch`'s rows that can be asked for them a few at a time (a streamed export) and still
    /// spells each text dictionary entry once.
    public func lines(of batch: Batch) -> Lines {
        Lines(batch: batch, guarded: formulaGuard == .quote)
    }

    /// The CSV lines of one batch's rows, written on demand (``CSVWriter/lines(of:)``).
    public struct Lines {
        private let rowCount: Int
        private var columns: [ColumnSpeller]

        fileprivate init(batch: Batch, guarded: Bool) {
            rowCount = batch.rowCount
            columns = batch.columns.map { ColumnSpeller($0, guarded: guarded) }
        }

        /// Appends the lines of rows `order` (row numbers of the batch), in that order, to `output`.
        public mutating func write<Rows: RandomAccessCollection<Int>>(_ order: Rows, into output: inout [UInt8]) where Rows.Index == Int {
            var unused: [Int] = []
            write(order, into: &output, lineEnds: &unused, recording: false)
        }

        /// ``write(_:into:)``, also appending to `lineEnds` where each row's line ends in `output`.
        public mutating func write<Rows: RandomAccessCollection<Int>>(_ order: Rows, into output: inout [UInt8], lineEnds: inout [Int])
        where Rows.Index == Int {
            write(order, into: &output, lineEnds: &lineEnds, recording: true)
        }

        private mutating func write<Rows: RandomAccessCollection<Int>>(
            _ order: Rows, into output: inout [UInt8], lineEnds: inout [Int], recording: Bool
        ) where Rows.Index == Int {
            guard !columns.isEmpty else {
                for _ in 0..<order.count {
                    output.append(UInt8(ascii: "\n"))
                    if recording { lineEnds.append(output.count) }
                }
                return
            }
            for chunk in stride(from: order.startIndex, to: order.endIndex, by: CSVWriter.chunkRows) {
                let rows = order[chunk..<min(chunk + CSVWriter.chunkRows, order.endIndex)]
                var total = rows.count * columns.count  // a comma or line end after each field
                for index in columns.indices {
                    columns[index].spell(rows)
                    total += columns[index].byteCount
                }
                let before = output.count
                output.append(contentsOf: repeatElement(0, count: total))
                let columns = columns
                output.withUnsafeMutableBufferPointer { output in
                    var at = before
                    for position in 0..<rows.count {
                        for (index, column) in columns.enumerated() {
                            column.bytes.withUnsafeBufferPointer { bytes in
                                for offset in column.starts[position]..<column.ends[position] {
                                    output[at] = bytes[offset]
                                    at += 1
                                }
                            }
                            output[at] = index == columns.count - 1 ? UInt8(ascii: "\n") : UInt8(ascii: ",")
                            at += 1
                        }
                        if recording { lineEnds.append(at) }
                    }
                }
            }
        }
    }

    /// Rows spelled at a time: enough to make each pass over a column worth it, few enough that the buffers
    /// stay small.
    fileprivate static let chunkRows = 16_384

    /// Spells one column's fields for a chunk of rows: `bytes[starts[i]..<ends[i]]` is the chunk's i-th row's.
    /// Text keeps its spelled dictionary entries across chunks, and its rows point at them.
    fileprivate struct ColumnSpeller {
        let column: Column
        let guarded: Bool
        private(set) var bytes: [UInt8] = []
        private(set) var starts: [Int] = []
        private(set) var ends: [Int] = []
        /// Where each text dictionary entry is spelled in `bytes`, once it is.
        private var spelledEntry: [Range<Int>?] = []

        init(_ column: Column, guarded: Bool) {
            self.column = column
            self.guarded = guarded
            if case .string(let text) = column { spelledEntry = [Range<Int>?](repeating: nil, count: text.entryCount) }
        }

        /// The chunk's bytes, counting each row's field (a text entry as often as rows hold it).
        private(set) var byteCount = 0

        private mutating func add(_ range: Range<Int>) {
            starts.append(range.lowerBound)
            ends.append(range.upperBound)
            byteCount += range.count
        }

        mutating func spell<Rows: Collection<Int>>(_ rows: Rows) {
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            byteCount = 0
            let validity = column.validity
            func each<Element>(_ values: [Element], _ write: (Element, inout [UInt8]) -> Void) {
                bytes.removeAll(keepingCapacity: true)
                values.withUnsafeBufferPointer { values in
                    for row in rows {
                        if let validity, validity[row] == 0 {
                            add(0..<0)  // NULL: an empty field
                            continue
                        }
                        let start = bytes.count
                        write(values[row], &bytes)
                        add(start..<bytes.count)
                    }
                }
            }
            switch column {
            case .int64(let c): each(c.values) { value, bytes in CSVWriter.appendDecimal(value, into: &bytes) }
            case .double(let c): each(c.values) { value, bytes in DoubleFormat.append(value, to: &bytes) }
            case .date(let c): each(c.values) { value, bytes in Date32(days: value).appendISO(into: &bytes) }
            case .bool(let c):
                each(c.values) { value, bytes in bytes.append(contentsOf: value != 0 ? CSVWriter.trueBytes : CSVWriter.falseBytes) }
            case .string(let c):
                let dictionary = c.dictionary
                for row in rows {
                    if let validity, validity[row] == 0 {
                        add(0..<0)
                        continue
                    }
                    let entry = Int(c.codes[row])
                    if let range = spelledEntry[entry] {
                        add(range)
                    } else {
                        let start = bytes.count
                        CSVWriter.appendText(dictionary[entry], guarded: guarded, into: &bytes)
                        spelledEntry[entry] = start..<bytes.count
                        add(start..<bytes.count)
                    }
                }
            }
        }
    }

    fileprivate static let trueBytes = Array("true".utf8)
    fileprivate static let falseBytes = Array("false".utf8)

    /// `value` in decimal digits.
    fileprivate static func appendDecimal(_ value: Int64, into output: inout [UInt8]) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    fileprivate static func appendText(_ text: String, guarded: Bool, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            let needsGuard = guarded && utf8.first.map(isFormulaStart) == true
            let needsQuotes = utf8.isEmpty  // "" keeps an empty text apart from NULL
                || utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            guard needsGuard || needsQuotes else { return output.append(contentsOf: utf8) }
            if needsQuotes { output.append(UInt8(ascii: "\"")) }
            if needsGuard { output.append(UInt8(ascii: "'")) }
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { output.append(byte) }
                output.append(byte)
            }
            if needsQuotes { output.append(UInt8(ascii: "\"")) }
        }
    }

    /// Whether text beginning with `byte` would be taken as a formula: `=`, `+`, `-`, `@`, TAB, CR, and `'` so
    /// that the guard is reversible.
    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13, UInt8(ascii: "'"): true
        default: false
        }
    }
}
