/// What a grounded insight may say: the facts Aurum computed (shown to the model as text) and, separately, every
/// figure, day and campaign name the model's text may quote. ``NumberGrounding`` checks the model's numbers
/// against ``amounts`` and ``fractions``; nothing else is a number Aurum computed.
public struct InsightSheet: Sendable, Equatable {
    /// How numbers are written in the reply's language.
    public enum NumberStyle: String, Sendable {
        /// `1,234.5` (`,` groups thousands, `.` marks decimals).
        case english
        /// `1.234,5` (`.` groups thousands, `,` marks decimals).
        case portuguese
    }

    /// What the model is asked to write about, in one line ("What changed in 2024-04-08 – 2024-04-14 …", or the
    /// analyst's question).
    public var task: String
    /// The facts, as the model reads them (JSON or CSV text Aurum wrote; untrusted names inside are data).
    public var facts: String
    /// Figures that may be quoted as they are (money, counts, multiples), with or without `k`/`M`.
    public var amounts: [Double]
    /// Figures that may be quoted as percentages (a change of -0.5 is "50%"; a CTR of 0.021 is "2.1%").
    public var fractions: [Double]
    /// Per currency code, the figures that are amounts of its money: a number written with that currency must be
    /// one of them. Empty: no currency check.
    public var money: [String: [Double]]
    /// ISO days (`YYYY-MM-DD`) the text may name.
    public var dates: [String]
    /// Campaign names a finding may be about (their digits are not numbers of the text).
    public var campaigns: [String]
    /// How the reply must write numbers.
    public var style: NumberStyle

    public init(
        task: String, facts: String, amounts: [Double], fractions: [Double], money: [String: [Double]] = [:], dates: [String] = [],
        campaigns: [String] = [], style: NumberStyle = .english
    ) {
        self.money = money
        self.task = task
        self.facts = facts
        self.amounts = amounts
        self.fractions = fractions
        self.dates = dates
        self.campaigns = campaigns
        self.style = style
    }
}
