/// Finds campaign names written in a question without quotes ("quanto gastou a campanha Dia das Mães").
///
/// A run of words the lexicon does not know is compared, word by word (folded), with the words of the known
/// campaign names (split at anything that is not a letter or digit). When the run is a consecutive part of
/// some name it becomes a name filter, and it grows over neighbouring pieces while the longer run still
/// matches ("Dia" would otherwise read as "by day"). The filter keeps the name's own spelling and allows
/// anything between its words: `campaign_name ILIKE '%Dia%das%Mães%'`.
struct CampaignNameMatcher {
    /// Each name as (folded word, original word) pairs.
    private let names: [[(folded: String, original: String)]]

    init(names: [String]) {
        self.names = names.map(Self.words)
    }

    func absorb(_ items: [QuestionReader.Item], tokens: [QuestionToken]) -> [QuestionReader.Item] {
        guard !names.isEmpty else { return items }
        var items = items
        var index = 0
        while index < items.count {
            guard case .unplaced = items[index] else {
                index += 1
                continue
            }
            var start = index
            var end = index + 1
            while end < items.count, case .unplaced = items[end] { end += 1 }
            guard var pattern = match(items[start..<end], tokens: tokens) else {
                index = end
                continue
            }
            // Grow over neighbours while the longer run is still part of a name.
            var grew = true
            while grew {
                grew = false
                if start > 0, let longer = match(items[(start - 1)..<end], tokens: tokens) {
                    start -= 1
                    pattern = longer
                    grew = true
                }
                if end < items.count, let longer = match(items[start..<(end + 1)], tokens: tokens) {
                    end += 1
                    pattern = longer
                    grew = true
                }
            }
            let covered = items[start].tokens.lowerBound..<items[end - 1].tokens.upperBound
            items.replaceSubrange(start..<end, with: [.piece(ReadPiece(piece: .nameContains(pattern), tokens: covered))])
            index = start + 1
        }
        return items
    }

    /// The longest run of tokens from `start` that spells at least two meaningful consecutive words of a known
    /// name, even when the lexicon knows those words ("Performance Max" is not "performance" and "max"), as the
    /// end of the run and the ILIKE text; nil when none.
    func span(at start: Int, tokens: [QuestionToken]) -> (end: Int, pattern: String)? {
        guard !names.isEmpty, tokens[start].kind == .word else { return nil }
        var best: (end: Int, pattern: String)?
        var words: [String] = []
        var end = start
        while end < tokens.count, end - start < 8, tokens[end].kind != .quoted {
            if tokens[end].kind != .symbol { words += Self.words(tokens[end].original).map(\.folded) }
            end += 1
            let meaningful = words.filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) && !Self.linkWords.contains($0) }
            guard meaningful.count >= 2, tokens[end - 1].kind == .word, let pattern = namePart(words) else { continue }
            best = (end, pattern)
        }
        return best
    }

    /// Words too common to make a run a name by themselves.
    private static let linkWords: Set<String> = ["the", "and", "for", "com", "das", "dos", "ate", "para", "por", "from", "with"]

    /// The ILIKE text (words joined by `%`) when the items' words are consecutive words of a known name.
    private func match(_ items: ArraySlice<QuestionReader.Item>, tokens: [QuestionToken]) -> String? {
        var words: [String] = []
        for item in items {
            if case .piece(let piece) = item, case .nameContains = piece.piece { return nil }
            for position in item.tokens {
                guard tokens[position].kind != .symbol else { continue }
                words += Self.words(tokens[position].original).map(\.folded)
            }
        }
        return namePart(words)
    }

    /// The ILIKE text when folded `words` are consecutive words of a known name, in the name's own spelling.
    private func namePart(_ words: [String]) -> String? {
        guard !words.isEmpty, words.joined().count >= 3 else { return nil }
        for name in names where name.count >= words.count {
            for offset in 0...(name.count - words.count) where (0..<words.count).allSatisfy({ name[offset + $0].folded == words[$0] }) {
                return name[offset..<(offset + words.count)].map(\.original).joined(separator: "%")
            }
        }
        return nil
    }

    /// The words of `text`: runs of letters and digits, each with its folded form.
    private static func words(_ text: String) -> [(folded: String, original: String)] {
        var result: [(folded: String, original: String)] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                result.append((TextFolding.fold(current), current))
                current = ""
            }
        }
        if !current.isEmpty { result.append((TextFolding.fold(current), current)) }
        return result
    }
}
