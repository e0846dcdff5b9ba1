/// Phrases of the analyst's categories beyond measures × breakdowns: listing the campaigns of a named group one
/// by one ("which Search campaigns", "liste as campanhas"); "distinct" in counts ("quantos anúncios diferentes");
/// comparisons and changes ("June vs May", "variação", "went up or down"); shares ("what share of spend");
/// first and last days ("when did it start", "último dia com dados"); the data's quality (quarantined rows by
/// reason, files ingested, the last ingest).
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
                "start|started|starts|begin|began|begun|launched|launch|debuted", "first day|date", "start date", "go|went live",
                "comecou|comecaram|iniciou|iniciaram|lancada|lancadas|lancado|lancados|estreou|estrearam", "primeiro dia|primeira data", "data de inicio",
            ], .dayExtreme(.first))
        + PhraseEntry.fixed(
            [
                "end|ended|ends|stopped|finished", "last day|date", "latest day|date", "most recent day|date", "end date",
                "terminou|terminaram|encerrou|encerraram|parou|pararam|acabou", "ultimo dia", "ultima data", "data mais recente", "data final|de fim|de termino",
            ], .dayExtreme(.last))
        + PhraseEntry.fixed(
            [
                "quarantined|quarantine|quarentena|quarentenados|quarentenadas", "rows|records|lines quarantined|rejected",
                "quarantined|rejected|invalid rows|records|lines", "rows|records in quarantine", "linhas|registros em quarentena",
                "linhas|registros quarentenados|quarentenadas|rejeitados|rejeitadas|invalidos|invalidas", "em quarentena",
            ], .quality(.quarantinedRows))
        + PhraseEntry.fixed(
            [
                "files|file", "files|file ingested|loaded|imported", "ingested|loaded|imported|bronze files", "arquivos|arquivo",
                "arquivos|arquivo ingeridos|carregados|importados|bronze",
            ], .quality(.files))
        + PhraseEntry.fixed(
            [
                "last|latest ingest|ingestion|load|import|upload", "most recent ingest|ingestion|load|import|upload",
                "ultima ingestao|carga|importacao",
                "ingestao|carga|importacao mais recente", "last loaded|ingested|imported|updated", "data last loaded|ingested|imported|updated",
                "dados carregados|atualizados pela ultima vez",
            ], .quality(.lastIngest))
        + PhraseEntry.fixed(["reason|cause|motivo|razao|causa"], .breakdown(.reason, plural: false, explicit: false))
        + PhraseEntry.fixed(["reasons|causes|motivos|razoes|causas"], .breakdown(.reason, plural: true, explicit: false))
        + PhraseEntry.fixed(
            ["by|per|each|por|cada|pelo reason|reasons|cause|causes|motivo|motivos|razao|razoes|causa|causas"],
            .breakdown(.reason, plural: true, explicit: true))
        + PhraseEntry.fixed(
            ["main|primary|principal|principais", "most common|frequent", "mais comum|comuns|frequente|frequentes"], .rank(.highest, count: nil))
        // Words that only carry the data-quality measure ("how many rows were quarantined", "arquivos foram ingeridos").
        + PhraseEntry.fixed(["rows|records|linhas|registros", "ingested|loaded|imported|ingeridos|carregados|importados"], .filler)
        // Verbs that only link a share's part to its whole ("went to Google", "veio do Meta").
        + PhraseEntry.fixed(["went|goes|go to", "came|comes from", "veio|vieram|vem|foi|foram|ficou|ficaram do|da|de|para|com"], .filler)
}
