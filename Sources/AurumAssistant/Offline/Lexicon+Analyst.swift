/// Phrases of the analyst's categories beyond measures × breakdowns: listing the campaigns of a named group one
/// by one ("which Search campaigns", "liste as campanhas"); "distinct" in counts ("quantos anúncios diferentes").
extension Lexicon {
    static let analyst: [PhraseEntry] = PhraseEntry.fixed(
        [
            "which|list|individually|separately", "one by one", "each one|of them", "quais|liste|listar|lista|individualmente|separadamente",
            "uma|um a uma|um", "cada uma|um",
        ], .listing)
        + PhraseEntry.fixed(["distinct|unique|different|separate", "diferentes|distintos|distintas|unicos|unicas"], .distinct)
}
