import AurumCharts
import AurumCore
import AurumPipeline

/// `aurum report --chart`: under the report's table, each campaign shown with its weekly spend over the
/// report's weeks — a sparkline (`auto`, `line`) with the first and the last week's spend, or (`bar`) bars of
/// its spend over the whole period. Per currency, as the report itself: bars of different currencies never
/// share a scale.
struct ReportTrends {
    var glyphs: ChartGlyphs
    var width: Int

    /// The trend block for `report`, whose weeks and lines come from `weekly` (the same Gold weekly rows,
    /// converted and restricted as the report's). Empty when the report is.
    func text(_ report: GoldReport, weekly: Batch, request: ChartRequest) -> String {
        guard let range = report.weeks, !report.sections.isEmpty else { return "" }
        let spendByWeek = Self.weeklySpend(weekly, within: range)
        let weeks = Array(Set(spendByWeek.values.flatMap(\.keys))).sorted()
        let weekCount = "\(weeks.count) week\(weeks.count == 1 ? "" : "s")"
        var lines = [
            "",
            request == .bar
                ? "Spend by campaign over the \(weekCount) from \(range.lowerBound) to \(range.upperBound)"
                : "Weekly spend by campaign, \(weekCount) from \(range.lowerBound) to \(range.upperBound) (each week from its Monday)",
        ]
        let partial = report.partialWeeks.map { "\($0.week) partial" }
        for section in report.sections {
            lines.append("")
            let ranking = Ranking(
                labelName: "campaign", labels: section.lines.map(Self.name),
                measure: ChartSeries(
                    name: "spend (\(section.currency))", values: section.lines.map(\.spend),
                    texts: section.lines.map { ReadableNumber.double($0.spend, decimals: 2) }))
            if request == .bar {
                lines.append(TerminalChart(width: width, glyphs: glyphs).render(.bar(ranking)))
                continue
            }
            lines.append("\(section.currency): weekly spend, first week → last week" + (partial.isEmpty ? "" : " (" + partial.joined(separator: ", ") + ")"))
            let labelWidth = min(section.lines.map { TableRenderer.displayWidth(glyphs.printable(Self.name($0))) }.max() ?? 8, max(12, width / 3))
            for line in section.lines {
                let series = weeks.map { spendByWeek[Self.key(line)]?[$0] ?? 0 }
                let first = ReadableNumber.double(series.first ?? 0, decimals: 2)
                let last = ReadableNumber.double(series.last ?? 0, decimals: 2)
                let spark = glyphs.coloured(Sparkline.text(series, unicode: glyphs.unicode), series: 0)
                lines.append(glyphs.pad(glyphs.cut(glyphs.printable(Self.name(line)), to: labelWidth), labelWidth) + "  " + spark + "  " + first + " → " + last)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func name(_ line: GoldReport.Line) -> String { line.campaignName.isEmpty ? line.campaignID : line.campaignName }

    private static func key(_ line: GoldReport.Line) -> String { line.source + "\u{1F}" + line.accountID + "\u{1F}" + line.campaignID }

    /// Spend per campaign (source, account, campaign) per week start, over the weeks in `range`. Gold has one
    /// row per campaign and week, so a week missing for a campaign is a week it spent nothing.
    private static func weeklySpend(_ weekly: Batch, within range: ClosedRange<Date32>) -> [String: [Int32: Double]] {
        guard case .date(let weeks) = weekly.column(named: "week"), case .double(let spend) = weekly.column(named: "spend"),
            case .string(let source) = weekly.column(named: "source"), case .string(let account) = weekly.column(named: "account_id"),
            case .string(let campaign) = weekly.column(named: "campaign_id")
        else { return [:] }
        var result: [String: [Int32: Double]] = [:]
        for row in 0..<weekly.rowCount where range.contains(Date32(days: weeks.values[row])) {
            let key = (source[row] ?? "") + "\u{1F}" + (account[row] ?? "") + "\u{1F}" + (campaign[row] ?? "")
            result[key, default: [:]][weeks.values[row], default: 0] += spend.isNull(row) ? 0 : spend.values[row]
        }
        return result
    }
}
