/// Lower-cases text and strips the accents of Latin letters, so that "Março", "marco" and "MARÇO" read alike.
///
/// Only the letters Portuguese, Spanish and English questions use are folded; every other character is kept
/// as it is (lower-cased). Folding works per `Character`, so an index into the original text maps one to one
/// onto an index into the folded characters (see ``foldedCharacters(_:)``).
enum TextFolding {
    /// `text` lower-cased, accents removed.
    static func fold(_ text: some StringProtocol) -> String {
        foldedCharacters(text).joined()
    }

    /// One folded string per `Character` of `text`, in order.
    static func foldedCharacters(_ text: some StringProtocol) -> [String] {
        text.map(fold(character:))
    }

    /// One character, lower-cased, accent removed.
    static func fold(character: Character) -> String {
        let lowered = character.lowercased()
        guard lowered.unicodeScalars.count == 1, let scalar = lowered.unicodeScalars.first, scalar.value >= 0xC0 else {
            return lowered
        }
        return plain[scalar] ?? lowered
    }

    private static let plain: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäå", "a"), ("èéêë", "e"), ("ìíîï", "i"), ("òóôõö", "o"), ("ùúûü", "u"), ("ç", "c"), ("ñ", "n"),
            ("ý", "y"), ("ÿ", "y"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = base }
        }
        return table
    }()
}
