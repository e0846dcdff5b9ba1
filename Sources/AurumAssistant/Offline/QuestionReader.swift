/// A piece of a question and the tokens it covers.
struct ReadPiece: Equatable, Sendable {
    var piece: QuestionPiece
    var tokens: Range<Int>
}

/// Reads a question's tokens into pieces: at each position the longest ``Lexicon`` phrase; quoted text is a
/// campaign-name filter; a bare whole number is a count. Words that match nothing are kept aside, never
/// dropped: a run of them that names part of a known campaign ("Black Friday", "Dia das Mães") becomes a name
/// filter; anything else makes the translator refuse.
enum QuestionReader {
    struct Reading: Equatable, Sendable {
        var pieces: [ReadPiece]
        /// The words no phrase or campaign name accounts for, as typed.
        var unplaced: [String]
    }

    static func read(_ tokens: [QuestionToken], campaignNames: [String] = []) -> Reading {
        var slots: [ReadPiece?] = []
        var unplacedAt: [Int] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .quoted {
                slots.append(ReadPiece(piece: .nameContains(token.original), tokens: index..<(index + 1)))
                index += 1
                continue
            }
            var best: (end: Int, piece: QuestionPiece)?
            for entry in Lexicon.entries {
                guard let match = entry.pattern.longestMatch(tokens, at: index), match.end > (best?.end ?? index),
                    let piece = entry.meaning(match.captures)
                else { continue }
                best = (match.end, piece)
            }
            if let best {
                slots.append(ReadPiece(piece: best.piece, tokens: index..<best.end))
                index = best.end
            } else if token.kind == .number, token.folded.allSatisfy(\.isNumber), let count = Int(token.folded), count <= 1000 {
                slots.append(ReadPiece(piece: .count(count), tokens: index..<(index + 1)))
                index += 1
            } else {
                slots.append(nil)
                unplacedAt.append(index)
                index += 1
            }
        }
        // One slot per piece or unplaced token; positions in `slots` are not token positions.
        var items: [Item] = []
        var tokenIndex = 0
        for slot in slots {
            if let slot {
                items.append(.piece(slot))
                tokenIndex = slot.tokens.upperBound
            } else {
                items.append(.unplaced(tokenIndex))
                tokenIndex += 1
            }
        }
        items = CampaignNameMatcher(names: campaignNames).absorb(items, tokens: tokens)
        var pieces: [ReadPiece] = []
        var unplaced: [String] = []
        for item in items {
            switch item {
            case .piece(let piece): pieces.append(piece)
            case .unplaced(let position): unplaced.append(tokens[position].original)
            }
        }
        return Reading(pieces: pieces, unplaced: unplaced)
    }

    /// A read piece, or a token nothing accounted for.
    enum Item: Equatable {
        case piece(ReadPiece)
        case unplaced(Int)

        var tokens: Range<Int> {
            switch self {
            case .piece(let piece): piece.tokens
            case .unplaced(let position): position..<(position + 1)
            }
        }
    }
}
