import AurumCore

/// Draws a ``Chart`` as terminal text that fits ``width`` columns: lines on a braille canvas with a labelled
/// value axis and ISO dates under it, or horizontal eighth-block bars with each value at the bar's end.
///
/// Series that share a panel share its value axis; a series gets a panel of its own when its values are
/// more than ten times larger or smaller than the others' (one axis would flatten it), when nothing could
/// tell it apart from its neighbours (no colour, and braille dots are all alike), or when the series are
/// amounts in different currencies (``TimeSeries/separateAxes``). Grouped bars get a scale per group.
public struct TerminalChart: Sendable {
    /// Terminal columns the chart may take.
    public var width: Int
    /// Rows of a line chart's plot, its panels together.
    public var height: Int
    /// Characters and colours.
    public var glyphs: ChartGlyphs
    /// Bars drawn at most (the rest are counted below them).
    public var barCountMax: Int

    /// Narrowest chart drawn: narrower widths are widened to it.
    public static let widthMin = 30

    /// A chart `width` columns wide (``widthMin`` at least) whose line plots take `height` rows (4 at least).
    public init(width: Int, height: Int = 12, glyphs: ChartGlyphs, barCountMax: Int = 40) {
        self.width = max(width, Self.widthMin)
        self.height = max(height, 4)
        self.glyphs = glyphs
        self.barCountMax = max(barCountMax, 1)
    }

    /// The chart as lines of text (no trailing newline).
    public func render(_ chart: Chart) -> String {
        switch chart {
        case .line(let series): line(series)
        case .bar(let ranking): bar(ranking)
        }
    }

    // MARK: - Lines

    private func line(_ timeSeries: TimeSeries) -> String {
        let panels = timeSeries.separateAxes
            ? timeSeries.series.indices.map { [$0] } : Self.panels(timeSeries.series, shareable: glyphs.colour || !glyphs.unicode)
        let rowsPerPanel = panels.count == 1 ? height : max(4, (height * 2 / 3))
        let canvasRows = rowsPerPanel
        let axes = panels.map { members -> (scale: AxisScale, labels: [String]) in
            let bounds = members.compactMap { timeSeries.series[$0].bounds }
            let scale = AxisScale(
                covering: bounds.map(\.lower).min() ?? 0, bounds.map(\.upper).max() ?? 0, tickCount: max(2, canvasRows / 3 + 1))
            let percent = members.allSatisfy { timeSeries.series[$0].isPercent }
            return (scale, AxisNumber.labels(scale.ticks, step: scale.step, percent: percent))
        }
        let labelWidth = axes.flatMap(\.labels).map(TableRenderer.displayWidth).max() ?? 1
        let plotColumns = max(width - labelWidth - 2, 10)
        var lines: [String] = []
        let dates = timeSeries.dates
        for (panelIndex, members) in panels.enumerated() {
            let (scale, labels) = axes[panelIndex]
            // Each name gets an equal share of the width when they do not all fit.
            let nameWidth = max(4, (width - members.count * 5) / members.count)
            lines.append(
                members.map { glyphs.coloured(glyphs.legendMark(series: $0), series: $0) + " " + glyphs.cut(glyphs.printable(timeSeries.series[$0].name), to: nameWidth) }
                    .joined(separator: "   "))
            var canvas = DotCanvas(columns: plotColumns, rows: canvasRows, braille: glyphs.unicode)
            func dotX(_ date: Date32) -> Int {
                guard let first = dates.first, let last = dates.last, last.days > first.days else { return canvas.width / 2 }
                return Int((Double(date.days - first.days) / Double(last.days - first.days) * Double(canvas.width - 1)).rounded())
            }
            func dotY(_ value: Double) -> Int {
                Int(((1 - scale.fraction(value)) * Double(canvas.height - 1)).rounded())
            }
            for member in members {
                let values = timeSeries.series[member].values
                for index in values.indices {
                    guard let value = values[index] else { continue }
                    let point = (x: dotX(dates[index]), y: dotY(value))
                    if index + 1 < values.count, let next = values[index + 1] {
                        canvas.line(from: point, to: (dotX(dates[index + 1]), dotY(next)), series: member)
                    } else {
                        canvas.set(x: point.x, y: point.y, series: member)
                    }
                }
            }
            var rowLabels = [String?](repeating: nil, count: canvasRows)
            for (tick, label) in zip(scale.ticks, labels) {
                let row = dotY(tick) / canvas.dotsDown
                if rowLabels[row] == nil { rowLabels[row] = label }
            }
            for row in 0..<canvasRows {
                let label = rowLabels[row]
                lines.append(
                    glyphs.pad(label ?? "", labelWidth, right: true) + " " + (label == nil ? glyphs.vertical : glyphs.tickLeft)
                        + canvas.text(row: row, glyphs: glyphs))
            }
            let marks = dateMarks(dates, columns: plotColumns, dotsAcross: canvas.dotsAcross, dotX: dotX)
            var axis = Array(repeating: glyphs.horizontal, count: plotColumns)
            for mark in marks { axis[mark.column] = glyphs.tickBelow }
            lines.append(String(repeating: " ", count: labelWidth + 1) + glyphs.corner + axis.joined())
            if panelIndex == panels.count - 1 {
                var text = [Character](repeating: " ", count: plotColumns)
                for mark in marks {
                    for (offset, character) in mark.label.enumerated() where mark.start + offset < plotColumns {
                        text[mark.start + offset] = character
                    }
                }
                lines.append(String(repeating: " ", count: labelWidth + 2) + String(text).trailingSpacesRemoved)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The dates labelled under the axis: the first (left-aligned), the last (right-aligned) and the middle of
    /// the range (centred), each where it falls, leaving out any that would touch another.
    private func dateMarks(_ dates: [Date32], columns: Int, dotsAcross: Int, dotX: (Date32) -> Int) -> [(column: Int, start: Int, label: String)] {
        guard let first = dates.first, let last = dates.last else { return [] }
        let labelWidth = 10
        func mark(_ date: Date32, align: Int) -> (column: Int, start: Int, label: String) {
            let column = min(columns - 1, dotX(date) / dotsAcross)
            let start = align < 0 ? column : align > 0 ? column - labelWidth + 1 : column - labelWidth / 2
            return (column, max(0, min(start, columns - labelWidth)), date.description)
        }
        if first == last { return [mark(first, align: 0)] }
        var marks = [mark(first, align: -1)]
        let end = mark(last, align: 1)
        if end.start >= labelWidth + 2 { marks.append(end) }
        let middleDate = Date32(days: first.days + (last.days - first.days) / 2)
        let middle = mark(middleDate, align: 0)
        if marks.count == 2, middleDate != first, middle.start >= labelWidth + 2, middle.start + labelWidth + 2 <= end.start {
            marks.insert(middle, at: 1)
        }
        return marks
    }

    /// Which series share a panel (indices, in order): those within ten times of each other's largest magnitude
    /// share one when `shareable`; otherwise each has its own.
    static func panels(_ series: [ChartSeries], shareable: Bool) -> [[Int]] {
        var panels: [[Int]] = []
        var panelMagnitudes: [Double] = []
        for (index, measure) in series.enumerated() {
            let magnitude = measure.bounds.map { max(abs($0.lower), abs($0.upper)) } ?? 0
            if shareable, let panel = panelMagnitudes.indices.first(where: { Self.comparable(panelMagnitudes[$0], magnitude) }),
                series[panels[panel][0]].isPercent == measure.isPercent
            {
                panels[panel].append(index)
                panelMagnitudes[panel] = max(panelMagnitudes[panel], magnitude)
            } else {
                panels.append([index])
                panelMagnitudes.append(magnitude)
            }
        }
        return panels
    }

    private static func comparable(_ first: Double, _ second: Double) -> Bool {
        let (low, high) = (min(first, second), max(first, second))
        return high == 0 || low * 10 >= high
    }

    // MARK: - Bars

    private func bar(_ ranking: Ranking) -> String {
        let shown = min(ranking.labels.count, barCountMax)
        let labels = ranking.labels.prefix(shown).map { glyphs.printable($0) }
        let texts = ranking.measure.texts
        let values = ranking.measure.values
        let labelWidth = min(labels.map(TableRenderer.displayWidth).max() ?? 1, max(8, width * 35 / 100))
        let valueWidth = texts.prefix(shown).map(TableRenderer.displayWidth).max() ?? 1
        let area = max(width - labelWidth - valueWidth - 2, 5)
        var lines = [glyphs.cut(glyphs.printable(ranking.measure.name) + " by " + glyphs.printable(ranking.labelName), to: width)]
        for section in ranking.sections {
            let rows = section.rows.filter { $0 < shown }
            guard !rows.isEmpty else { continue }
            if let group = section.group { lines.append(glyphs.cut(glyphs.printable(group), to: width - 1) + ":") }
            // Each group its own scale: bars of different currencies are never measured against each other.
            let present = rows.compactMap { values[$0] }
            let lower = min(present.min() ?? 0, 0)
            let upper = max(present.max() ?? 0, 0)
            let span = upper - lower
            let zeroCell = span == 0 ? 0 : Int((Double(area) * -lower / span).rounded())
            for index in rows {
                var bar = String(repeating: " ", count: zeroCell)
                if let value = values[index], span > 0 {
                    if value >= 0 {
                        var eighths = Int((value / span * Double(area * 8)).rounded())
                        // A value above zero shows, however small beside the largest.
                        if value > 0 { eighths = max(eighths, glyphs.unicode ? 1 : 4) }
                        bar += glyphs.coloured(blocks(eighths: min(eighths, (area - zeroCell) * 8)), series: 0)
                    } else {
                        // Left of zero: whole cells (the partial blocks fill from the left only).
                        let cells = min(max(Int((-value / span * Double(area)).rounded()), 1), zeroCell)
                        bar = String(repeating: " ", count: zeroCell - cells)
                            + glyphs.coloured(String(repeating: glyphs.unicode ? "█" : "#", count: cells), series: 0)
                    }
                }
                lines.append(glyphs.pad(glyphs.cut(labels[index], to: labelWidth), labelWidth) + " " + bar + " " + texts[index])
            }
        }
        if ranking.labels.count > shown {
            let rest = ranking.labels.count - shown
            lines.append(glyphs.ellipsis + " \(ReadableNumber.integer(Int64(rest))) more row\(rest == 1 ? "" : "s") not drawn")
        }
        return lines.joined(separator: "\n")
    }

    /// A bar `eighths` eighths of a cell long: full blocks, then one partial block (▏▎▍▌▋▊▉); in ASCII, `#`
    /// per cell rounded.
    private func blocks(eighths: Int) -> String {
        guard glyphs.unicode else { return String(repeating: "#", count: (eighths + 4) / 8) }
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
    }
}

extension String {
    /// The text without the spaces at its end.
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
