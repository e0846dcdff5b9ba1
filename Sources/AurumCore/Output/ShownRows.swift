/// The rows a table shows of a long result: its first and its last rows, with a `·` row between them for those
/// left out (as DuckDB's CLI shows them). A result that only such a table will show need hold no more than
/// these: its other rows are never ordered or gathered (``BatchSort/ends(_:keys:first:last:)``).
public struct ShownRows: Sendable, Equatable {
    /// The rows shown from the start.
    public let first: Int
    /// The rows shown from the end.
    public let last: Int

    /// At most `maxRows` rows: the first half, rounded up, and the last.
    public init(atMost maxRows: Int) {
        precondition(maxRows >= 0, "rows shown at most")
        first = (maxRows + 1) / 2
        last = maxRows - first
    }

    /// The rows shown at most.
    public var count: Int { first + last }

    /// The rows to show of a result of `rowCount` rows, in order: all, or the first and the last with -1 between
    /// them (where the `·` row goes). With `held` (less than `rowCount`), the result's rows at hand are only
    /// these ends, the first and then the last, so they are numbered `0..<held`.
    public func positions(of rowCount: Int, held: Int? = nil) -> [Int] {
        guard rowCount > count else { return Array(0..<rowCount) }
        let end = held ?? rowCount
        return Array(0..<first) + [-1] + Array((end - last)..<end)
    }

    /// The rows shown of a result of `rowCount` rows, in order, without the `·` row.
    public func rows(of rowCount: Int) -> [Int] { positions(of: rowCount).filter { $0 >= 0 } }
}
