import AurumDomain

/// Measures ("spend", "custo por aquisição"), breakdowns ("by campaign", "por semana"), platforms and accounts.
extension Lexicon {
    /// Each measure's and KPI's names and synonyms from the domain catalogue (``DomainNames``), then the
    /// translator's own word forms for it (inflections, verbs, informal words).
    static let measures: [PhraseEntry] = Metric.allCases.flatMap { metric in
        PhraseEntry.fixed(cataloguePhrases(metric) + (wordForms[metric] ?? []), .metric(metric))
    }

    /// The catalogue's phrases for `metric` as patterns: each phrase's words as the tokenizer reads them
    /// ("click-through rate" is "click through rate"; "impressões" is "impressoes").
    static func cataloguePhrases(_ metric: Metric) -> [String] {
        let names = metric.measure?.names ?? metric.kpi?.names
        return (names?.allPhrases ?? []).map { phrase in QuestionTokenizer.tokens(phrase).map(\.folded).joined(separator: " ") }
    }

    /// Words for measures beyond the catalogue's names: the ways questions say them.
    private static let wordForms: [Metric: [String]] = [
        .spend: [
            "spend|spent|spending|spends|cost|costs|investment|investments|invested",
            "ad|media|total spend", "amount|money spent|invested",
            "gasto|gastos|gastou|gastaram|gastamos|gastei|gastar|gasta|gastando",
            "investimento|investimentos|investiu|investiram|investimos|investido|investir",
            "custo|custos|custou|custaram", "valor|verba|dinheiro gasto|gasta|investido|investida",
        ],
        .impressions: ["impressions|impression|imps", "impressoes|impressao|exibicoes"],
        .clicks: ["clicks|click|clicked", "cliques|clique|clicaram"],
        .conversions: [
            "conversions|conversion|purchases|purchase|sales|sale|orders|sold|converted|convert",
            "conversoes|conversao|compras|compra|vendas|venda|vendeu|venderam|vendemos|vender|pedidos|converteu|converteram|converter",
        ],
        .conversionValue: [
            "conversion|conversions|purchase|purchases|sales value|revenue", "revenue|revenues|income",
            "valor de|da|das|do|dos conversao|conversoes|venda|vendas|compra|compras|pedidos",
            "receita|receitas|faturamento|faturou|faturaram|faturamos|faturar", "valor vendido",
        ],
        .ctr: ["click thru rate", "taxa de clicks"],
        .cpc: ["custo por click|cliques"],
        .cpm: ["cost per thousand", "cost per thousand|1000|mil impressions", "custo por 1000 impressoes?"],
        .cpa: [
            "cac", "cost per sale|order|result", "custo por venda|pedido|resultado", "custo medio por aquisicao|conversao|compra|venda",
        ],
        .roas: [
            "return", "return on spend", "retorno", "retorno sobre|do o? investimento|gasto",
            "retorno sobre o? investimento|gasto em|com anuncios|midia",
        ],
        .conversionRate: ["conv rate"],
        .averageOrderValue: ["average purchase|sale value", "valor medio do|por compra|venda", "valor medio do pedido"],
    ]

    static let breakdowns: [PhraseEntry] = breakdownWords.flatMap { breakdown, singular, plural in
        let explicit = "by|per|each|every|por|cada|pelo|pela|pelos|pelas|para"
        return PhraseEntry.fixed(singular, .breakdown(breakdown, plural: false, explicit: false))
            + PhraseEntry.fixed(plural, .breakdown(breakdown, plural: true, explicit: false))
            + PhraseEntry.fixed((singular + plural).map { "\(explicit) \($0)" }, .breakdown(breakdown, plural: true, explicit: true))
            + PhraseEntry.fixed(
                (singular + plural).map { "for each|every \($0)" } + (singular + plural).map { "broken|split|grouped|separado|quebrado|agrupado|dividido down? by|por \($0)" },
                .breakdown(breakdown, plural: true, explicit: true))
    }
        // Not "Instagram": a placement inside Meta that the data does not break out; read as Meta it would widen the
        // question silently, so it stays unknown and is refused by name.
        + PhraseEntry.fixed(["meta|facebook|fb ads?"], .source(.meta))
        + PhraseEntry.fixed(["google|adwords ads?"], .source(.google))
        + PhraseEntry.capturing(["ad? account|conta|act|customer|cliente id? <id>", "id da conta <id>"]) { captures in
            guard case .text(let id) = captures[0] else { return nil }
            return .account(id)
        }

    /// Each breakdown with its singular and plural words ("daily" counts as plural: a series, not one day).
    private static let breakdownWords: [(Breakdown, [String], [String])] = [
        (.campaign, ["campaign", "campanha"], ["campaigns", "campanhas"]),
        (.account, ["ad? account", "conta [de anuncio|anuncios]"], ["ad? accounts", "contas [de anuncio|anuncios]"]),
        (.source, ["source|platform|channel|network", "fonte|plataforma|canal|rede"], ["sources|platforms|channels|networks", "fontes|plataformas|canais|redes"]),
        (.day, ["day|date", "dia"], ["days|dates|daily", "day by|over day", "dias|diario|diaria|diarios|diarias|diariamente", "dia a dia"]),
        (.week, ["week", "semana"], ["weeks|weekly", "week by|over week", "semanas|semanal|semanais|semanalmente", "semana a semana"]),
        (.month, ["month", "mes"], ["months|monthly", "month by|over month", "meses|mensal|mensais|mensalmente", "mes a mes"]),
        (.quarter, ["quarter", "trimestre"], ["quarters|quarterly", "trimestres|trimestral|trimestrais"]),
        (.year, ["year", "ano"], ["years|yearly|annual|annually", "year over year", "anos|anual|anuais|anualmente", "ano a ano"]),
        (.adset, ["adset|adgroup", "ad set|group", "conjunto|grupo [de anuncio|anuncios]"], ["adsets|adgroups", "ad sets|groups", "conjuntos|grupos [de anuncio|anuncios]"]),
        (.ad, ["ad|creative", "anuncio|criativo"], ["ads|creatives", "anuncios|criativos"]),
        (.currency, ["currency", "moeda"], ["currencies", "moedas"]),
    ]

    /// Currencies by code and by name: "in USD", "em reais", "em dólares" keep only that currency's rows.
    static let currencies: [PhraseEntry] =
        PhraseEntry.fixed(["usd|dollar|dollars|dolar|dolares", "us dollar|dollars", "dolar|dolares americano|americanos"], .currency("USD"))
        + PhraseEntry.fixed(["brl|real|reais", "brazilian real|reais", "real|reais brasileiro|brasileiros"], .currency("BRL"))
        + PhraseEntry.fixed(["eur|euro|euros"], .currency("EUR"))
        + PhraseEntry.fixed(["gbp", "pound|pounds sterling?", "libra|libras esterlina|esterlinas"], .currency("GBP"))
        + PhraseEntry.fixed(["ars", "argentine|argentinian peso|pesos", "peso|pesos argentino|argentinos"], .currency("ARS"))
        + PhraseEntry.fixed(["mxn", "mexican peso|pesos", "peso|pesos mexicano|mexicanos"], .currency("MXN"))
        + PhraseEntry.fixed(["clp", "chilean peso|pesos", "peso|pesos chileno|chilenos"], .currency("CLP"))
        + PhraseEntry.fixed(["cad", "canadian dollar|dollars"], .currency("CAD"))
}
