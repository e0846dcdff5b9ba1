/// Which chart a caller asks for (`--chart`, `.chart`): one kind, whichever fits the result, or none.
public enum ChartRequest: String, CaseIterable, Sendable {
    /// A line chart when the result is a time series, a bar chart when it is a ranking, else none (quietly).
    case auto
    /// A horizontal bar chart: one text column and one numeric column.
    case bar
    /// A line chart: one DATE column and 1 to 4 numeric columns.
    case line
    /// No chart.
    case none
}
