/// Why the offline translator refused a question. Shown in tests and in the explanation of refusals; the
/// user-facing error is ``AssistantError/notUnderstood(question:examples:reason:)``.
enum Misunderstanding: Error, Equatable, CustomStringConvertible {
    /// Nothing was asked.
    case empty
    /// Words no phrase or campaign name accounts for.
    case unplacedWords([String])
    /// No measure (spend, clicks, ROAS, …) was named.
    case noMeasure
    /// "average spend" without "per day": an average of what over what.
    case averageOfTotal
    /// A ranking ("top", "best") with nothing to rank: no breakdown.
    case rankingWithoutBreakdown
    /// A number that is not a ranking's size, a window or a threshold.
    case strayNumber(Int)
    /// A ranking within each period ("best campaign each month") needs one query per period.
    case rankingPerPeriod
    /// Two rankings that disagree ("best worst").
    case conflictingRankings
    /// Windows that are not periods of one kind ("March and last 7 days").
    case conflictingWindows
    /// A window phrase that names no real dates ("31 de fevereiro", "between 2024-03-10 and 2024-03-01").
    case impossibleWindow
    /// A condition ("above 3") with no measure next to it.
    case thresholdWithoutMeasure
    /// "without"/"sem"/"not" before something it cannot negate.
    case danglingNegation
    /// The same platform (or currency) both asked for and excluded.
    case conflictingSources
    /// A change ("growth", "variação") with no period to measure it over.
    case changeWithoutPeriod
    /// A share of a total with nothing named to take the share of, or of a ratio.
    case shareWithoutSubject
    /// Periods compared side by side cannot also be broken down by period, filtered by a condition, or averaged.
    case comparisonTooComplex
    /// "vs" / "compared with" with nothing to compare (one period, one platform, one group, one measure).
    case nothingCompared
    /// A measure next to a first/last day with nothing to list ("how many campaigns launched last month"): the
    /// count of campaigns by when they started needs a query per campaign.
    case measureOfFirstDays
    /// A data-quality measure (quarantine, files, ingest) with what only ads data has (dates, measures, names).
    case qualityTooComplex
    /// "Share of spend per campaign with ROAS above 3": the condition would leave groups out of the total.
    case shareOfConditionalGroups
    /// "Is spend improving?": the measure has no better direction (more spend is neither better nor worse).
    case noBetterDirection(String)
    /// Two groups of campaigns that a known campaign belongs to both ("Search" and "Marca" in "Search | Marca").
    case overlappingGroups(String, String)

    var description: String {
        switch self {
        case .empty: "the question is empty"
        case .unplacedWords(let words): "did not understand: " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .noMeasure: "no measure named (spend, impressions, clicks, conversions, revenue, CTR, CPC, CPM, CPA, ROAS)"
        case .averageOfTotal: "an average needs a period: say 'average daily' or 'per day'"
        case .rankingWithoutBreakdown: "a ranking needs something to rank (campaigns, accounts, platforms, days, …)"
        case .strayNumber(let number): "did not understand what the number \(number) is for"
        case .rankingPerPeriod: "a ranking within each period needs one question per period"
        case .conflictingRankings: "two rankings that disagree"
        case .conflictingWindows: "more than one time window"
        case .impossibleWindow: "the dates named do not exist or are in the wrong order"
        case .thresholdWithoutMeasure: "a condition with no measure next to it"
        case .danglingNegation: "did not understand what is excluded"
        case .conflictingSources: "the same platform or currency is both included and excluded"
        case .changeWithoutPeriod: "a change needs a period: say 'last month', 'this week vs last week', 'June compared with May'"
        case .shareWithoutSubject:
            "a share needs one part of a total (a platform, a campaign-name phrase or an account) and a summed measure (spend, clicks, conversions, revenue)"
        case .comparisonTooComplex: "two periods side by side cannot also be broken down by period, filtered by a condition or averaged per day"
        case .nothingCompared: "did not understand what 'vs' compares: name two periods, platforms, campaign groups or measures"
        case .measureOfFirstDays:
            "measures of campaigns chosen by when they started or ended need the campaigns listed: ask 'campaigns launched in March'"
        case .qualityTooComplex:
            "questions about quarantined rows or ingested files can break down by platform or reason and filter by platform, nothing else"
        case .shareOfConditionalGroups: "each group's share of the total cannot also be filtered by a condition or ranked by a ratio"
        case .noBetterDirection(let measure): "\(measure) is neither better nor worse when it grows: ask whether it went up or down"
        case .overlappingGroups(let first, let second): "some campaigns are both '\(first)' and '\(second)': ask for each group alone"
        }
    }

    /// The reason in Portuguese, for a Portuguese question (the refusal is in the question's language).
    var portugueseDescription: String {
        switch self {
        case .empty: "a pergunta está vazia"
        case .unplacedWords(let words): "não entendi: " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .noMeasure: "nenhuma medida citada (gasto, impressões, cliques, conversões, receita, CTR, CPC, CPM, CPA, ROAS)"
        case .averageOfTotal: "uma média precisa de um período: diga 'média diária' ou 'por dia'"
        case .rankingWithoutBreakdown: "um ranking precisa do que ordenar (campanhas, contas, plataformas, dias, …)"
        case .strayNumber(let number): "não entendi para que serve o número \(number)"
        case .rankingPerPeriod: "um ranking dentro de cada período precisa de uma pergunta por período"
        case .conflictingRankings: "dois rankings que se contradizem"
        case .conflictingWindows: "mais de um período de tempo"
        case .impossibleWindow: "as datas citadas não existem ou estão fora de ordem"
        case .thresholdWithoutMeasure: "uma condição sem medida ao lado"
        case .danglingNegation: "não entendi o que fica de fora"
        case .conflictingSources: "a mesma plataforma ou moeda foi incluída e excluída"
        case .changeWithoutPeriod: "uma variação precisa de um período: diga 'mês passado', 'esta semana vs semana passada', 'junho comparado com maio'"
        case .shareWithoutSubject:
            "uma participação precisa de uma parte do total (uma plataforma, um trecho do nome da campanha ou uma conta) e de uma medida somada (gasto, cliques, conversões, receita)"
        case .comparisonTooComplex: "dois períodos lado a lado não podem ser também quebrados por período, filtrados por uma condição ou tirados como média diária"
        case .nothingCompared: "não entendi o que o 'vs' compara: cite dois períodos, plataformas, grupos de campanhas ou medidas"
        case .measureOfFirstDays:
            "medidas de campanhas escolhidas por quando começaram ou terminaram precisam das campanhas listadas: pergunte 'campanhas lançadas em março'"
        case .qualityTooComplex:
            "perguntas sobre linhas em quarentena ou arquivos ingeridos podem ser quebradas por plataforma ou motivo e filtradas por plataforma, nada mais"
        case .shareOfConditionalGroups: "a participação de cada grupo no total não pode ser também filtrada por uma condição nem ordenada por uma razão"
        case .noBetterDirection(let measure): "\(measure == "spend" ? "gasto" : measure) não fica melhor nem pior quando cresce: pergunte se subiu ou caiu"
        case .overlappingGroups(let first, let second): "algumas campanhas são '\(first)' e '\(second)' ao mesmo tempo: pergunte por cada grupo separadamente"
        }
    }
}
