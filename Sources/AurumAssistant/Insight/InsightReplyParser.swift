import Foundation

/// Reads `{"headline": str, "findings": [{"text": str, "kpi": str, "campaign": str, "evidence_query": str}]}` from
/// a model's reply (the whole reply, a fenced block, or the first balanced `{…}` with a `headline`), or says what
/// is wrong with it. `kpi` and `campaign` may be null or "" (a finding about no KPI or no single campaign).
/// Line breaks and control characters in the texts become spaces: a finding is one line on the terminal, and a
/// model's text cannot move the cursor or fake an `evidence:` line.
public enum InsightReplyParser {
    public static func insight(from reply: String) throws(AssistantError) -> GroundedInsight {
        let text = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .malformedReply("the reply was empty") }
        var candidates = [text]
        candidates += ReplyParser.fencedBlocks(in: text).filter { ["", "json"].contains($0.language) }.map(\.body)
        candidates += ReplyParser.jsonObjects(in: text)
        for candidate in candidates {
            let trimmed = candidate.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.hasPrefix("{"), let data = trimmed.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["headline"] != nil || object["findings"] != nil
            else { continue }
            return try insight(object)
        }
        throw .malformedReply("expected one JSON object {\"headline\": …, \"findings\": [{\"text\", \"kpi\", \"campaign\", \"evidence_query\"}]}")
    }

    private static func insight(_ object: [String: Any]) throws(AssistantError) -> GroundedInsight {
        guard let headline = (object["headline"] as? String).map(oneLine), !headline.isEmpty else {
            throw .malformedReply("\"headline\" must be a non-empty string")
        }
        guard let items = object["findings"] as? [Any] else { throw .malformedReply("\"findings\" must be an array") }
        var findings: [GroundedInsight.Finding] = []
        for (index, item) in items.enumerated() {
            let name = "findings[\(index)]"
            guard let fields = item as? [String: Any] else { throw .malformedReply("\(name) must be an object") }
            guard let text = (fields["text"] as? String).map(oneLine), !text.isEmpty else {
                throw .malformedReply("\(name).text must be a non-empty string")
            }
            guard let query = (fields["evidence_query"] as? String).map(oneLine), !query.isEmpty else {
                throw .malformedReply("\(name).evidence_query must be a non-empty string")
            }
            let kpi = try optionalText(fields["kpi"], "\(name).kpi")
            let campaign = try optionalText(fields["campaign"], "\(name).campaign")
            findings.append(GroundedInsight.Finding(text: text, kpi: kpi.lowercased(), campaign: campaign, evidenceQuery: query))
        }
        return GroundedInsight(headline: headline, findings: findings)
    }

    private static func optionalText(_ value: Any?, _ name: String) throws(AssistantError) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let text as String: return oneLine(text)
        default: throw .malformedReply("\(name) must be a string or null")
        }
    }

    /// `text` on one line: control characters (line breaks, escapes) as spaces, trimmed.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
            .trimmingCharacters(in: .whitespaces)
    }
}
