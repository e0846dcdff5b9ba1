/// Why a result cannot be drawn as the chart asked for: one line for the user ("a line chart needs one DATE
/// column …"). Not drawing is always preferred to drawing something that reads as a different answer.
public struct ChartRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reason, one line, naming the columns or rows concerned.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
