/// A model's insight after every check passed (``InsightCheck``): a headline and findings, each tied to a KPI of
/// the catalogue, a campaign of the facts (or none) and a query that shows the evidence and runs.
public struct GroundedInsight: Sendable, Equatable {
    /// One finding.
    public struct Finding: Sendable, Equatable {
        public var text: String
        /// A KPI or measure of the domain catalogue (`roas`, `spend`, …), or "" for a finding about no KPI (data
        /// quality).
        public var kpi: String
        /// One of the facts' campaigns, or "" for a finding about no single campaign.
        public var campaign: String
        /// A query of Aurum's language whose result shows the finding.
        public var evidenceQuery: String

        public init(text: String, kpi: String, campaign: String, evidenceQuery: String) {
            self.text = text
            self.kpi = kpi
            self.campaign = campaign
            self.evidenceQuery = evidenceQuery
        }
    }

    public var headline: String
    public var findings: [Finding]

    public init(headline: String, findings: [Finding]) {
        self.headline = headline
        self.findings = findings
    }

    /// The headline, then one `- finding` line each with its evidence query under it.
    public var text: String {
        ([headline] + findings.map { "- \($0.text)\n  evidence: \($0.evidenceQuery)" }).joined(separator: "\n")
    }
}
