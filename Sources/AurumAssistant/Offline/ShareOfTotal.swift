/// "What share of spend went to Google?", "que percentual das conversões veio do Meta?": the part of a total
/// that a subject (one platform, campaign-name phrases, accounts) holds, as conditional sums over the total.
///
/// Columns, for each additive measure `m`: `m_part` (the subject's sum, `sum(CASE WHEN subject THEN m ELSE 0
/// END)`), `m_total` (the sum over every row the question keeps) and `m_share` (part / total, a fraction: 0.25
/// is 25%). Money stays per currency: the share is taken within each currency.
///
/// "Share of spend per campaign", "participação de cada campanha no gasto do Google": each group of the breakdown is
/// the part and the rows the question keeps the whole (``perGroup``): `m` and `m_share = m / sum(m) OVER (PARTITION
/// BY currency)`, a window over the groups' sums (over all groups when the measure has no currency).
enum ShareOfTotal: Equatable, Sendable {
    case source(SourcePlatform)
    case names([String])
    case accounts([String])
    /// Each group of the question's one breakdown, within the total of the rows kept.
    case perGroup

    /// The condition that picks the subject's rows.
    var condition: String {
        switch self {
        case .source(let source): "source = \(QueryComposer.literal(source.rawValue))"
        case .names(let names): names.map { "campaign_name ILIKE \(QueryComposer.literal("%\($0)%"))" }.joined(separator: " OR ")
        case .accounts(let accounts): "account_id IN (" + accounts.map(QueryComposer.literal).joined(separator: ", ") + ")"
        case .perGroup: "true"  // not read: ``items`` writes a window over the groups instead
        }
    }

    /// How the subject is named in the one-line account of the query.
    var label: String {
        switch self {
        case .source(let source): source.displayName
        case .names(let names): names.map { "'\(CampaignGroups.label($0))'" }.joined(separator: ", ")
        case .accounts(let accounts): accounts.joined(separator: ", ")
        case .perGroup: ""
        }
    }

    /// The select items of one measure; `byCurrency`: the groups are per currency, and so is the total.
    func items(expression: String, alias: String, byCurrency: Bool) -> [String] {
        if self == .perGroup {
            return ["\(expression) AS \(alias)", "\(expression) / sum(\(expression)) OVER (\(byCurrency ? "PARTITION BY currency" : "")) AS \(alias)_share"]
        }
        let part = PeriodComparison.restricted(expression, to: "(\(condition))", otherwise: " ELSE 0")
        return ["\(part) AS \(alias)_part", "\(expression) AS \(alias)_total", "\(part) / \(expression) AS \(alias)_share"]
    }
}

extension SourcePlatform {
    /// "Meta", "Google".
    var displayName: String { rawValue == "google" ? "Google" : rawValue == "meta" ? "Meta" : rawValue }
}
