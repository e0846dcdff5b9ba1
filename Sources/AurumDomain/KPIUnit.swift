/// What a KPI's number is.
public enum KPIUnit: Sendable {
    /// A share of one count in another, as a fraction: 0.02 means 2% (CTR, conversion rate). Never a percentage.
    case fraction
    /// Money returned per unit of money spent: 3.0 means 3x (ROAS). No currency: both amounts are in the
    /// same one.
    case multiple
    /// Money per one of the denominator (CPC: per click, CPA: per conversion), in the account's currency.
    case moneyPerUnit
    /// Money per thousand of the denominator (CPM: per thousand impressions), in the account's currency.
    case moneyPerThousand

    /// Whether the KPI's value is an amount of money, so it carries its account's currency.
    public var isMoney: Bool { self == .moneyPerUnit || self == .moneyPerThousand }
}
