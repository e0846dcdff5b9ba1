import AurumCore
import AurumPipeline

/// The short narrative of `aurum insights`, in English or Portuguese, written offline from the
/// ``InsightFact``s alone: each sentence is one fact, and each number in it is one of the fact's figures,
/// formatted (never a number of its own).
struct InsightNarrative {
    var words: ClientReportWords

    private func pick(_ english: String, _ portuguese: String) -> String { words == .en ? english : portuguese }

    func text(_ facts: [InsightFact], period: ReportPeriod) -> String {
        var lines = [pick("Insights for", "Destaques de") + " \(period.first) – \(period.last), " + pick("against", "contra") + " \(period.previousFirst) – \(period.previousLast):"]
        var totals: [String: [InsightFact.KPI: (Double?, Double?)]] = [:]
        var currencies: [String] = []
        var findings: [String] = []
        var pacing: [String] = []
        for fact in facts {
            switch fact {
            case .total(let currency, let kpi, let previous, let current):
                if totals[currency] == nil { currencies.append(currency) }
                totals[currency, default: [:]][kpi] = (previous, current)
            case .campaignChange(let campaign, let currency, let kpi, let previous, let current):
                // (Portuguese "conversões" is plural: the verb agrees.)
                let plural = kpi == .conversions
                let verb = current > previous ? pick("rose", plural ? "subiram" : "subiu") : pick("fell", plural ? "caíram" : "caiu")
                let ratio = InsightFact.change(previous, current) ?? 0
                findings.append("\(campaign): \(name(kpi)) \(verb) \(words.percent(abs(ratio)).dropFirst()), " + pick("from", "de") + " \(value(kpi, previous, currency)) " + pick("to", "para") + " \(value(kpi, current, currency)).")
            case .spendWithoutConversions(let campaign, let currency, let spend, let previousConversions):
                findings.append(
                    "\(campaign): " + pick("spent", "investiu") + " \(currency) \(words.number(spend)) " + pick("without a single conversion", "sem nenhuma conversão")
                        + (previousConversions > 0 ? " (" + pick("it had", "teve") + " \(words.number(previousConversions)) " + pick("the period before", "no período anterior") + ")." : "."))
            case .anomaly(let campaign, let currency, let kpi, let day, let value, let median, let baselineDays):
                let change = InsightFact.change(median, value).map { " (\(words.percent($0)))" } ?? ""
                findings.append(
                    "\(campaign): \(name(kpi)) " + pick("on", "em") + " \(day) " + pick("was", "foi") + " \(self.value(kpi, value, currency))"
                        + pick(", against a median of", ", contra a mediana de") + " \(self.value(kpi, median, currency)) "
                        + pick("over its previous \(baselineDays) days", "nos seus \(baselineDays) dias anteriores") + "\(change).")
            case .pacing(let currency, let first, let last, let spend, let previousFirst, let previousLast, let previousSpend, let previousMonthSpend):
                let change = InsightFact.change(previousSpend, spend).map { " (\(words.percent($0)))" } ?? ""
                pacing.append(
                    pick("Pacing", "Ritmo") + " \(currency): \(currency) \(words.number(spend)) " + pick("spent", "investidos") + " \(first) – \(last), "
                        + pick("against", "contra") + " \(currency) \(words.number(previousSpend)) " + pick("in", "em") + " \(previousFirst) – \(previousLast)\(change); "
                        + pick("that month spent", "aquele mês investiu") + " \(currency) \(words.number(previousMonthSpend)) " + pick("in all.", "no total."))
            case .quarantineSpike(let current, let previous):
                findings.append(
                    pick("Data quality:", "Qualidade dos dados:") + " \(current) " + pick("rows were quarantined about days of this period, against", "linhas em quarentena referentes a dias deste período, contra")
                        + " \(previous) " + pick("the period before; their figures are left out of every total.", "no período anterior; seus números ficam fora de todos os totais."))
            }
        }
        for currency in currencies {
            let kpis = totals[currency] ?? [:]
            let parts = InsightFact.KPI.allCases.compactMap { kpi -> String? in
                guard let (previous, current) = kpis[kpi], let current else { return nil }
                let change = InsightFact.change(previous, current).map { " (\(words.percent($0)))" } ?? ""
                return "\(name(kpi)) \(value(kpi, current, currency))\(change)"
            }
            lines.append("\(currency): " + parts.joined(separator: ", ") + ".")
        }
        // Pacing is context, like the totals: it is stated, not counted as something that stands out.
        lines += pacing
        if findings.isEmpty {
            lines.append(pick("Nothing stands out: no campaign changed by 30% or more, none spent without converting.", "Nada se destaca: nenhuma campanha variou 30% ou mais, nenhuma investiu sem converter."))
        } else {
            lines += findings.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private func name(_ kpi: InsightFact.KPI) -> String {
        switch kpi {
        case .spend: pick("spend", "investimento")
        case .conversions: pick("conversions", "conversões")
        case .cpa: "CPA"
        case .roas: "ROAS"
        }
    }

    private func value(_ kpi: InsightFact.KPI, _ value: Double, _ currency: String) -> String {
        switch kpi {
        case .spend, .cpa: "\(currency) \(words.number(value))"
        case .conversions: words.number(value)
        case .roas: words.number(value) + "x"
        }
    }
}
