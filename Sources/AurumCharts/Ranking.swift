/// A ranking to draw as horizontal bars: one label and one value per row, in the result's order.
public struct Ranking: Sendable, Equatable {
    /// The label column's name.
    public var labelName: String
    /// One label per bar (`NULL` for a NULL label).
    public var labels: [String]
    /// The measure, one value per bar.
    public var measure: ChartSeries

    public init(labelName: String, labels: [String], measure: ChartSeries) {
        precondition(labels.count == measure.values.count, "one value per label")
        self.labelName = labelName
        self.labels = labels
        self.measure = measure
    }
}
