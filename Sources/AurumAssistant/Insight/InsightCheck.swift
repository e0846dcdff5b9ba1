import AurumDomain
import AurumQuery

/// The checks a model's insight must pass before it is shown (docs/insights.md, "Validation"): every number of
/// the headline and findings grounded in the sheet (``NumberGrounding``), every `kpi` one of the domain
/// catalogue's KPIs or measures (or none), every `campaign` one of the sheet's (or none), every `evidence_query` a
/// query of Aurum's language that reads a table and runs here.
public enum InsightCheck {
    /// The catalogue names a finding's `kpi` may take.
    public static let kpiNames: [String] = KPI.allCases.map(\.column) + Measure.allCases.map(\.column)

    /// The first reason `insight` is refused, or nil when it passes.
    public static func rejection(_ insight: GroundedInsight, sheet: InsightSheet, engine: QueryEngine) -> String? {
        if let reason = NumberGrounding.rejection(insight.headline, sheet: sheet) { return "headline: " + reason }
        for (index, finding) in insight.findings.enumerated() {
            let name = "findings[\(index)]"
            if let reason = NumberGrounding.rejection(finding.text, sheet: sheet) { return "\(name).text: " + reason }
            if !finding.kpi.isEmpty && !kpiNames.contains(finding.kpi) {
                return "\(name).kpi '\(finding.kpi)' is not a KPI of the catalogue (\(kpiNames.joined(separator: ", ")))"
            }
            if !finding.campaign.isEmpty && !sheet.campaigns.contains(finding.campaign) {
                return "\(name).campaign '\(finding.campaign)' is not a campaign of the facts"
            }
            if let reason = queryRejection(finding.evidenceQuery, engine: engine) { return "\(name).evidence_query: " + reason }
        }
        return nil
    }

    /// Why `query` is not evidence: it does not validate (``QueryEngine/prepare(_:)``), reads no table, or fails
    /// while running.
    static func queryRejection(_ query: String, engine: QueryEngine) -> String? {
        do {
            guard try !engine.prepare(query).tablesRead.isEmpty else { return Assistant.readsNoTable }
            _ = try engine.run(query)
            return nil
        } catch {
            return error.render(in: query)
        }
    }
}
