import AurumDomain

/// The prompt's lines about the domain, written from the one domain catalogue (``KPI``, ``Measure``), so that the
/// model is told the same formulas, units and names as Gold computes and the offline translator understands.
extension PromptBuilder {
    /// One line per KPI: its formula as a ratio of sums, what analysts call it in English and Portuguese, its unit
    /// and which way is good. `ctr = sum(clicks) / sum(impressions): click-through rate, taxa de cliques (CTR,
    /// …); a fraction (0.02 = 2%); higher is better`.
    static var kpiLines: [String] {
        KPI.allCases.map { kpi in
            let names = kpi.names
            let synonyms = (names.englishSynonyms + names.portugueseSynonyms).reduce(into: [String]()) { kept, phrase in
                if !kept.contains(phrase) && phrase.lowercased() != kpi.column { kept.append(phrase) }
            }
            let called = "\(names.english), \(names.portuguese)" + (synonyms.isEmpty ? "" : " (\(synonyms.joined(separator: ", ")))")
            let gold = kpi.isGoldColumn ? "" : " (not a column: compute it)"
            let better = kpi.betterDirection == .higher ? "higher is better" : "lower is better"
            return "  \(kpi.column) = \(kpi.sumRatioExpression)\(gold): \(called); \(unitText(kpi)); \(better)"
        }
    }

    /// The money columns and the KPIs built on them: "spend, conversion_value, and cpc, cpm, cpa, roas".
    static var moneyColumnsText: String {
        let measures = Measure.allCases.filter(\.isMoney).map(\.column)
        let kpis = KPI.goldColumns.filter(\.sumsMoney).map(\.column)
        return "\(measures.joined(separator: ", ")), and \(kpis.joined(separator: ", "))"
    }

    /// The measures and Gold KPIs that need no currency: "impressions, clicks, conversions and ctr".
    static var currencyFreeColumnsText: String {
        let columns = Measure.allCases.filter { !$0.isMoney }.map(\.column) + KPI.goldColumns.filter { !$0.sumsMoney }.map(\.column)
        return columns.dropLast().joined(separator: ", ") + " and " + (columns.last ?? "")
    }

    /// How the KPIs' numbers read, for the insight prompt: "ctr and conversion_rate are fractions (0.02 = 2%); roas
    /// is a multiple (3.0 = 3x)".
    static var kpiUnitsText: String {
        let fractions = KPI.allCases.filter { $0.unit == .fraction }.map(\.column)
        let multiples = KPI.allCases.filter { $0.unit == .multiple }.map(\.column)
        return "\(fractions.joined(separator: " and ")) are fractions (0.02 = 2%); \(multiples.joined(separator: " and ")) "
            + (multiples.count == 1 ? "is a multiple" : "are multiples") + " (3.0 = 3x)"
    }

    private static func unitText(_ kpi: KPI) -> String {
        switch kpi.unit {
        case .fraction: "a fraction (0.02 = 2%), not a percentage"
        case .multiple: "a multiple (3.0 = 3x), no currency, but its sums are money: per currency"
        case .moneyPerUnit: "money per \(kpi.denominator.names.english.singular), in the account currency"
        case .moneyPerThousand: "money per thousand \(kpi.denominator.column), in the account currency"
        }
    }
}

extension String {
    /// "click" for "clicks": enough for the catalogue's measure names, which are plain English plurals.
    fileprivate var singular: String { hasSuffix("s") ? String(dropLast()) : self }
}
