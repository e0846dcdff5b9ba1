/// A ranking to draw as horizontal bars: one label and one value per row, in the result's order; optionally
/// split into groups (currencies) that each get their own scale, so that no bar is measured against another
/// group's.
public struct Ranking: Sendable, Equatable {
    /// The label column's name.
    public var labelName: String
    /// One label per bar (`NULL` for a NULL label).
    public var labels: [String]
    /// The measure, one value per bar.
    public var measure: ChartSeries
    /// The group of each bar (nil: one group); groups are drawn apart, in order of first appearance.
    public var groups: [String]?

    /// Bars for `labels` with `measure`'s values, grouped by `groups` when given (one per label).
    public init(labelName: String, labels: [String], measure: ChartSeries, groups: [String]? = nil) {
        precondition(labels.count == measure.values.count, "one value per label")
        precondition(groups.map { $0.count == labels.count } ?? true, "one group per label")
        self.labelName = labelName
        self.labels = labels
        self.measure = measure
        self.groups = groups
    }

    /// The bars of each group, in order of first appearance (one section with every bar when ungrouped).
    public var sections: [(group: String?, rows: [Int])] {
        guard let groups else { return [(nil, Array(labels.indices))] }
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for (row, group) in groups.enumerated() {
            if rows[group] == nil { order.append(group) }
            rows[group, default: []].append(row)
        }
        return order.map { ($0, rows[$0] ?? []) }
    }
}
