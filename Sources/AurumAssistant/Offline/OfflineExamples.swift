/// Questions the offline translator understands, shown when it refuses one.
enum OfflineExamples {
    static let english = [
        "top 5 campaigns by CPA last 30 days",
        "which campaign had the best ROAS last month?",
        "spend and conversions by week in March 2024",
        "daily clicks and CTR on Meta last week",
        "average daily spend of campaigns with 'Black Friday' in the name this year",
    ]

    static let portuguese = [
        "qual campanha teve o melhor ROAS em março?",
        "5 piores campanhas por CPA nos últimos 14 dias",
        "gasto por plataforma no mês passado",
        "receita e ROAS por mês no Google este ano",
        "campanhas que contêm 'Natal' com CPA acima de 50",
    ]

    /// Examples in the question's language first.
    static func examples(for question: String) -> [String] {
        switch QuestionLanguage(QuestionTokenizer.tokens(question)) {
        case .portuguese: portuguese + english.prefix(2)
        case .english: english + portuguese.prefix(2)
        }
    }
}
