import AurumAssistant
import AurumCore
import AurumPipeline

/// The ``InsightSheet`` of `aurum insights` with a model: the facts as `--json` prints them (one per line), and the figures the
/// model may quote: every figure of the facts, the length of the periods, and each change between two figures
/// (as a fraction, which the model may write as a percentage); and which of them are whose money (spend and CPA
/// figures, per currency). Nothing else is a number Aurum computed.
enum InsightFactSheet {
    static func sheet(_ facts: [InsightFact], period: ReportPeriod, words: ClientReportWords) -> InsightSheet {
        var amounts: [Double] = [Double(period.dayCount)]
        var fractions: [Double] = []
        var campaigns: [String] = []
        var money: [String: [Double]] = [:]
        var dates = [period.first, period.last, period.previousFirst, period.previousLast].map(\.description)
        func pair(_ previous: Double?, _ current: Double?) {
            amounts += [previous, current].compactMap { $0 }
            if let change = InsightFact.change(previous, current) { fractions.append(change) }
        }
        for fact in facts {
            fact.campaign.map { if !campaigns.contains($0) { campaigns.append($0) } }
            for (previous, current) in fact.comparedFigures { pair(previous, current) }
            amounts += fact.otherFigures
            dates += fact.days.map(\.description)
            if let (currency, figures) = fact.money { money[currency, default: []] += figures }
        }
        let task = "What changed in \(period.first) – \(period.last), against \(period.previousFirst) – \(period.previousLast)? "
            + "Say what matters most in the headline, then one finding per fact worth telling, most important first."
        return InsightSheet(
            task: task, facts: (["period: " + InsightsCommand.json(period)] + InsightsCommand.jsonItems(facts)).joined(separator: "\n"), amounts: amounts,
            fractions: fractions, money: money, dates: dates,
            campaigns: campaigns, style: words == .en ? .english : .portuguese)
    }
}
