/// Why a result cannot be drawn as the chart asked for: one line for the user ("a line chart needs one DATE
/// column …"). Not drawing is always preferred to drawing something that reads as a different answer.
public struct ChartRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reason, one line, naming the columns or rows concerned.
    public var reason: String

    /// A refusal saying `reason`.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}
