import AurumCore

/// A time series to draw as lines: one date per point, in increasing order and each date once, and 1 to 4
/// series over those dates (measures, or one measure split by a key column's values).
public struct TimeSeries: Sendable, Equatable {
    /// The date column's name.
    public var dateName: String
    /// The dates, strictly increasing.
    public var dates: [Date32]
    /// The measures, one value per date each.
    public var series: [ChartSeries]
    /// Whether every series needs an axis of its own (they are amounts in different currencies: one scale would
    /// invite comparing them).
    public var separateAxes: Bool

    /// A time series over `dates` (strictly increasing), each of `series` with one value per date.
    public init(dateName: String, dates: [Date32], series: [ChartSeries], separateAxes: Bool = false) {
        precondition(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 }, "dates must increase")
        precondition(series.allSatisfy { $0.values.count == dates.count }, "one value per date")
        self.dateName = dateName
        self.dates = dates
        self.series = series
        self.separateAxes = separateAxes
    }
}
