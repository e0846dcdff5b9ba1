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
                "vs|versus|against", "compared|comparing to|with|against", "comparado|comparada|comparados|comparadas|comparando com|a|ao", "contra",
                "em relacao a|ao|à", "frente a|ao", "compare|compares|comparison|compara|comparam|comparar|comparacao|comparativo",
            ], .versus)
        + PhraseEntry.fixed(
            [
                "change|changes|changed|growth|grew|grow|increase|increased|decrease|decreased|variation|delta|difference",
                "go|went|gone up|down", "up or down", "go|went up or down", "percent|percentage change", "pct change",
                "variacao|crescimento|cresceu|cresceram|crescer|caiu|cairam|queda|aumento|aumentou|aumentaram|diminuiu|diminuicao|reducao|mudanca|diferenca",
                "variacao|mudanca|crescimento percentual", "subiu|subiram ou caiu|cairam|desceu", "subiu|subiram", "variou|variaram|mudou|mudaram",
            ], .change)
        + PhraseEntry.fixed(
            [
                "improving|improved|improve|improves", "getting|get|gotten|got better", "trend|trends|trending", "melhorando|melhorou|melhoraram",
                "ficando|ficou melhor", "tendencia|tendencias",
            ], .improvement(worse: false))
        + PhraseEntry.fixed(
            ["worsening|worsened|worsens", "getting|get|gotten|got worse", "piorando|piorou|pioraram", "ficando|ficou pior"], .improvement(worse: true))
        + PhraseEntry.fixed(
            [
                "share of?", "percentage|percent|proportion|fraction of", "what percent|percentage", "% of|do|da|dos|das",
                "porcentagem|percentual|participacao|fatia|proporcao do|da|dos|das|de?", "quanto|quantos por cento",
            ], .share)
        + PhraseEntry.fixed(
            [
                "start|started|starts|begin|began|begun|launched|launch|debuted", "first day|date", "start date", "go|went live",
                "comecou|comecaram|iniciou|iniciaram|lancada|lancadas|lancado|lancados|estreou|estrearam", "primeiro dia", "primeira data", "data de inicio",
            ], .dayExtreme(.first))
        + PhraseEntry.fixed(
            [
                "end|ended|ends|stopped|finished", "last day|date", "latest day|date", "most recent day|date", "end date",
                "terminou|terminaram|encerrou|encerraram|parou|pararam|acabou", "ultimo dia", "ultima data", "data mais recente", "data final", "data de fim|termino",
            ], .dayExtreme(.last))
        + PhraseEntry.fixed(
            [
                "quarantined|quarantine|quarentena|quarentenados|quarentenadas", "rows|records|lines quarantined|rejected",
                "quarantined|rejected|invalid rows|records|lines", "rows|records in quarantine", "linhas|registros em quarentena",
                "linhas|registros quarentenados|quarentenadas|rejeitados|rejeitadas|invalidos|invalidas", "em quarentena",
                "rejected|rejeitadas|rejeitados",
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
        + PhraseEntry.capturing(["do|de|from|between|entre o? <n> º|o|st|nd|rd|th? para|to|and|e|vs|versus o? <n> º|o|st|nd|rd|th? trimestre|trimestres|quarter|quarters [de|do|of|,? <year>]"]) { captures in
            guard let first = captures[0].int, let second = captures[1].int, (1...4).contains(first), (1...4).contains(second), first != second else { return nil }
            return .windowPair(.quarter(first, year: captures[2].int), .quarter(second, year: captures[2].int))
        }
        + PhraseEntry.capturing(["de|do <mon> [de|of|,? <year>] para <mon> [de|of|,? <year>]"]) { captures in
            guard let first = captures[0].int, let second = captures[2].int else { return nil }
            let year = captures[1].int ?? captures[3].int.map { first > second ? $0 - 1 : $0 }
            return .windowPair(.month(first, year: year), .month(second, year: captures[3].int ?? captures[1].int))
        }
        + PhraseEntry.fixed(["not counting|including", "without any", "sem contar|incluir|considerar", "sem nenhuma|nenhum|qualquer"], .negation)
        + PhraseEntry.fixed(["by|per|each|por|cada day|days|dia|dias of|da the? week|semana", "by|per|each|por|cada weekday|weekdays"], .breakdown(.weekday, plural: true, explicit: true))
        + PhraseEntry.fixed(["day|dia of|da the? week|semana", "weekday|weekdays", "dia da semana", "dias da semana"], .breakdown(.weekday, plural: false, explicit: false))
        + PhraseEntry.fixed(
            [
                "weekend|weekends vs|versus|or|and weekday|weekdays", "weekday|weekdays vs|versus|or|and weekend|weekends",
                "fim|fins de semana vs|versus|ou|e|contra dia|dias uteis", "fim|fins de semana vs|versus|ou|e|contra dia|dias de semana",
                "dia|dias uteis vs|versus|ou|e|contra fim|fins de semana", "dia|dias de semana vs|versus|ou|e|contra fim|fins de semana",
                "weekend|weekday split", "by|per weekend", "por fim de semana",
            ], .breakdown(.weekPart, plural: true, explicit: true))
        // "The week before", "o mês anterior": read as the previous period; compared with the same period named
        // before it, it becomes the one before that (``QuestionIntent``).
        + PhraseEntry.fixed(["the? day before|prior", "o? dia anterior"], .window(.daysAgo(1)))
        + PhraseEntry.fixed(["the? week before|prior", "a? semana anterior"], .window(.lastWeek))
        + PhraseEntry.fixed(["the? month before|prior", "o? mes anterior"], .window(.lastMonth))
        + PhraseEntry.fixed(["the? quarter before|prior", "o? trimestre anterior"], .window(.lastQuarter))
        // Words that only carry the data-quality measure ("how many rows were quarantined", "arquivos foram ingeridos").
        + PhraseEntry.fixed(["rows|records|linhas|registros", "ingested|loaded|imported|ingeridos|carregados|importados"], .filler)
        // Verbs that only link a share's part to its whole ("went to Google", "veio do Meta").
        + PhraseEntry.fixed(["gets|getting|receives|brings", "went|goes|go to", "came|comes from", "veio|vieram|vem|foi|foram|ficou|ficaram do|da|dos|das|de|para|com"], .filler)
}
