import Foundation

/// Finds `{"query": …, "explanation": …}` in a model's reply, whatever the model wrapped it in.
///
/// Tried in order: the whole reply as JSON; each ```` ```json ```` (or unlabelled) fenced block; each balanced
/// `{…}` in the text (prose around the JSON); last, a ```` ```sql ```` fenced block holding a SELECT (the query
/// with an empty explanation). Anything else is ``AssistantError/malformedReply(_:)``. Whatever is found is only
/// a proposal: ``Assistant`` validates it before anything runs.
public enum ReplyParser {
    public static func translation(from reply: String) throws(AssistantError) -> Translation {
        let text = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .malformedReply("the reply was empty") }
        var refusal: String?
        var candidates = [text]
        let fences = fencedBlocks(in: text)
        candidates += fences.filter { ["", "json", "javascript", "js"].contains($0.language) }.map(\.body)
        candidates += jsonObjects(in: text)
        for candidate in candidates {
            switch decode(candidate) {
            case .translation(let translation): return translation
            case .noQuery(let explanation): refusal = refusal ?? explanation
            case .notJSON: continue
            }
        }
        for fence in fences where ["sql", ""].contains(fence.language) {
            let body = fence.body.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.range(of: #"^(--[^\n]*\n\s*)*select\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
                return Translation(query: body, explanation: "")
            }
        }
        if let refusal {
            throw .malformedReply("the model gave no query" + (refusal.isEmpty ? "" : ": \(refusal)"))
        }
        throw .malformedReply("expected a JSON object {\"query\": …, \"explanation\": …}; got: \(excerpt(text))")
    }

    private enum Decoded {
        case translation(Translation)
        /// JSON with an empty or null query (the model declined); its explanation.
        case noQuery(String)
        case notJSON
    }

    private static func decode(_ candidate: String) -> Decoded {
        let trimmed = candidate.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), let data = trimmed.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return .notJSON }
        // Keys compared without case: some models write "Query".
        var fields: [String: Any] = [:]
        for (key, value) in object { fields[key.lowercased()] = value }
        let explanation = (fields["explanation"] as? String) ?? ""
        guard fields.keys.contains("query") || fields.keys.contains("explanation") else { return .notJSON }
        guard let query = (fields["query"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !query.isEmpty else {
            return .noQuery(explanation)
        }
        return .translation(Translation(query: query, explanation: explanation.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The ```` ``` ```` blocks of `text`, with their language tag (lower case; "" when none).
    static func fencedBlocks(in text: String) -> [(language: String, body: String)] {
        var blocks: [(String, String)] = []
        var rest = text[...]
        while let open = rest.range(of: "```") {
            let afterOpen = rest[open.upperBound...]
            let lineEnd = afterOpen.firstIndex(of: "\n") ?? afterOpen.endIndex
            let language = afterOpen[..<lineEnd].trimmingCharacters(in: .whitespaces).lowercased()
            let bodyStart = lineEnd < afterOpen.endIndex ? afterOpen.index(after: lineEnd) : lineEnd
            guard let close = afterOpen[bodyStart...].range(of: "```") else {
                // An unclosed fence (a reply cut short): take the rest.
                blocks.append((language, String(afterOpen[bodyStart...])))
                break
            }
            blocks.append((language, String(afterOpen[bodyStart..<close.lowerBound])))
            rest = afterOpen[close.upperBound...]
        }
        return blocks
    }

    /// Every balanced `{…}` of `text` that starts at top level, in order (braces inside JSON strings ignored).
    static func jsonObjects(in text: String) -> [String] {
        var objects: [String] = []
        let scalars = Array(text.unicodeScalars)
        var start: Int?
        var depth = 0
        var inString = false
        var escaped = false
        for (index, scalar) in scalars.enumerated() {
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"" where depth > 0: inString = true
            case "{":
                if depth == 0 { start = index }
                depth += 1
            case "}" where depth > 0:
                depth -= 1
                if depth == 0, let begin = start {
                    var object = String.UnicodeScalarView()
                    object.append(contentsOf: scalars[begin...index])
                    objects.append(String(object))
                    start = nil
                }
            default: break
            }
        }
        return objects
    }

    private static func excerpt(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
