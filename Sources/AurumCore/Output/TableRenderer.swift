import Foundation

/// Renders a batch for people: a box-drawn table (`table`, DuckDB's box mode) or a GitHub Markdown table
/// (`markdown`). NULL shows as `NULL`; long text is cut with `…`.
///
/// The box table fits a width (the terminal's): it first narrows text columns, cutting their values with `…`
/// (never a number: a cut number is a wrong number), then leaves out middle columns behind a `…` column. With
/// more rows than ``maxRows``, it shows the first and the last rows around a `·` row. The footer says
/// `N rows (M shown)` and `N columns (M shown)` when anything was left out. Numbers are made readable there
/// (``ReadableNumber``); Markdown keeps them as they are, to be pasted elsewhere.
public struct TableRenderer {
    /// Rows shown at most (first and last halves); nil shows every row.
    public var maxRows: Int?
    /// Terminal columns the box table may take; nil for no limit (output to a file or a pipe).
    public var maxWidth: Int?
    /// Characters shown at most in one cell.
    public var maxCellWidth: Int
    /// Which double columns hold ratios to show as percentages (`0.0123` as `1.23%`); the caller's rule.
    public var isPercent: (Field) -> Bool

    public init(maxRows: Int? = 40, maxWidth: Int? = nil, maxCellWidth: Int = 48, isPercent: @escaping (Field) -> Bool = { _ in false }) {
        self.maxRows = maxRows
        self.maxWidth = maxWidth
        self.maxCellWidth = maxCellWidth
        self.isPercent = isPercent
    }

    /// Narrowest a column gets (unless its values are narrower) before columns are left out; a number column
    /// is never narrower than its widest value.
    static let textWidthMin = 8

    /// `batch` as a box table. With `rowCount`, `batch` holds only the ends of a result of that many rows, the
    /// rows that ``maxRows`` shows (``ShownRows``): the table is the one the whole result would give.
    public func table(_ batch: Batch, rowCount: Int? = nil) -> String {
        let shownRows = rowsShown(batch, of: rowCount)
        var columns = batch.schema.fields.indices.map { index in
            RenderedColumn(batch: batch, column: index, rows: shownRows, readable: true, maxCellWidth: maxCellWidth, isPercent: isPercent)
        }
        var hiddenAfter: Int?  // the `…` column stands after this many shown columns
        if let maxWidth, Self.totalWidth(columns.map(\.naturalWidth)) > maxWidth {
            let kept = Self.columnsThatFit(columns.map(\.minimumWidth), width: maxWidth)
            if kept.count < columns.count {
                hiddenAfter = (1..<max(kept.count, 1)).first { kept[$0] != kept[$0 - 1] + 1 } ?? kept.count
                columns = kept.map { columns[$0] }
            }
            let budget = maxWidth - (hiddenAfter == nil ? 0 : 4)
            let widths = Self.shrink(columns.map(\.naturalWidth), minimums: columns.map(\.minimumWidth), toFit: budget)
            for index in columns.indices { columns[index].width = widths[index] }
        }
        if let hiddenAfter { columns.insert(.ellipsis(rows: shownRows.count), at: hiddenAfter) }

        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + columns.map { String(repeating: "─", count: $0.width + 2) }.joined(separator: middle) + right
        }
        func row(_ cell: (RenderedColumn) -> (text: String, right: Bool)) -> String {
            "│" + columns.map { column in
                let (text, right) = cell(column)
                return " " + Self.pad(Self.cut(text, to: column.width), column.width, right: right) + " "
            }.joined(separator: "│") + "│"
        }
        var lines = [line("┌", "┬", "┐"), row { ($0.header, false) }, row { ($0.type, false) }, line("├", "┼", "┤")]
        let top = shownRows.firstIndex { $0 < 0 } ?? shownRows.count
        for position in shownRows.indices {
            if position == top {
                lines.append(row { column in (Self.center("·", column.width), false) })
            } else {
                lines.append(row { ($0.cells[position], $0.rightAligned) })
            }
        }
        lines.append(line("└", "┴", "┘"))
        var footer = Self.rowsFooter(shownRows, of: rowCount ?? batch.rowCount)
        if hiddenAfter != nil {
            footer += "  " + Self.count(batch.schema.count, "column") + " (\(Self.grouped(columns.count - 1)) shown)"
        }
        lines.append(footer)
        return lines.joined(separator: "\n")
    }

    /// `batch` as a Markdown table; `rowCount` as ``table(_:rowCount:)`` takes it.
    public func markdown(_ batch: Batch, rowCount: Int? = nil) -> String {
        let shownRows = rowsShown(batch, of: rowCount)
        let columns = batch.schema.fields.indices.map { index in
            RenderedColumn(batch: batch, column: index, rows: shownRows, readable: false, maxCellWidth: maxCellWidth, isPercent: { _ in false })
        }
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + columns.map { escape($0.header) }.joined(separator: " | ") + " |",
                     "|" + columns.map { $0.rightAligned ? "---:|" : "---|" }.joined()]
        for (position, row) in shownRows.enumerated() {
            // The rows left out between the first and the last: one row of `…`.
            lines.append("| " + columns.map { row < 0 ? "…" : escape($0.cells[position]) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(Self.rowsFooter(shownRows, of: rowCount ?? batch.rowCount))
        return lines.joined(separator: "\n")
    }

    /// The rows of `batch` to show, in order (``ShownRows/positions(of:held:)``): all, or the first and the last
    /// of ``maxRows`` with -1 between them (where the `·` row goes). `rowCount`: as ``table(_:rowCount:)``.
    func rowsShown(_ batch: Batch, of rowCount: Int?) -> [Int] {
        guard let maxRows else {
            precondition(rowCount == nil || rowCount == batch.rowCount, "a table of every row holds every row")
            return Array(0..<batch.rowCount)
        }
        let shown = ShownRows(atMost: maxRows)
        let total = rowCount ?? batch.rowCount
        precondition(total == batch.rowCount || (total > shown.count && batch.rowCount == shown.count), "a result's shown ends")
        return shown.positions(of: total, held: batch.rowCount)
    }

    /// `N rows`, and `(M shown)` when `shownRows` (``rowsShown(_:of:)``) leaves some of the `rowCount` out.
    static func rowsFooter(_ shownRows: [Int], of rowCount: Int) -> String {
        let rowsWithValues = shownRows.filter { $0 >= 0 }.count
        return count(rowCount, "row") + (rowsWithValues < rowCount ? " (\(grouped(rowsWithValues)) shown)" : "")
    }

    /// Terminal columns a box table with content columns of `widths` takes: `│ a │ b │`.
    static func totalWidth(_ widths: [Int]) -> Int {
        widths.reduce(1) { $0 + $1 + 3 }
    }

    /// Which columns to keep when not all fit at their narrowest: the first and the last, then inwards from
    /// both sides in turn, while they fit beside a one-character `…` column; always the first one.
    static func columnsThatFit(_ minimums: [Int], width: Int) -> [Int] {
        guard totalWidth(minimums) > width else { return Array(minimums.indices) }
        var left: [Int] = []
        var right: [Int] = []
        var used = totalWidth([]) + 4
        var low = 0
        var high = minimums.count - 1
        var fromLeft = true
        while low <= high {
            let candidate = fromLeft ? low : high
            guard used + minimums[candidate] + 3 <= width || (left.isEmpty && fromLeft) else { break }
            used += minimums[candidate] + 3
            if fromLeft {
                left.append(low)
                low += 1
            } else {
                right.insert(high, at: 0)
                high -= 1
            }
            fromLeft.toggle()
        }
        return left + right
    }

    /// `widths` narrowed, widest first and never below `minimums`, until the table fits `width` (or every
    /// column is at its minimum).
    static func shrink(_ widths: [Int], minimums: [Int], toFit width: Int) -> [Int] {
        var widths = widths
        var excess = totalWidth(widths) - width
        while excess > 0 {
            guard let widest = widths.indices.filter({ widths[$0] > minimums[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    /// `text` cut to `width` terminal columns, ending in `…` when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = displayWidth(String(character))
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    static func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - displayWidth(text)))
        return right ? padding + text : text + padding
    }

    private static func center(_ text: String, _ width: Int) -> String {
        let left = max(0, (width - displayWidth(text)) / 2)
        return String(repeating: " ", count: left) + text
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func grouped(_ value: Int) -> String { ReadableNumber.integer(Int64(value)) }

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

/// One column of a rendered table: its texts and how wide it is, may get, and must stay.
struct RenderedColumn {
    var header: String
    var type: String
    /// One text per shown row (the `·` row has "").
    var cells: [String]
    var rightAligned: Bool
    /// Widest of header, type and cells.
    var naturalWidth: Int
    /// Narrowest it may be cut to: numbers are never cut; text down to ``TableRenderer/textWidthMin``.
    var minimumWidth: Int
    var width: Int

    /// Column `column` of `batch` at `rows` (-1: the `·` row). `readable`: numbers as ``ReadableNumber`` spells
    /// them (the box table); otherwise as CSV does.
    init(batch: Batch, column: Int, rows: [Int], readable: Bool, maxCellWidth: Int, isPercent: (Field) -> Bool) {
        let field = batch.schema.fields[column]
        var values = batch.columns[column]
        var rows = rows
        if case .string(let text) = values {
            // The shown rows alone, their text made for them only (a result's text may not be Strings yet).
            values = .string(text.gatherMade(rows.filter { $0 >= 0 }))
            var shown = 0
            for (position, row) in rows.enumerated() where row >= 0 {
                rows[position] = shown
                shown += 1
            }
        }
        header = field.name
        type = field.type.description.lowercased()
        rightAligned = field.type.isNumeric
        var groupIntegers = false
        if readable, case .int64(let integers) = values {
            groupIntegers = rows.contains { $0 >= 0 && !integers.isNull($0) && integers.values[$0].magnitude >= 10_000 }
        }
        let percent = readable && field.type == .double && isPercent(field)
        var decimals: Int? = 2
        if readable, case .double(let doubles) = values {
            let magnitude = rows.lazy.filter { $0 >= 0 && !doubles.isNull($0) && doubles.values[$0].isFinite }
                .map { doubles.values[$0].magnitude }.max() ?? 0
            decimals = ReadableNumber.decimals(forMagnitude: magnitude)
        }
        cells = rows.map { row -> String in
            guard row >= 0 else { return "" }
            let value = values.value(at: row)
            if readable {
                switch value {
                case .int64(let number) where groupIntegers: return ReadableNumber.integer(number)
                case .double(let number): return percent ? ReadableNumber.percent(number) : ReadableNumber.double(number, decimals: decimals)
                default: break
                }
            }
            let flat = value.description.replacingOccurrences(of: "\n", with: "↵").replacingOccurrences(of: "\r", with: "")
            return TableRenderer.cut(flat, to: maxCellWidth)
        }
        let cellWidth = cells.map(TableRenderer.displayWidth).max() ?? 0
        naturalWidth = max(cellWidth, TableRenderer.displayWidth(header), TableRenderer.displayWidth(type))
        // A number keeps all its digits; a header (and any text) keeps its first characters at least.
        let readableMinimum = min(naturalWidth, TableRenderer.textWidthMin)
        minimumWidth = rightAligned ? max(cellWidth, readableMinimum) : readableMinimum
        width = naturalWidth
    }

    private init(ellipsisRows: Int) {
        header = "…"
        type = ""
        cells = Array(repeating: "…", count: ellipsisRows)
        rightAligned = false
        naturalWidth = 1
        minimumWidth = 1
        width = 1
    }

    /// The `…` column that stands for the columns left out.
    static func ellipsis(rows: Int) -> RenderedColumn { RenderedColumn(ellipsisRows: rows) }
}
