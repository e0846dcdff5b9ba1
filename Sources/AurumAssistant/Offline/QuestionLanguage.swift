/// Whether a question reads more like Portuguese or English: picks the examples shown on a refusal and the
/// order of ambiguous slash dates (`03/04/2024`).
enum QuestionLanguage: Sendable {
    case english, portuguese

    init(_ tokens: [QuestionToken]) {
        let words = Set(tokens.filter { $0.kind == .word }.map(\.folded))
        let portuguese = words.intersection(Self.portugueseHints).count
        let english = words.intersection(Self.englishHints).count
        self = portuguese > english ? .portuguese : .english
    }

    private static let portugueseHints: Set<String> = [
        "qual", "quais", "quanto", "quanta", "quantas", "quantos", "campanha", "campanhas", "gasto", "gastos", "gastou",
        "gastamos", "investimento", "receita", "faturamento", "vendas", "cliques", "conversoes", "impressoes", "por",
        "de", "do", "da", "dos", "das", "no", "na", "nos", "nas", "em", "mes", "semana", "ultimos", "ultimas", "melhor",
        "pior", "que", "com", "o", "os", "as", "ontem", "hoje", "entre", "ate", "desde", "conta", "plataforma", "dia",
    ]
    private static let englishHints: Set<String> = [
        "what", "which", "how", "much", "many", "campaign", "campaigns", "spend", "spent", "revenue", "clicks",
        "conversions", "impressions", "by", "of", "the", "in", "on", "last", "best", "worst", "top", "with", "week",
        "month", "day", "yesterday", "today", "between", "from", "to", "since", "account", "platform", "per",
    ]
}
