/// Which way a KPI should move: "best ROAS" is the highest, "best CPA" the lowest.
public enum BetterDirection: Sendable {
    /// More is better (CTR, ROAS, conversion rate, average order value).
    case higher
    /// Less is better (the costs: CPC, CPM, CPA).
    case lower
}
