/// A KPI: a ratio of two summed ``Measure``s, `scale × sum(numerator) / sum(denominator)`, with no value where the
/// denominator's sum is 0.
///
/// This is the one definition of the domain's KPIs: Gold's KPI columns, `aurum report`, the table descriptions,
/// the assistant's prompt and the offline translator all read it (docs/ARCHITECTURE.md, "The domain"). Over any
/// group of rows or period a KPI is the ratio of the group's sums, never an average of per-row ratios.
///
/// The raw value is the KPI's column name (Gold's, and the result column the assistant writes).
public enum KPI: String, CaseIterable, Sendable {
    case ctr
    case cpc
    case cpm
    case cpa
    case roas
    /// Conversions per click; not a Gold column, computed by queries.
    case conversionRate = "conversion_rate"
    /// Conversion value per conversion; not a Gold column, computed by queries.
    case averageOrderValue = "average_order_value"

    /// The KPI columns of every Gold table, in the data contract's order (after the measures).
    public static let goldColumns: [KPI] = [.ctr, .cpc, .cpm, .cpa, .roas]

    /// The column that holds it (in Gold) or names it in a query's result.
    public var column: String { rawValue }

    /// The measure summed above the line.
    public var numerator: Measure {
        switch self {
        case .ctr: .clicks
        case .cpc, .cpm, .cpa: .spend
        case .roas, .averageOrderValue: .conversionValue
        case .conversionRate: .conversions
        }
    }

    /// The measure summed below the line; where its sum is 0 the KPI has no value (NULL).
    public var denominator: Measure {
        switch self {
        case .ctr, .cpm: .impressions
        case .cpc, .conversionRate: .clicks
        case .cpa, .averageOrderValue: .conversions
        case .roas: .spend
        }
    }

    /// What multiplies the numerator before the division: 1000 for CPM (per thousand impressions), else 1.
    /// CTR is a fraction (0.02 = 2%), not a percentage: its scale is 1.
    public var scale: Double { self == .cpm ? 1000 : 1 }

    /// What the number is (fraction, multiple, money per unit or per thousand).
    public var unit: KPIUnit {
        switch self {
        case .ctr, .conversionRate: .fraction
        case .roas: .multiple
        case .cpc, .cpa, .averageOrderValue: .moneyPerUnit
        case .cpm: .moneyPerThousand
        }
    }

    /// Which way is good: "best" and "worst" follow it.
    public var betterDirection: BetterDirection {
        switch self {
        case .ctr, .roas, .conversionRate, .averageOrderValue: .higher
        case .cpc, .cpm, .cpa: .lower
        }
    }

    /// Whether the KPI's value is an amount of money in the account's currency (CPC, CPM, CPA, average order
    /// value). CTR and ROAS carry no currency.
    public var isCurrencyBearing: Bool { unit.isMoney }

    /// Whether computing the KPI sums money, so that its sums must stay within one currency: true for every
    /// currency-bearing KPI and for ROAS. ROAS's value has no currency, since each row's conversion value and
    /// spend are in the same one; but `sum(conversion_value) / sum(spend)` over BRL and USD rows adds reais and
    /// dollars in both sums and weighs each row by its currency's unit. So ROAS, like money, is computed per
    /// currency (or after converting to one), never over rows of several currencies.
    public var sumsMoney: Bool { numerator.isMoney || denominator.isMoney }

    /// Whether it is one of Gold's KPI columns.
    public var isGoldColumn: Bool { Self.goldColumns.contains(self) }

    /// What analysts call it, in English and Portuguese.
    public var names: DomainNames {
        switch self {
        case .ctr:
            DomainNames(
                english: "click-through rate", portuguese: "taxa de cliques", englishSynonyms: ["CTR", "clickthrough rate", "click rate"],
                portugueseSynonyms: ["CTR", "taxa de clique"])
        case .cpc:
            DomainNames(english: "cost per click", portuguese: "custo por clique", englishSynonyms: ["CPC"], portugueseSynonyms: ["CPC", "custo médio por clique"])
        case .cpm:
            DomainNames(
                english: "cost per thousand impressions", portuguese: "custo por mil impressões", englishSynonyms: ["CPM", "cost per mille"],
                portugueseSynonyms: ["CPM", "custo por mil"])
        case .cpa:
            DomainNames(
                english: "cost per conversion", portuguese: "custo por aquisição",
                englishSynonyms: ["CPA", "cost per acquisition", "cost per purchase"],
                portugueseSynonyms: ["CPA", "custo por conversão", "custo por compra"])
        case .roas:
            DomainNames(
                english: "return on ad spend", portuguese: "retorno sobre o investimento em anúncios", englishSynonyms: ["ROAS"],
                portugueseSynonyms: ["ROAS", "retorno sobre investimento", "retorno do investimento", "retorno sobre o gasto com anúncios"])
        case .conversionRate:
            DomainNames(
                english: "conversion rate", portuguese: "taxa de conversão", englishSynonyms: ["CVR"], portugueseSynonyms: ["taxa de conversões"])
        case .averageOrderValue:
            DomainNames(
                english: "average order value", portuguese: "ticket médio", englishSynonyms: ["AOV", "average ticket"],
                portugueseSynonyms: ["valor médio por pedido"])
        }
    }

    /// The KPI over sums already taken: `scale × numerator / denominator` (the scale multiplies first, as
    /// `1000 * spend / impressions` does in SQL), nil when `denominator` is 0.
    public func value(numerator: Double, denominator: Double) -> Double? {
        denominator == 0 ? nil : (scale * numerator) / denominator
    }
}
