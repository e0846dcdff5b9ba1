/// A piece of a question and the tokens it covers.
struct ReadPiece: Equatable, Sendable {
    var piece: QuestionPiece
    var tokens: Range<Int>
}

/// Reads a question's tokens into pieces: at each position the longest ``Lexicon`` phrase, or a longer run of
/// words spelling part of a known campaign name even if the lexicon knows them ("Performance Max"); quoted text
/// is a campaign-name filter; a bare whole number is a count. Words that match nothing are kept aside, never
/// dropped: a run of them that names part of a known campaign ("Black Friday", "Dia das Mães") becomes a name
/// filter; anything else makes the translator refuse, naming them (neighbours together).
enum QuestionReader {
    struct Reading: Equatable, Sendable {
        var pieces: [ReadPiece]
        /// The words no phrase or campaign name accounts for, as typed; neighbouring ones as one phrase.
        var unplaced: [String]
    }

    static func read(_ tokens: [QuestionToken], campaignNames: [String] = []) -> Reading {
        let nameMatcher = CampaignNameMatcher(names: campaignNames)
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
            if let name = nameMatcher.span(at: index, tokens: tokens) { best = (name.end, .nameContains(name.pattern)) }
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
        items = nameMatcher.absorb(items, tokens: tokens)
        var pieces: [ReadPiece] = []
        var unplaced: [String] = []
        var previousUnplaced: Int?
        for item in items {
            switch item {
            case .piece(let piece):
                pieces.append(piece)
                previousUnplaced = nil
            case .unplaced(let position):
                // Neighbouring unknown words are one phrase ("USD account"), named together in the refusal.
                if let previous = previousUnplaced, previous + 1 == position, !unplaced.isEmpty {
                    unplaced[unplaced.count - 1] += " " + tokens[position].original
                } else {
                    unplaced.append(tokens[position].original)
                }
                previousUnplaced = position
            }
        }
        return Reading(pieces: explicitAcrossNames(pieces, tokens: tokens), unplaced: unplaced)
    }

    /// "per remarketing campaign", "por campanha de Search": a "per" before a name phrase still asks for each
    /// campaign (the breakdown after the name becomes explicit).
    private static func explicitAcrossNames(_ pieces: [ReadPiece], tokens: [QuestionToken]) -> [ReadPiece] {
        var pieces = pieces
        for index in pieces.indices.dropLast(2) {
            guard pieces[index].piece == .filler, pieces[index].tokens.count == 1,
                ["by", "per", "each", "every", "por", "cada"].contains(tokens[pieces[index].tokens.lowerBound].folded),
                case .nameContains = pieces[index + 1].piece, case .breakdown(let breakdown, let plural, false) = pieces[index + 2].piece
            else { continue }
            pieces[index + 2].piece = .breakdown(breakdown, plural: plural, explicit: true)
        }
        return pieces
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
