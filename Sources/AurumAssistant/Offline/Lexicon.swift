/// Every phrase the offline translator knows, in English and Portuguese (accents and case do not matter: both
/// sides are folded). At each position of a question the longest matching phrase wins; on a tie, the one
/// listed first (windows, then measures, breakdowns, currencies, rankings, conditions, markers, fillers).
enum Lexicon {
    static let entries: [PhraseEntry] = windows + measures + breakdowns + currencies + rankings + conditions + markers + analyst + unsupported + conjunctions + fillers
}
