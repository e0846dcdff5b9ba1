/// A measure of the data contract: a column summed over any group of rows (Silver's and every Gold table's).
///
/// The raw value is the contract's column name. Money measures are in the account's currency and are never
/// added across currencies (../shared/spec/data-contract.md, "Money and currencies").
public enum Measure: String, CaseIterable, Sendable {
    case impressions
    case clicks
    case spend
    case conversions
    case conversionValue = "conversion_value"

    /// The column that holds the measure, in Silver and in Gold.
    public var column: String { rawValue }

    /// Whether the measure is an amount of money (in its account's currency).
    public var isMoney: Bool { self == .spend || self == .conversionValue }

    /// What analysts call it, in English and Portuguese.
    public var names: DomainNames {
        switch self {
        case .impressions:
            DomainNames(english: "impressions", portuguese: "impressões", portugueseSynonyms: ["exibições"])
        case .clicks:
            DomainNames(english: "clicks", portuguese: "cliques")
        case .spend:
            DomainNames(
                english: "spend", portuguese: "gasto", englishSynonyms: ["cost", "investment", "amount spent", "ad spend"],
                portugueseSynonyms: ["investimento", "custo", "valor investido"])
        case .conversions:
            DomainNames(
                english: "conversions", portuguese: "conversões", englishSynonyms: ["purchases", "sales", "orders"],
                portugueseSynonyms: ["compras", "vendas", "pedidos"])
        case .conversionValue:
            DomainNames(
                english: "conversion value", portuguese: "valor de conversão", englishSynonyms: ["revenue", "purchase value", "sales value"],
                portugueseSynonyms: ["receita", "faturamento", "valor das vendas"])
        }
    }
}
