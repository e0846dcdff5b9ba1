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
        case .noBetterDirection(let measure): "\(measure) is neither better nor worse when it grows: ask whether it went up or down"
        case .overlappingGroups(let first, let second): "some campaigns are both '\(first)' and '\(second)': ask for each group alone"
        }
    }
}
