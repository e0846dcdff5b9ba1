import AurumCore

/// Draws a ``Chart`` as a standalone SVG document: white background, gridlines at round values, labelled
/// axes (ISO dates: first, middle, last), a legend, one polyline per measure (broken at NULLs) or one bar per
/// row with its value. The output depends only on the chart and the size, byte for byte (golden files).
///
/// Measures share a panel on the terms of ``TerminalChart`` (within ten times of each other's magnitude, the
/// same unit); colour tells them apart.
public struct SVGChart: Sendable {
    /// Width of the picture in pixels.
    public var width: Int
    /// Height of one line-chart panel's plot area in pixels.
    public var plotHeight: Int
    /// Bars drawn at most.
    public var barCountMax: Int
    /// Axis numbers in the Portuguese style (`1.250`, `2,5k`): for a page in Portuguese, where `1,250` reads as
    /// one and a quarter.
    public var decimalComma: Bool

    /// A drawing `width` pixels wide (300 at least), line panels `plotHeight` high (80 at least).
    public init(width: Int = 800, plotHeight: Int = 240, barCountMax: Int = 40, decimalComma: Bool = false) {
        self.width = max(width, 300)
        self.plotHeight = max(plotHeight, 80)
        self.barCountMax = max(barCountMax, 1)
        self.decimalComma = decimalComma
    }

    /// Series colours, in order (distinct for common colour blindness, dark enough on white and in print).
    public static let colours = ["#2563eb", "#d97706", "#059669", "#9333ea"]
    private static let gridColour = "#e5e7eb"
    private static let axisColour = "#374151"
    private static let textColour = "#111827"
    private static let leftMargin = 72.0
    private static let rightMargin = 24.0

    /// The document: an XML declaration and an `<svg>` element when `standalone`, the `<svg>` element alone
    /// (to put inside HTML) otherwise. Ends with a newline.
    public func render(_ chart: Chart, standalone: Bool = true) -> String {
        var body: [String] = []
        let height: Double
        let title: String
        switch chart {
        case .line(let series):
            title = series.series.map(\.name).joined(separator: ", ") + " by " + series.dateName
            height = line(series, into: &body)
        case .bar(let ranking):
            title = ranking.measure.name + " by " + ranking.labelName
            height = bar(ranking, into: &body)
        }
        var lines: [String] = []
        if standalone { lines.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") }
        lines.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(SVGText.number(height))\" viewBox=\"0 0 \(width) \(SVGText.number(height))\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">")
        lines.append("<title>\(SVGText.escaped(title))</title>")
        lines.append("<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(SVGText.number(height))\" fill=\"#ffffff\"/>")
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Lines

    /// Appends the panels of `timeSeries`; returns the picture's height.
    private func line(_ timeSeries: TimeSeries, into body: inout [String]) -> Double {
        let panels = timeSeries.separateAxes ? timeSeries.series.indices.map { [$0] } : TerminalChart.panels(timeSeries.series, shareable: true)
        let plotLeft = Self.leftMargin
        let plotRight = Double(width) - Self.rightMargin
        let dates = timeSeries.dates
        func x(_ date: Date32) -> Double {
            guard let first = dates.first, let last = dates.last, last.days > first.days else { return (plotLeft + plotRight) / 2 }
            return plotLeft + Double(date.days - first.days) / Double(last.days - first.days) * (plotRight - plotLeft)
        }
        var top = 0.0
        for (panelIndex, members) in panels.enumerated() {
            // The legend: a swatch and the name of each measure.
            var legendX = plotLeft
            for member in members {
                let name = SVGText.escaped(timeSeries.series[member].name)
                body.append(
                    "<rect x=\"\(SVGText.number(legendX))\" y=\"\(SVGText.number(top + 12))\" width=\"14\" height=\"4\" fill=\"\(Self.colour(member))\"/>")
                body.append(
                    "<text x=\"\(SVGText.number(legendX + 20))\" y=\"\(SVGText.number(top + 18))\" fill=\"\(Self.textColour)\">\(name)</text>")
                legendX += 40 + Double(timeSeries.series[member].name.count) * 7
            }
            let plotTop = top + 32
            let plotBottom = plotTop + Double(plotHeight)
            let bounds = members.compactMap { timeSeries.series[$0].bounds }
            let scale = AxisScale(covering: bounds.map(\.lower).min() ?? 0, bounds.map(\.upper).max() ?? 0, tickCount: 5)
            let labels = AxisNumber.labels(scale.ticks, step: scale.step, percent: members.allSatisfy { timeSeries.series[$0].isPercent }, decimalComma: decimalComma)
            func y(_ value: Double) -> Double { plotBottom - scale.fraction(value) * (plotBottom - plotTop) }
            for (tick, label) in zip(scale.ticks, labels) {
                let tickY = SVGText.number(y(tick))
                body.append(
                    "<line x1=\"\(SVGText.number(plotLeft))\" y1=\"\(tickY)\" x2=\"\(SVGText.number(plotRight))\" y2=\"\(tickY)\" stroke=\"\(Self.gridColour)\" shape-rendering=\"crispEdges\"/>")
                body.append(
                    "<text x=\"\(SVGText.number(plotLeft - 8))\" y=\"\(SVGText.number(y(tick) + 4))\" text-anchor=\"end\" fill=\"\(Self.textColour)\">\(SVGText.escaped(label))</text>")
            }
            body.append(axes(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom))
            for member in members {
                let values = timeSeries.series[member].values
                var run: [String] = []
                func flush() {
                    if run.count == 1, let point = run.first {
                        let parts = point.split(separator: ",")
                        body.append("<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"3\" fill=\"\(Self.colour(member))\"/>")
                    } else if run.count > 1 {
                        body.append(
                            "<polyline fill=\"none\" stroke=\"\(Self.colour(member))\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(run.joined(separator: " "))\"/>")
                    }
                    run = []
                }
                for index in values.indices {
                    guard let value = values[index] else {
                        flush()
                        continue
                    }
                    run.append(SVGText.number(x(dates[index])) + "," + SVGText.number(y(value)))
                }
                flush()
            }
            top = plotBottom
            if panelIndex == panels.count - 1 {
                for (date, anchor) in Self.dateLabels(dates) {
                    let labelX = SVGText.number(x(date))
                    body.append(
                        "<line x1=\"\(labelX)\" y1=\"\(SVGText.number(plotBottom))\" x2=\"\(labelX)\" y2=\"\(SVGText.number(plotBottom + 5))\" stroke=\"\(Self.axisColour)\" shape-rendering=\"crispEdges\"/>")
                    body.append(
                        "<text x=\"\(labelX)\" y=\"\(SVGText.number(plotBottom + 20))\" text-anchor=\"\(anchor)\" fill=\"\(Self.textColour)\">\(date)</text>")
                }
                top += 32
            } else {
                top += 12
            }
        }
        return top
    }

    /// The dates labelled: first (anchored at its start), middle of the range, last (anchored at its end).
    private static func dateLabels(_ dates: [Date32]) -> [(Date32, String)] {
        guard let first = dates.first, let last = dates.last else { return [] }
        if first == last { return [(first, "middle")] }
        var labels = [(first, "start")]
        let middle = Date32(days: first.days + (last.days - first.days) / 2)
        if middle != first { labels.append((middle, "middle")) }
        labels.append((last, "end"))
        return labels
    }

    // MARK: - Bars

    /// Appends the bars of `ranking`, a section with its own scale per group; returns the picture's height.
    private func bar(_ ranking: Ranking, into body: inout [String]) -> Double {
        let shown = min(ranking.labels.count, barCountMax)
        let rowHeight = 24.0
        let longestLabel = ranking.labels.prefix(shown).map(\.count).max() ?? 1
        let labelWidth = min(Double(longestLabel) * 7 + 8, Double(width) * 0.35)
        let longestValue = ranking.measure.texts.prefix(shown).map(\.count).max() ?? 1
        let plotLeft = labelWidth + 8
        let plotRight = Double(width) - Self.rightMargin - Double(longestValue) * 7 - 8
        body.append(
            "<text x=\"8\" y=\"20\" font-weight=\"bold\" fill=\"\(Self.textColour)\">\(SVGText.escaped(ranking.measure.name + " by " + ranking.labelName))</text>")
        var top = 28.0
        for section in ranking.sections {
            let rows = section.rows.filter { $0 < shown }
            guard !rows.isEmpty else { continue }
            if let group = section.group {
                top += 8
                body.append(
                    "<text x=\"\(SVGText.number(plotLeft))\" y=\"\(SVGText.number(top + 8))\" font-weight=\"bold\" fill=\"\(Self.textColour)\">\(SVGText.escaped(group))</text>")
                top += 16
            }
            top = barSection(ranking, rows: rows, top: top, labelWidth: labelWidth, plotLeft: plotLeft, plotRight: plotRight, rowHeight: rowHeight, into: &body)
        }
        if ranking.labels.count > shown {
            let rest = ranking.labels.count - shown
            body.append(
                "<text x=\"\(SVGText.number(plotLeft))\" y=\"\(SVGText.number(top + 4))\" fill=\"\(Self.textColour)\">… \(ReadableNumber.integer(Int64(rest))) more row\(rest == 1 ? "" : "s") not drawn</text>")
            top += 18
        }
        return top
    }

    /// Appends the bars of `rows`, on a scale of their own with its gridlines and labels; returns where the
    /// section ends.
    private func barSection(
        _ ranking: Ranking, rows: [Int], top plotTop: Double, labelWidth: Double, plotLeft: Double, plotRight: Double, rowHeight: Double,
        into body: inout [String]
    ) -> Double {
        let plotBottom = plotTop + Double(rows.count) * rowHeight
        let present = rows.compactMap { ranking.measure.values[$0] }
        let scale = AxisScale(covering: present.min() ?? 0, present.max() ?? 0, tickCount: 5, includingZero: true)
        func x(_ value: Double) -> Double { plotLeft + scale.fraction(value) * (plotRight - plotLeft) }
        let labels = AxisNumber.labels(scale.ticks, step: scale.step, percent: ranking.measure.isPercent, decimalComma: decimalComma)
        for (tick, label) in zip(scale.ticks, labels) {
            let tickX = SVGText.number(x(tick))
            body.append(
                "<line x1=\"\(tickX)\" y1=\"\(SVGText.number(plotTop))\" x2=\"\(tickX)\" y2=\"\(SVGText.number(plotBottom))\" stroke=\"\(Self.gridColour)\" shape-rendering=\"crispEdges\"/>")
            body.append(
                "<text x=\"\(tickX)\" y=\"\(SVGText.number(plotBottom + 18))\" text-anchor=\"middle\" fill=\"\(Self.textColour)\">\(SVGText.escaped(label))</text>")
        }
        let zero = x(0)
        for (position, index) in rows.enumerated() {
            let rowTop = plotTop + Double(position) * rowHeight
            let middle = SVGText.number(rowTop + rowHeight / 2 + 4)
            body.append(
                "<text x=\"\(SVGText.number(labelWidth))\" y=\"\(middle)\" text-anchor=\"end\" fill=\"\(Self.textColour)\">\(SVGText.escaped(Self.cut(ranking.labels[index], to: Int(labelWidth / 7))))</text>"
            )
            var end = zero
            if let value = ranking.measure.values[index] {
                let barX = x(value)
                body.append(
                    "<rect x=\"\(SVGText.number(min(zero, barX)))\" y=\"\(SVGText.number(rowTop + 4))\" width=\"\(SVGText.number(abs(barX - zero)))\" height=\"\(SVGText.number(rowHeight - 8))\" fill=\"\(Self.colour(0))\"/>"
                )
                end = max(zero, barX)
            }
            body.append(
                "<text x=\"\(SVGText.number(end + 6))\" y=\"\(middle)\" fill=\"\(Self.textColour)\">\(SVGText.escaped(ranking.measure.texts[index]))</text>")
        }
        body.append(
            "<line x1=\"\(SVGText.number(zero))\" y1=\"\(SVGText.number(plotTop))\" x2=\"\(SVGText.number(zero))\" y2=\"\(SVGText.number(plotBottom))\" stroke=\"\(Self.axisColour)\" shape-rendering=\"crispEdges\"/>")
        return plotBottom + 30
    }

    // MARK: - Parts

    private func axes(left: Double, right: Double, top: Double, bottom: Double) -> String {
        "<path d=\"M\(SVGText.number(left)) \(SVGText.number(top)) V\(SVGText.number(bottom)) H\(SVGText.number(right))\" fill=\"none\" stroke=\"\(Self.axisColour)\" shape-rendering=\"crispEdges\"/>"
    }

    private static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// `text` cut to `characters` characters, ending in `…` when cut.
    private static func cut(_ text: String, to characters: Int) -> String {
        guard text.count > characters, characters > 1 else { return text }
        return String(text.prefix(characters - 1)) + "…"
    }
}
