/// A chart drawn from a result: what ``ChartPlanner`` decided, ready for the terminal (``TerminalChart``) or
/// an SVG file (``SVGChart``).
public enum Chart: Sendable, Equatable {
    /// Lines over time.
    case line(TimeSeries)
    /// Horizontal bars, one per row.
    case bar(Ranking)
}
