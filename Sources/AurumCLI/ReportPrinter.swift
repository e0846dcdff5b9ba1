import AurumCore
import AurumDomain
import AurumPipeline

/// How `aurum report` shows a ``GoldReport``: a block per currency for reading, or one row per campaign shown
/// (with its currency and rank) as CSV, JSON or Markdown. What the rows cover (weeks, partial weeks) goes to
/// standard output before a table or Markdown, and to standard error before CSV or JSON.
struct ReportPrinter {
    var format: OutputFormat

    func print(_ report: GoldReport, converted: Bool) {
        guard let range = report.weeks else {
            Console.print("Gold is empty: ingest some pages first (aurum ingest PATH).")
            return
        }
        let last = Date32(days: range.upperBound.days + 6)
        var heading = ["Weeks \(range.lowerBound) – \(last)" + (converted ? ", converted into \(report.sections.first?.currency ?? "") with each day's rate" : "")]
        for partial in report.partialWeeks {
            heading.append(
                "partial week: \(partial.week) has data for \(partial.dayCount) of 7 days (\(partial.firstDay) to \(partial.lastDay)); its totals are not comparable with full weeks")
        }
        switch format {
        case .table:
            heading.forEach { Console.print($0) }
            for section in report.sections { table(section) }
        case .markdown:
            heading.forEach { Console.print($0 + "  ") }
            Console.print("")
            Console.write(format.render(batch(report), maxRows: nil, formulaGuard: .none))
        case .csv, .json:
            heading.forEach { Console.printError($0) }
            Console.write(format.render(batch(report), maxRows: nil, formulaGuard: .none))
        }
    }

    private func table(_ section: GoldReport.Section) {
        Console.print("")
        Console.print("\(section.currency): top \(section.lines.count) of \(section.campaignCount) campaigns by spend")
        let header = [("campaign", 44, false), ("src", 6, false), ("spend", 14, true), ("CTR", 8, true), ("CPC", 8, true), ("CPA", 9, true), ("ROAS", 7, true)]
        Console.print(header.map { Console.pad($0.0, $0.1, right: $0.2) }.joined(separator: " "))
        for line in section.lines { Console.print(cells(line, name: line.campaignName.isEmpty ? line.campaignID : line.campaignName, source: line.source)) }
        Console.print(cells(section.total, name: "all \(section.campaignCount) campaigns (\(section.currency))", source: ""))
    }

    private func cells(_ line: GoldReport.Line, name full: String, source: String) -> String {
        var name = full
        while TableRenderer.displayWidth(name) > 43 { name = String(name.dropLast()) }
        if name != full { name += "…" }
        return [
            Console.pad(name, 44), Console.pad(source, 6),
            Console.pad(fixed(line.spend, 2), 14, right: true),
            Console.pad(line.value(.ctr).map { fixed($0 * 100, 2) + "%" } ?? "–", 8, right: true),
            Console.pad(line.value(.cpc).map { fixed($0, 2) } ?? "–", 8, right: true),
            Console.pad(line.value(.cpa).map { fixed($0, 2) } ?? "–", 9, right: true),
            Console.pad(line.value(.roas).map { fixed($0, 2) + "x" } ?? "–", 7, right: true),
        ].joined(separator: " ")
    }

    /// One row per campaign shown: currency, rank within it, the campaign's keys and name, sums and KPIs.
    private func batch(_ report: GoldReport) -> Batch {
        let rows = report.sections.flatMap { section in section.lines.enumerated().map { (rank: $0.offset + 1, line: $0.element) } }
        func text(_ name: String, _ value: (GoldReport.Line) -> String) -> (Field, Column) {
            (Field(name, .string), .string(StringColumn(rows.map { value($0.line) })))
        }
        func optional(_ name: String, _ value: (GoldReport.Line) -> Double?) -> (Field, Column) {
            let values = rows.map { value($0.line) }
            return (Field(name, .double, nullable: true), .double(PrimitiveColumn(values: values.map { $0 ?? 0 }, validity: values.map { $0 == nil ? 0 : 1 })))
        }
        let columns: [(Field, Column)] = [
            text("currency", \.currency), (Field("rank", .int64), .int64(PrimitiveColumn(values: rows.map { Int64($0.rank) }))),
            text("source", \.source), text("account_id", \.accountID), text("campaign_id", \.campaignID), text("campaign_name", \.campaignName),
            (Field("impressions", .int64), .int64(PrimitiveColumn(values: rows.map(\.line.impressions)))),
            (Field("clicks", .int64), .int64(PrimitiveColumn(values: rows.map(\.line.clicks)))),
            (Field("spend", .double), .double(PrimitiveColumn(values: rows.map(\.line.spend)))),
            (Field("conversions", .double), .double(PrimitiveColumn(values: rows.map(\.line.conversions)))),
            (Field("conversion_value", .double), .double(PrimitiveColumn(values: rows.map(\.line.conversionValue)))),
        ] + GoldReport.kpis.map { kpi in optional(kpi.column) { $0.value(kpi) } }
        return Batch(schema: Schema(columns.map(\.0)), columns: columns.map(\.1))
    }

    /// `value` with exactly `digits` decimals.
    private func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let fractionText = String(fraction)
        return (value < 0 && scaled != 0 ? "-" : "") + Console.grouped(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
