/// Rankings ("top 5", "piores"), conditions ("above 2", "acima de 100"), markers ("average", "sem") and the
/// words that carry no meaning for a query ("the", "qual", "mostre").
extension Lexicon {
    private static let highestWords = [
        "highest|most|biggest|largest|greatest|maximum|max|more|higher|bigger|larger",
        "maior|maiores|mais|maximo|maxima", "mais alto|alta|altos|altas|elevado|elevada|elevados|elevadas",
        "most expensive", "mais caro|cara|caros|caras",
    ]
    private static let lowestWords = [
        "lowest|least|smallest|fewest|minimum|min|less|lower|fewer|smaller",
        "menor|menores|menos|minimo|minima", "mais baixo|baixa|baixos|baixas", "cheapest", "mais barato|barata|baratos|baratas",
    ]

    static let rankings: [PhraseEntry] =
        PhraseEntry.capturing(["top <n>?"]) { .rank(.highest, count: $0[0].int) }
        + PhraseEntry.capturing(["bottom <n>?"]) { .rank(.lowest, count: $0[0].int) }
        + PhraseEntry.capturing(["best|melhor|melhores|better <n>?", "<n> best|melhores"]) { .rank(.best, count: $0[0].int) }
        + PhraseEntry.capturing(["worst|pior|piores|worse <n>?", "<n> worst|piores"]) { .rank(.worst, count: $0[0].int) }
        + PhraseEntry.capturing(["<n> top|highest|biggest|largest|maiores"]) { .rank(.highest, count: $0[0].int) }
        + PhraseEntry.capturing(["<n> bottom|lowest|smallest|menores"]) { .rank(.lowest, count: $0[0].int) }
        + PhraseEntry.fixed(highestWords, .rank(.highest, count: nil))
        + PhraseEntry.fixed(lowestWords, .rank(.lowest, count: nil))
        + PhraseEntry.fixed(
            [
                "ranking|ranked|rank|ranqueadas|ranqueados|ranquear", "ranking de|das|dos", "sorted|ordered|order|sort by?",
                "ordenado|ordenados|ordenada|ordenadas|ordene|ordenar|classificado|classificados|classificadas por?",
            ], .rank(.ranking, count: nil))
        + PhraseEntry.fixed(["em|por ordem de", "in order of"], .rank(.ranking, count: nil))
        + PhraseEntry.fixed(
            [
                "descending|desc|decrescente", "em|na ordem decrescente", "in descending order", "do|da maior para|pro o|a menor",
                "from highest|largest|biggest|most to lowest|smallest|least", "highest|largest|biggest first", "maiores primeiro",
            ], .rank(.descendingOrder, count: nil))
        + PhraseEntry.fixed(
            [
                "ascending|asc|crescente", "em|na ordem crescente", "in ascending order", "do|da menor para|pro o|a maior",
                "from lowest|smallest|least to highest|largest|biggest|most", "lowest|smallest first", "menores primeiro",
            ], .rank(.ascendingOrder, count: nil))

    static let conditions: [PhraseEntry] = [
        (ThresholdOperator.greater, [
            "> <x> <pct>?", "above|over|exceeding|exceeded|exceeds|exceed <x> <pct>?", "more|greater|higher|bigger|larger than <x> <pct>?",
            "acima|mais|alem de <x> <pct>?", "mais|maior do? que <x> <pct>?", "superior|superiores a <x> <pct>?",
        ]),
        (.greaterOrEqual, ["at least <x> <pct>?", "pelo menos <x> <pct>?", "no minimo <x> <pct>?", "minimo de <x> <pct>?"]),
        (.less, [
            "< <x> <pct>?", "below|under <x> <pct>?", "less|lower|smaller|fewer than <x> <pct>?",
            "abaixo|menos de <x> <pct>?", "menos|menor do? que <x> <pct>?", "inferior|inferiores a <x> <pct>?",
        ]),
        (.lessOrEqual, ["at most <x> <pct>?", "no maximo <x> <pct>?", "maximo de <x> <pct>?"]),
    ].flatMap { comparison, patterns in
        PhraseEntry.capturing(patterns) { captures in
            guard case .number(let value) = captures[0] else { return nil }
            return .threshold(comparison, captures[1] == .present ? value / 100 : value)
        }
    }

    static let markers: [PhraseEntry] =
        PhraseEntry.fixed(
            [
                "not|without|except|excluding|exclude|besides|zero", "with no", "other than", "apart from",
                "nao|sem|exceto|excluindo|excluir|tirando|fora|nenhuma|nenhum", "fora de|do|da",
            ], .negation)
        + PhraseEntry.fixed(["no"], .no)
        + PhraseEntry.fixed(["across all?", "em|de|entre todas|todos as|os", "somando todas|todos as|os"], .total)
        + PhraseEntry.fixed(
            ["how many", "number|count of", "total number of", "quantas|quantos|qtd|qtde", "numero|quantidade|qtd|qtde de"], .howMany)
        + PhraseEntry.fixed(
            [
                "total|totals|overall", "in total", "how much", "sum of?", "quanto|quanta|soma|totais", "no|ao|em total", "ao todo",
            ], .total)
        + PhraseEntry.fixed(
            ["combined|altogether|together", "somado|somados|somada|somadas|juntos|juntas", "em conjunto"], .combined)
        + PhraseEntry.fixed(["average|avg|mean", "on average", "media|medio|medios|medias", "em|na media"], .average)
        + PhraseEntry.fixed(
            [
                "average|avg|mean daily", "daily average|avg", "average|avg per|a day", "per|a day on average", "on average per|a day",
                "media|medio diaria|diario", "diaria|diario media|medio", "media|medio por dia", "em media por dia", "por dia em media",
                "media diaria de",
            ], .averageDaily)

    static let conjunctions: [PhraseEntry] = PhraseEntry.fixed(["and|e|,|&", "as well as"], .conjunction)

    /// Phrases understood well enough to know they cannot be answered here.
    static let unsupported: [PhraseEntry] = PhraseEntry.fixed(["hour|hours|hourly", "hora|horas|horario"], .unsupported("hour"))

    static let fillers: [PhraseEntry] = PhraseEntry.fixed(
        [
            // English
            "a|an|the|of|for|in|on|at|by|per|to|from|with|or|vs|versus|x|as|than|into|within|during|over|but",
            "what|which|who|whose|how|where|when|is|are|was|were|be|been|being|did|do|does|done|has|have|had|having",
            "we|our|ours|us|i|me|my|you|your|they|their|them|it|its|this|that|these|those|there|here|each|every",
            "show|list|give|get|got|tell|display|find|see|view|compare|comparison|please|breakdown|broken|split|grouped|group",
            "all|only|just|also|so|far|now|ever|lifetime|data|numbers|number|metrics|metric|kpi|kpis|performance|results|result|report",
            "generate|generated|generating|make|made|bring|brought|earn|earned|drive|drove|deliver|delivered|receive|received",
            "run|ran|running|active|perform|performed|performing|doing|look|like|overview|summary|amount|money",
            "name|named|called|contain|contains|containing|include|includes|including|whose|matching|match|matches|word",
            "spent|much|many|period|time|campaign-level|level|value|values|one|ones|figure|figures|along|across|versus|per",
            "all time", "so far", "up to now|today|yesterday", "until|through yesterday", "since the beginning", "break down", "in terms of", "trend|trends|evolution",
            "over time", "compared|comparing to|with?", "between", "whole|entire|full|complete", "both",
            // Portuguese
            "o|a|os|as|um|uma|uns|umas|de|do|da|dos|das|em|na|nos|nas|num|numa|ao|aos|por|pelo|pela|pelos|pelas|para|pra|pro",
            "com|ou|mas|porem|que|qual|quais|quem|como|onde|quando|foi|foram|era|eram|sao|sera|esta|estao|estava|estavam|teve|tiveram",
            "tem|tinha|tinham|ter|tivemos|temos|houve|ha|nosso|nossa|nossos|nossas|meu|minha|meus|minhas|me|mim|se|seu|sua|seus|suas",
            "mostre|mostra|mostrar|mostrem|liste|listar|lista|exiba|exibir|traga|trazer|quero|queria|gostaria|saber|ver|veja|diga",
            "dados|numeros|metricas|metrica|desempenho|performance|resultado|resultados|relatorio|resumo|todos|todas|todo|toda|cada",
            "tambem|apenas|somente|so|ja|agora|contra|comparado|comparada|comparar|compare|comparacao|versus|periodo|durante|longo",
            "gerou|geraram|gerado|gerada|trouxe|trouxeram|obteve|obtiveram|conseguiu|conseguimos|rodou|rodaram|fez|fizeram",
            "rendeu|renderam|performou|performaram|ativa|ativas|ativo|ativos|dinheiro",
            "nome|chamada|chamadas|chamado|chamados|contem|contendo|contenham|contenha|tenha|tenham|inclui|incluem|incluindo",
            "cujo|cuja|cujos|cujas|possui|possuem|isso|isto|essa|esse|este|aquela|aquele|valor|valores|numero|geral|ai|la|aqui",
            "ate agora|hoje|ontem", "desde sempre", "evolucao|tendencia|comparativo|historico|entre", "ao longo do tempo", "inteiro|inteira|completo|completa|ambas|ambos",
            "estao|esta|estavam|andam|anda|ficou|ficaram", "de todos os tempos", "em todo o periodo",
        ], .filler)
}
