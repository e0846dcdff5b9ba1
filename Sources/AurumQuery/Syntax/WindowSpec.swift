/// What follows `OVER` in a window function call: `(PARTITION BY … ORDER BY … frame)`.
public struct WindowSpec: Equatable, Sendable {
    public var partitionBy: [Expression] = []
    public var orderBy: [OrderTerm] = []
    /// The frame as written; nil for the default (RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, which is
    /// the whole partition when there is no ORDER BY, since every row is then a peer of every other).
    public var frame: WindowFrame?

    public init(partitionBy: [Expression] = [], orderBy: [OrderTerm] = [], frame: WindowFrame? = nil) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

/// `ROWS|RANGE BETWEEN start AND end` (or `ROWS start`, which ends at the current row).
public struct WindowFrame: Equatable, Sendable {
    /// ROWS counts rows; RANGE (with the bounds Aurum takes: UNBOUNDED or CURRENT ROW) counts the current row's
    /// peers (rows equal on the ORDER BY keys) as the current row.
    public enum Unit: String, Equatable, Sendable { case rows = "ROWS", range = "RANGE" }

    public var unit: Unit
    public var start: FrameBound
    public var end: FrameBound
    /// Where the frame clause starts in the query text.
    public var offset: Int

    public init(unit: Unit, start: FrameBound, end: FrameBound, offset: Int) {
        self.unit = unit
        self.start = start
        self.end = end
        self.offset = offset
    }
}

/// One bound of a window frame.
public enum FrameBound: Equatable, Sendable {
    case unboundedPreceding
    /// `n PRECEDING`.
    case preceding(Int64)
    case currentRow
    /// `n FOLLOWING`.
    case following(Int64)
    case unboundedFollowing

    /// The bound as SQL text.
    public var sql: String {
        switch self {
        case .unboundedPreceding: "UNBOUNDED PRECEDING"
        case .preceding(let rows): "\(rows) PRECEDING"
        case .currentRow: "CURRENT ROW"
        case .following(let rows): "\(rows) FOLLOWING"
        case .unboundedFollowing: "UNBOUNDED FOLLOWING"
        }
    }
}
