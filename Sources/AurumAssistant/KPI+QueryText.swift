import AurumDomain

extension KPI {
    /// The KPI over the rows of a group in Aurum's query language, as a ratio of sums from the domain catalogue:
    /// `sum(clicks) / sum(impressions)`, `1000 * sum(spend) / sum(impressions)`. `/` divides as DOUBLE and gives
    /// NULL for a zero divisor, as the catalogue's formula wants.
    var sumRatioExpression: String {
        let scale = self.scale == 1 ? "" : "\(Int(self.scale)) * "
        return "\(scale)sum(\(numerator.column)) / sum(\(denominator.column))"
    }
}
