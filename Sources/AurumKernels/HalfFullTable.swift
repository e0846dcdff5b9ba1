/// An open-addressing hash table kept at most half full (``GroupIndex``, ``KeySet``): its batch loops take rows
/// in runs short enough that the table cannot pass half full inside one, so a run probes raw memory with no
/// capacity checks.
@usableFromInline
protocol HalfFullTable {
    /// The slots, a power of two.
    var slotCount: Int { get }
    /// The keys held.
    var keyCount: Int { get }
    /// Doubles the slots and enters every key again.
    mutating func grow()
}

extension HalfFullTable {
    /// Hands `body` the rows `0..<count` in runs, in order, each no longer than the keys the table can still take
    /// without passing half full (a row adds at most one key), growing the table before a run when it has no room.
    @inlinable
    mutating func forEachRun(of count: Int, _ body: (inout Self, Range<Int>) -> Void) {
        var start = 0
        while start < count {
            if slotCount / 2 - keyCount <= 0 { grow() }
            let end = min(count, start + slotCount / 2 - keyCount)
            body(&self, start..<end)
            start = end
        }
    }
}
