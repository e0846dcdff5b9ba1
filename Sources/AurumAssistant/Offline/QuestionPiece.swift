/// What a run of a question's tokens means to the offline translator.
enum QuestionPiece: Equatable, Sendable {
    case metric(Metric)
    /// A breakdown. `plural` tells "which campaign" (one answer) from "which campaigns"; `explicit` marks
    /// "by/per/each campaign", which always groups.
    case breakdown(Breakdown, plural: Bool, explicit: Bool)
    case window(WindowPhrase)
    /// "do 1º para o 2º trimestre", "de março para abril": two periods compared.
    case windowPair(WindowPhrase, WindowPhrase)
    case rank(RankWord, count: Int?)
    /// A bare number: how many rows a ranking keeps ("os 5 …").
    case count(Int)
    case source(SourcePlatform)
    /// Campaign names containing this text (quoted in the question, or matched against known names).
    case nameContains(String)
    case account(String)
    /// "in USD", "em reais", "BRL": only the rows in this currency (ISO 4217 code).
    case currency(String)
    /// "average", "média", "médio": a no-op for ratios; with "per day" it makes an average daily value.
    case average
    /// "average daily", "média diária": the total over the number of days.
    case averageDaily
    /// "above 100", "abaixo de 2": a condition on the nearest measure.
    case threshold(ThresholdOperator, Double)
    /// "without", "not", "sem", "exceto": negates what follows (a source, a name, or a measure, as "= 0").
    case negation
    /// "no": a negation before a measure ("campaigns with spend but no conversions"), otherwise Portuguese for
    /// "in the" ("gasto no Google").
    case no
    /// "how many", "quantas": with campaigns/ads/accounts, a count of them.
    case howMany
    /// "total", "how much", "quanto": asks for one figure rather than a breakdown by the subject's name.
    case total
    /// "which", "list", "quais", "cada uma": the question wants the campaigns it names listed one by one, not one
    /// total of the group ("which Search campaigns …" vs "spend on Search campaigns").
    case listing
    /// "vs", "compared with", "contra": with two windows, the periods side by side with the change.
    case versus
    /// "change", "growth", "variação", "went up or down": the periods side by side with the change (with one
    /// window, against the period before it).
    case change
    /// "improving", "trend", "melhorando" (`worse`: "worsening", "piorou"): a change judged by the measure's better
    /// direction (``Trend``).
    case improvement(worse: Bool)
    /// "share of", "percentual": the part of a total that a platform, name phrase or account holds.
    case share
    /// "start", "launched", "first day", "começou": the first day with data; "end", "último dia com dados": the last.
    case dayExtreme(DayExtreme)
    /// "quarantined rows", "arquivos ingeridos", "last ingest": a measure of the data's own quality and loading.
    case quality(QualityMeasure)
    /// "distinct", "diferentes": only next to "how many" + ads/campaigns/accounts, which count distinct ids anyway.
    case distinct
    /// "combined", "together", "somadas", "em conjunto": one total, also of several named groups of campaigns.
    case combined
    /// "and", "e", ",": carries "by" over to the next breakdown ("por plataforma e campanha").
    case conjunction
    /// A phrase understood but not supported (a day-of-week breakdown): the question is refused naming it.
    case unsupported(String)
    /// A word that carries no meaning here ("the", "qual", "show").
    case filler
}

/// Words that order groups and pick the first few.
enum RankWord: Equatable, Sendable {
    /// "top", "highest", "most", "maior": largest value first.
    case highest
    /// "bottom", "lowest", "least", "menor": smallest value first.
    case lowest
    /// "best", "melhor": highest first, or lowest for costs (CPA, CPC, CPM).
    case best
    /// "worst", "pior": the opposite of best.
    case worst
    /// "ranking", "ranked by": best first, every group.
    case ranking
    /// "descending", "do maior para o menor": every group, largest value first.
    case descendingOrder
    /// "ascending", "do menor para o maior": every group, smallest value first.
    case ascendingOrder
}

/// The comparison of a threshold.
enum ThresholdOperator: String, Equatable, Sendable {
    case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "="
}

/// The first or last day with data, a measure of its own ("when did campaign X start", "último dia com dados").
enum DayExtreme: String, Equatable, Sendable {
    case first = "first_day", last = "last_day"

    /// `min(date)` or `max(date)`.
    var expression: String { self == .first ? "min(date)" : "max(date)" }
}
