import AurumCore

/// A time series to draw as lines: one date per point, in increasing order and each date once, and 1 to 4
/// measures over those dates.
public struct TimeSeries: Sendable, Equatable {
    /// The date column's name.
    public var dateName: String
    /// The dates, strictly increasing.
    public var dates: [Date32]
    /// The measures, one value per date each.
    public var series: [ChartSeries]

    public init(dateName: String, dates: [Date32], series: [ChartSeries]) {
        precondition(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 }, "dates must increase")
        precondition(series.allSatisfy { $0.values.count == dates.count }, "one value per date")
        self.dateName = dateName
        self.dates = dates
        self.series = series
    }
}
