/// Campaigns grouped by the name phrases of a question ("Search vs Performance Max", "campanhas de Search e
/// Shopping"): each phrase is one group and one total, labelled with the phrase as typed.
///
/// The group is a `CASE` over `campaign_name ILIKE '%phrase%'`, grouped by as an expression. A campaign whose
/// name holds two of the phrases would be counted in the first group only, so such a question is refused when a
/// known campaign name matches two groups (``overlap(_:names:)``).
enum CampaignGroups {
    /// `CASE WHEN campaign_name ILIKE '%A%' THEN 'A' … END`.
    static func expression(_ patterns: [String]) -> String {
        "CASE " + patterns.map { "WHEN campaign_name ILIKE \(QueryComposer.literal("%\($0)%")) THEN \(QueryComposer.literal(label($0)))" }.joined(separator: " ")
            + " END"
    }

    /// The group's label: the phrase, its words joined by spaces ("Dia%das%Mães" → "Dia das Mães").
    static func label(_ pattern: String) -> String {
        pattern.split(separator: "%").joined(separator: " ")
    }

    /// Two phrases that a known campaign name both holds; nil when the groups are apart.
    static func overlap(_ patterns: [String], names: [String]) -> (String, String)? {
        for name in names {
            let matched = patterns.filter { matches(name, pattern: $0) }
            if matched.count > 1 { return (label(matched[0]), label(matched[1])) }
        }
        return nil
    }

    /// `name ILIKE '%pattern%'`: the pattern's parts appear in order, ignoring case.
    static func matches(_ name: String, pattern: String) -> Bool {
        var rest = Substring(name.lowercased())
        for part in pattern.lowercased().split(separator: "%") {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
