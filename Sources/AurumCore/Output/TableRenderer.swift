import Foundation

/// Renders a batch for people: a box-drawn table (`table`) or a GitHub Markdown table (`markdown`). Numbers
/// are right-aligned, NULL shows as `NULL`, wide values are cut with `…`, and a footer says how many rows there
/// are and how many were not shown.
public struct TableRenderer {
    /// Rows shown at most (the rest are counted in the footer).
    public var maxRows: Int
    /// Characters shown at most in one cell.
    public var maxCellWidth: Int

    public init(maxRows: Int = 40, maxCellWidth: Int = 48) {
        self.maxRows = maxRows
        self.maxCellWidth = maxCellWidth
    }

    public func table(_ batch: Batch) -> String {
        let (header, rows, rightAligned) = cells(batch)
        let types = batch.schema.fields.map { $0.type.description.lowercased() }
        let widths = header.indices.map { column in
            ([header[column], types[column]] + rows.map { $0[column] }).map(Self.displayWidth).max() ?? 0
        }
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        }
        func row(_ values: [String], alignRight: [Bool]) -> String {
            "│" + values.indices.map { " " + pad(values[$0], widths[$0], right: alignRight[$0]) + " " }.joined(separator: "│") + "│"
        }
        var lines = [line("┌", "┬", "┐"), row(header, alignRight: header.map { _ in false }),
                     row(types, alignRight: types.map { _ in false }),
                     line("├", "┼", "┤")]
        for values in rows { lines.append(row(values, alignRight: rightAligned)) }
        lines.append(line("└", "┴", "┘"))
        lines.append(footer(batch))
        return lines.joined(separator: "\n")
    }

    public func markdown(_ batch: Batch) -> String {
        let (header, rows, rightAligned) = cells(batch)
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + header.map(escape).joined(separator: " | ") + " |",
                     "|" + rightAligned.map { $0 ? "---:|" : "---|" }.joined()]
        for values in rows { lines.append("| " + values.map(escape).joined(separator: " | ") + " |") }
        lines.append("")
        lines.append(footer(batch))
        return lines.joined(separator: "\n")
    }

    private func footer(_ batch: Batch) -> String {
        let total = batch.rowCount
        let shown = min(total, maxRows)
        var text = "\(total) row\(total == 1 ? "" : "s")"
        if shown < total { text += " (\(shown) shown, \(total - shown) hidden; raise .maxrows or use --max-rows)" }
        return text
    }

    private func cells(_ batch: Batch) -> ([String], [[String]], [Bool]) {
        let header = batch.schema.names
        let rightAligned = batch.schema.fields.map { $0.type.isNumeric }
        let rows = (0..<min(batch.rowCount, maxRows)).map { row in
            batch.columns.map { column -> String in
                let text = column.value(at: row).description
                let flat = text.replacingOccurrences(of: "\n", with: "↵").replacingOccurrences(of: "\r", with: "")
                return Self.displayWidth(flat) > maxCellWidth ? String(flat.prefix(maxCellWidth - 1)) + "…" : flat
            }
        }
        return (header, rows, rightAligned)
    }

    private func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - Self.displayWidth(text)))
        return right ? padding + text : text + padding
    }

    /// Terminal columns `text` takes: wide (East Asian, emoji) characters count 2, combining marks 0.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            if scalar.properties.isEmojiPresentation || character.unicodeScalars.contains(where: { $0.value == 0xFE0F })
                || (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0x1F300...0x1FAFF).contains(scalar.value)
            {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }
}
