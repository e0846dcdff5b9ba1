import AurumCore
import AurumPipeline

/// The words and number style of a client report (`aurum report --html`), in English or Portuguese.
enum ClientReportWords: String, CaseIterable {
    case en, pt

    /// `--lang`, else the setting `AURUM_REPORT_LANG_<CLIENT>` (the client's name in capitals, other characters
    /// as `_`), else `AURUM_REPORT_LANG`, else English; settings come from the environment or the config file.
    static func choose(_ option: String?, client: String?, settings: [String: String]) throws -> ClientReportWords {
        var candidates: [(String, String)] = []
        if let option { candidates.append(("--lang", option)) }
        if let client, let value = settings[clientKey(client)] { candidates.append((clientKey(client), value)) }
        if let value = settings[variable] { candidates.append((variable, value)) }
        guard let (name, value) = candidates.first(where: { !$0.1.isEmpty }) else { return .en }
        // `pt`, `en`, or a locale name such as `pt_BR` or `en-GB`.
        let language = value.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).first.map(String.init) ?? ""
        guard let words = ClientReportWords(rawValue: language) else {
            throw CLIError.invalidOption("\(name) '\(value)' is not a report language; use pt or en")
        }
        return words
    }

    /// The setting of every report's language; `variable` + `_CLIENT` is one client's.
    static let variable = "AURUM_REPORT_LANG"

    /// The setting naming `client`'s report language.
    static func clientKey(_ client: String) -> String {
        variable + "_" + String(client.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    private func pick(_ english: String, _ portuguese: String) -> String { self == .en ? english : portuguese }

    var title: String { pick("Client report", "Relatório do cliente") }
    var allAccounts: String { pick("all accounts", "todas as contas") }
    var spend: String { pick("Spend", "Investimento") }
    var conversions: String { pick("Conversions", "Conversões") }
    var conversionsShort: String { pick("Conv.", "Conv.") }
    var campaign: String { pick("Campaign", "Campanha") }
    var previous: String { pick("Previous", "Anterior") }
    var current: String { pick("Now", "Atual") }
    var change: String { pick("Change", "Variação") }
    var versusPrevious: String { pick("vs previous period", "vs período anterior") }
    var noPrevious: String { pick("no previous data", "sem dados anteriores") }
    var top: String { pick("Top campaigns by spend", "Campanhas com maior investimento") }
    var lowestROAS: String { pick("Lowest ROAS (campaigns that spent)", "Menor ROAS (campanhas com investimento)") }
    var movers: String { pick("Biggest movers in spend", "Maiores variações de investimento") }
    var withoutConversions: String { pick("Spending without conversions", "Investimento sem conversões") }
    var trend: String { pick("Daily spend and conversions", "Investimento e conversões por dia") }
    var quality: String { pick("Data quality", "Qualidade dos dados") }
    var currenciesApart: String {
        pick("Each currency is reported apart: amounts in different currencies are never added.",
             "Cada moeda é apresentada separadamente: valores em moedas diferentes nunca são somados.")
    }
    var none: String { pick("None.", "Nenhuma.") }
    var generatedBy: String { pick("Made by Aurum from Gold (kpi_campaign_daily).", "Gerado pelo Aurum a partir do Gold (kpi_campaign_daily).") }

    func period(_ period: ReportPeriod, weeks: Int?) -> String {
        let span = weeks.map { pick("Last \($0) week\($0 == 1 ? "" : "s")", "Últimas \($0) semana\($0 == 1 ? "" : "s")") } ?? pick("Month", "Mês")
        return span + ": \(period.first) – \(period.last) · " + pick("compared with", "comparado com") + " \(period.previousFirst) – \(period.previousLast)"
            + (period.note == nil ? "" : pick(" (the same number of days: the data stops inside the month)", " (o mesmo número de dias: os dados terminam dentro do mês)"))
    }

    func dataUpTo(_ day: Date32) -> String { pick("Data up to \(day).", "Dados até \(day).") }

    func quarantined(_ count: Int) -> String {
        pick("\(count) row\(count == 1 ? "" : "s") quarantined about days in this period (left out of every figure):",
             "\(count) linha\(count == 1 ? "" : "s") em quarentena referente\(count == 1 ? "" : "s") a dias deste período (fora de todos os números):")
    }

    var noneQuarantined: String { pick("No row was quarantined about a day in this period.", "Nenhuma linha em quarentena referente a dias deste período.") }

    func undated(_ count: Int) -> String {
        pick("\(count) quarantined row\(count == 1 ? " has" : "s have") no readable date and may belong to this period.",
             "\(count) linha\(count == 1 ? "" : "s") em quarentena sem data legível pode\(count == 1 ? "" : "m") pertencer a este período.")
    }

    var quarantineAllAccounts: String {
        pick("Quarantined rows are counted over all accounts: a rejected row's account cannot always be read.",
             "As linhas em quarentena são contadas em todas as contas: a conta de uma linha rejeitada nem sempre pode ser lida.")
    }

    /// `value` with `decimals` decimals, grouped in the language's style (`1,234.56` / `1.234,56`).
    func number(_ value: Double, decimals: Int = 2) -> String {
        let text = ReadableNumber.double(value, decimals: decimals)
        guard self == .pt else { return text }
        return String(text.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    /// A change as a signed percentage (`+12.3%`, `-4,0%`).
    func percent(_ ratio: Double) -> String {
        (ratio > 0 ? "+" : "") + number(ratio * 100, decimals: 1) + "%"
    }
}
