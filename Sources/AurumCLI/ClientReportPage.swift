import AurumCharts
import AurumCore
import AurumPipeline

/// A ``ClientReport`` as one self-contained HTML page: inline CSS and SVG, no script, no fetch of anything, laid
/// out for the screen and for print. Per currency: KPI tiles against the previous period, the daily trend,
/// top and lowest-ROAS campaigns, the biggest movers and the campaigns spending without conversions; then the
/// data-quality notes. Tiles carry their exact figures in `data-value` (for checks and scripts).
struct ClientReportPage {
    var words: ClientReportWords
    /// The client's name (nil: every account).
    var client: String?
    /// `--weeks N` (nil: a month).
    var weeks: Int?
    /// Rows per campaign table.
    var rows = 5

    func html(_ report: ClientReport) -> String {
        let name = client ?? words.allAccounts
        var body: [String] = []
        body.append("<header><h1>\(words.title): \(escaped(name))</h1>")
        body.append("<p class=\"period\">\(escaped(words.period(report.period, weeks: weeks)))</p>")
        body.append("<p class=\"meta\">\(escaped(words.dataUpTo(report.lastDay))) \(escaped(words.currenciesApart))</p></header>")
        for section in report.sections { body.append(contentsOf: self.section(section)) }
        body.append(contentsOf: quality(report.quarantine))
        body.append("<footer>\(escaped(words.generatedBy))</footer>")
        return """
            <!DOCTYPE html>
            <html lang="\(words.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(words.title + " — " + name + " — \(report.period.first) – \(report.period.last)"))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private func section(_ section: ClientReport.Section) -> [String] {
        let currency = escaped(section.currency)
        var lines = ["<section class=\"currency\" data-currency=\"\(currency)\"><h2>\(currency)</h2>", "<div class=\"tiles\">"]
        lines.append(tile("spend", words.spend, section.current.spend, section.previous.spend, text: money(section.current.spend, section.currency), goodWhenUp: nil))
        lines.append(tile("conversions", words.conversions, section.current.conversions, section.previous.conversions, text: words.number(section.current.conversions), goodWhenUp: true))
        lines.append(tile("cpa", "CPA", section.current.cpa, section.previous.cpa, text: section.current.cpa.map { money($0, section.currency) } ?? "–", goodWhenUp: false))
        lines.append(tile("roas", "ROAS", section.current.roas, section.previous.roas, text: section.current.roas.map { words.number($0) + "x" } ?? "–", goodWhenUp: true))
        lines.append("</div>")
        let series = TimeSeries(
            dateName: "date", dates: section.days,
            series: [
                ChartSeries(name: "\(words.spend) (\(section.currency))", values: section.dailySpend, texts: section.dailySpend.map { _ in "" }),
                ChartSeries(name: words.conversions, values: section.dailyConversions, texts: section.dailyConversions.map { _ in "" }),
            ])
        if series.series.allSatisfy({ $0.values.contains { $0 != nil } }) {
            lines.append("<figure><figcaption>\(escaped(words.trend))</figcaption>")
            lines.append(SVGChart(width: 860, plotHeight: 150, decimalComma: words == .pt).render(.line(series), standalone: false))
            lines.append("</figure>")
        }
        lines.append("<div class=\"tables\">")
        lines.append(table(words.top, section.top(rows), currency: section.currency, kind: "top"))
        lines.append(table(words.lowestROAS, section.lowestROAS(rows), currency: section.currency, kind: "lowest-roas"))
        lines.append(moversTable(section.movers(rows), currency: section.currency))
        lines.append(table(words.withoutConversions, Array(section.spendingWithoutConversions.prefix(rows)), currency: section.currency, kind: "no-conversions"))
        lines.append("</div></section>")
        return lines
    }

    /// A KPI tile: the figure, and its change against the previous period (green when better, red when worse;
    /// neither for spend, which is no better higher or lower).
    private func tile(_ kpi: String, _ label: String, _ current: Double?, _ previous: Double?, text: String, goodWhenUp: Bool?) -> String {
        var change = "<div class=\"change\">\(escaped(words.noPrevious))</div>"
        if let current, let previous, previous != 0 {
            let ratio = (current - previous) / abs(previous)
            let direction = ratio > 0 ? "up" : ratio < 0 ? "down" : "flat"
            var judgement = ""
            if let goodWhenUp, ratio != 0 { judgement = (ratio > 0) == goodWhenUp ? " good" : " bad" }
            change = "<div class=\"change \(direction)\(judgement)\">\(ratio > 0 ? "▲" : ratio < 0 ? "▼" : "=") \(escaped(words.percent(ratio))) \(escaped(words.versusPrevious))</div>"
        }
        let value = current.map { DoubleFormat.roundTrip($0) } ?? ""
        return "<div class=\"tile\" data-kpi=\"\(kpi)\" data-value=\"\(value)\"><div class=\"label\">\(escaped(label))</div><div class=\"value\">\(escaped(text))</div>\(change)</div>"
    }

    /// A titled block: `None.` without campaigns, else a table with `headers` and a row per campaign.
    private func block(_ title: String, kind: String, currency: String, headers: [String], _ campaigns: [ClientReport.Campaign], row: (ClientReport.Campaign) -> String) -> String {
        var lines = ["<div class=\"block\" data-table=\"\(kind)\"><h3>\(escaped(title)) (\(escaped(currency)))</h3>"]
        if campaigns.isEmpty {
            lines.append("<p class=\"empty\">\(escaped(words.none))</p></div>")
        } else {
            lines.append("<table><thead><tr>" + headers.map { "<th>\(escaped($0))</th>" }.joined() + "</tr></thead><tbody>")
            lines += campaigns.map(row)
            lines.append("</tbody></table></div>")
        }
        return lines.joined(separator: "\n")
    }

    private func table(_ title: String, _ campaigns: [ClientReport.Campaign], currency: String, kind: String) -> String {
        block(title, kind: kind, currency: currency, headers: [words.campaign, words.spend, words.conversionsShort, "CPA", "ROAS"], campaigns) { campaign in
            let totals = campaign.current
            return "<tr><td title=\"\(escaped(campaign.name))\">\(escaped(campaign.name))</td><td>\(escaped(words.number(totals.spend)))</td><td>\(escaped(words.number(totals.conversions)))</td>"
                + "<td>\(escaped(totals.cpa.map { words.number($0) } ?? "–"))</td><td>\(escaped(totals.roas.map { words.number($0) + "x" } ?? "–"))</td></tr>"
        }
    }

    private func moversTable(_ campaigns: [ClientReport.Campaign], currency: String) -> String {
        block(words.movers, kind: "movers", currency: currency, headers: [words.campaign, words.previous, words.current, words.change, "%"], campaigns) { campaign in
            let difference = campaign.current.spend - campaign.previous.spend
            let ratio = campaign.previous.spend == 0 ? "–" : words.percent(difference / campaign.previous.spend)
            return "<tr><td title=\"\(escaped(campaign.name))\">\(escaped(campaign.name))</td><td>\(escaped(words.number(campaign.previous.spend)))</td><td>\(escaped(words.number(campaign.current.spend)))</td>"
                + "<td>\(difference > 0 ? "+" : "")\(escaped(words.number(difference)))</td><td>\(escaped(ratio))</td></tr>"
        }
    }

    private func quality(_ note: ClientReport.QuarantineNote) -> [String] {
        var lines = ["<section class=\"quality\"><h2>\(escaped(words.quality))</h2>"]
        if note.total == 0 {
            lines.append("<p data-quarantined=\"0\">\(escaped(words.noneQuarantined))</p>")
        } else {
            lines.append("<p data-quarantined=\"\(note.total)\">\(escaped(words.quarantined(note.total)))</p><ul>")
            for reason in note.inPeriod { lines.append("<li><code>\(escaped(reason.reason))</code>: \(reason.count)</li>") }
            lines.append("</ul>")
        }
        if note.undated > 0 { lines.append("<p>\(escaped(words.undated(note.undated)))</p>") }
        if client != nil { lines.append("<p>\(escaped(words.quarantineAllAccounts))</p>") }
        lines.append("</section>")
        return lines
    }

    private func money(_ value: Double, _ currency: String) -> String { currency + " " + words.number(value) }

    /// `text` for HTML content and attributes.
    private func escaped(_ text: String) -> String { SVGText.escaped(text) }

    /// The page's style: system fonts, tiles in a row (two on a narrow screen), tables that break cleanly in print.
    static let style = """

        :root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --good: #047857; --bad: #b91c1c; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 960px; padding: 24px; line-height: 1.4; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 28px 0 12px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
        h3 { font-size: 14px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .period, .meta { margin: 2px 0; color: var(--muted); font-size: 13px; }
        .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
        .tile { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; break-inside: avoid; }
        .tile .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .tile .value { font-size: 22px; font-weight: bold; margin: 4px 0; white-space: nowrap; }
        .change { font-size: 12px; color: var(--muted); } .change.good { color: var(--good); } .change.bad { color: var(--bad); }
        figure { margin: 16px 0; break-inside: avoid; } figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
        svg { max-width: 100%; height: auto; display: block; }
        .tables { display: grid; grid-template-columns: minmax(0, 1fr); }
        .block { break-inside: avoid; }
        table { width: 100%; border-collapse: collapse; font-size: 12px; table-layout: fixed; }
        th, td { text-align: right; padding: 4px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        th { font-weight: 600; } th:first-child, td:first-child { text-align: left; width: 38%; }
        .empty { color: var(--muted); font-size: 13px; }
        footer { margin-top: 32px; font-size: 11px; color: var(--muted); }
        @media (max-width: 700px) { .tiles { grid-template-columns: 1fr 1fr; } }
        @media print { body { padding: 0; max-width: none; } section.currency { break-before: auto; } h2 { break-after: avoid; } }
        @page { margin: 16mm; }

        """
}
