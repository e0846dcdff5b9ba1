/// Phrases of the analyst's categories beyond measures × breakdowns: listing the campaigns of a named group one
/// by one ("which Search campaigns", "liste as campanhas"); "distinct" in counts ("quantos anúncios diferentes");
/// comparisons and changes ("June vs May", "variação", "went up or down"); shares ("what share of spend");
/// first and last days ("when did it start", "último dia com dados").
extension Lexicon {
    static let analyst: [PhraseEntry] =
        PhraseEntry.fixed(
            [
                "which|list|individually|separately", "one by one", "each one|of them", "quais|liste|listar|lista|individualmente|separadamente",
                "uma|um a uma|um", "cada uma|um",
            ], .listing)
        + PhraseEntry.fixed(["distinct|unique|different|separate", "diferentes|distintos|distintas|unicos|unicas"], .distinct)
        + PhraseEntry.fixed(
            [
                "vs|versus|against", "compared|comparing to|with|against", "comparado|comparada|comparando com|a|ao", "contra",
                "em relacao a|ao|à", "frente a|ao",
            ], .versus)
        + PhraseEntry.fixed(
            [
                "change|changes|changed|growth|grew|grow|increase|increased|decrease|decreased|variation|delta|difference",
                "go|went|gone up|down", "up or down", "go|went up or down", "percent|percentage change", "pct change",
                "variacao|crescimento|cresceu|cresceram|crescer|caiu|cairam|queda|aumento|aumentou|aumentaram|diminuiu|diminuicao|reducao|mudanca|diferenca",
                "variacao|mudanca|crescimento percentual", "subiu|subiram ou caiu|cairam|desceu", "subiu|subiram",
            ], .change)
        + PhraseEntry.fixed(
            [
                "share of?", "percentage|percent|proportion|fraction of", "what percent|percentage", "% of|do|da|dos|das",
                "porcentagem|percentual|participacao|fatia|proporcao do|da|dos|das|de?", "quanto|quantos por cento",
            ], .share)
        + PhraseEntry.fixed(
            [
                "start|started|starts|begin|began|begun|launched|launch|debuted", "first day|date", "start date", "go live|went live",
                "comecou|comecaram|iniciou|iniciaram|lancada|lancadas|lancado|lancados|estreou|estrearam", "primeiro dia|primeira data", "data de inicio",
            ], .dayExtreme(.first))
        + PhraseEntry.fixed(
            [
                "end|ended|ends|stopped|finished", "last day|date", "latest|most recent day|date", "end date",
                "terminou|terminaram|encerrou|encerraram|parou|pararam|acabou", "ultimo dia", "ultima data", "data mais recente", "data final|de fim|de termino",
            ], .dayExtreme(.last))
        // Verbs that only link a share's part to its whole ("went to Google", "veio do Meta").
        + PhraseEntry.fixed(["went|goes|go to", "came|comes from", "veio|vieram|vem|foi|foram|ficou|ficaram do|da|de|para|com"], .filler)
}
