/// What analysts call a measure or a KPI, in English and in Brazilian Portuguese: the name to show, then every
/// other phrase that means the same (abbreviations included). Phrases are written as people write them, accents
/// and all; readers fold case and accents themselves.
public struct DomainNames: Sendable, Equatable {
    /// The English name ("click-through rate").
    public var english: String
    /// The Brazilian Portuguese name ("taxa de cliques").
    public var portuguese: String
    /// Other English phrases for the same thing ("CTR", "clickthrough rate").
    public var englishSynonyms: [String]
    /// Other Portuguese phrases for the same thing ("CTR", "taxa de clique").
    public var portugueseSynonyms: [String]

    public init(english: String, portuguese: String, englishSynonyms: [String] = [], portugueseSynonyms: [String] = []) {
        self.english = english
        self.portuguese = portuguese
        self.englishSynonyms = englishSynonyms
        self.portugueseSynonyms = portugueseSynonyms
    }

    /// Every phrase, names first: English name, Portuguese name, English synonyms, Portuguese synonyms.
    public var allPhrases: [String] { [english, portuguese] + englishSynonyms + portugueseSynonyms }
}
