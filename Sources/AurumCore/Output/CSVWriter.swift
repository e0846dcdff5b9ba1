/// Writes batches as RFC 4180 CSV: UTF-8, comma-separated, CRLF-free (`\n` line ends, which RFC 4180 readers
/// accept), a header row, fields quoted when they hold a comma, quote, CR or LF (quotes doubled), NULL as an
/// empty unquoted field (an empty text is `""`), dates as `YYYY-MM-DD`, booleans as `true`/`false`, doubles in their shortest
/// round-trip form.
///
/// Formula guard: a text value that begins with `=`, `+`, `-`, `@`, TAB or CR would be run as a formula by
/// Excel, LibreOffice and Google Sheets ("CSV injection"). With ``FormulaGuard/quote`` (the default) such a
/// value, and any value beginning with `'`, is written with one extra `'` in front, which spreadsheets show as
/// plain text; strip exactly one leading `'` to recover the value. Numbers are never altered.
public struct CSVWriter {
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
            appendText(field.name, guarded: false, into: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// The rows of `batch`, one line each, in the order given by `rows` (all rows when nil).
    public func rows(_ batch: Batch, order rows: [Int]? = nil, into output: inout [UInt8]) {
        for row in rows ?? Array(0..<batch.rowCount) {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendField(column, row: row, into: &output)
            }
            output.append(UInt8(ascii: "\n"))
        }
    }

    private func appendField(_ column: Column, row: Int, into output: inout [UInt8]) {
        if column.isNull(row) { return }
        switch column {
        case .int64(let c): output.append(contentsOf: String(c.values[row]).utf8)
        case .double(let c): output.append(contentsOf: DoubleFormat.roundTrip(c.values[row]).utf8)
        case .date(let c): output.append(contentsOf: Date32(days: c.values[row]).description.utf8)
        case .bool(let c): output.append(contentsOf: (c.values[row] != 0 ? "true" : "false").utf8)
        case .string(let c): appendText(c.dictionary[Int(c.codes[row])], guarded: formulaGuard == .quote, into: &output)
        }
    }

    private func appendText(_ text: String, guarded: Bool, into output: inout [UInt8]) {
        let utf8 = text.utf8
        let needsGuard = guarded && utf8.first.map { Self.formulaStarts.contains($0) } == true
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || utf8.isEmpty  // "" keeps an empty text apart from NULL

        if needsQuotes { output.append(UInt8(ascii: "\"")) }
        if needsGuard { output.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        if needsQuotes { output.append(UInt8(ascii: "\"")) }
    }

    /// First bytes that make a spreadsheet treat text as a formula, plus `'` so the guard is reversible.
    static let formulaStarts: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13, UInt8(ascii: "'"),
    ]
}
