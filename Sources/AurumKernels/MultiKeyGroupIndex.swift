/// Maps rows keyed by several columns of dense codes to dense group ids 0, 1, 2, … in first-seen order: the
/// hash half of a multi-column GROUP BY once each column's values are coded (see ``GroupIndex`` for one key).
///
/// Each row's codes are packed into one integer, a bit field per key just wide enough for the codes so far,
/// and looked up in a direct table when the packed space is small (at most 2^``directBits`` slots) or else in
/// one ``GroupIndex``. One pass and one lookup per row, whatever the number of keys. When a key's codes outgrow
/// its field, the fields widen and the known groups are entered again in id order, so their ids never change.
/// Should the fields need more than `maxBits` bits in all, keys are combined pairwise instead: the first two
/// keys' codes to an id, that id and the third key's code to the next, and so on.
public struct MultiKeyGroupIndex: Sendable {
    /// Packed spaces up to 2^20 slots (4 MiB of ids) are looked up directly.
    public static let directBits = 20

    private let keyCount: Int
    private let maxBits: Int
    /// Packed widths up to which the direct table is used (``directBits`` unless told otherwise).
    private let directLimit: Int
    /// Bits of each key's field; key 0 is the lowest.
    private var widths: [Int]
    /// Direct mode: the id at each packed key (`UInt32.max`: none).
    private var table: [UInt32] = []
    /// Hashed mode.
    private var hashed: GroupIndex?
    /// Pairwise mode (after the fields outgrew `maxBits`): level `l` combines the id so far with key `l + 1`.
    private var chain: [GroupIndex]?
    /// Direct mode: each group's packed key, in id order (the hashed mode's index keeps its own).
    private var packedKeys: [UInt64] = []
    private var scratch: [UInt64] = []

    /// The number of groups seen.
    public private(set) var count = 0

    /// An index over `keyCount` (at least 2) keys; `maxBits` caps the packed width (64, smaller in tests);
    /// `directBits` the packed width looked up directly (smaller for an index expected to hold few groups, whose
    /// direct table would cost more to clear than it saves).
    public init(keyCount: Int, maxBits: Int = 64, directBits: Int = MultiKeyGroupIndex.directBits) {
        precondition(keyCount >= 2 && maxBits <= 64 && directBits <= MultiKeyGroupIndex.directBits)
        self.keyCount = keyCount
        self.maxBits = maxBits
        directLimit = directBits
        widths = [Int](repeating: 0, count: keyCount)
        table = [UInt32.max]
    }

    /// Fills `groups[row]` with the group id of the row whose key codes are `codes[k][row]`, adding new groups;
    /// `limits[k]` bounds key `k`'s codes (every code is below it).
    public mutating func ids(codes: [[UInt32]], limits: [UInt32], rowCount: Int, into groups: inout [UInt32]) {
        precondition(codes.count == keyCount && limits.count == keyCount && groups.count >= rowCount)
        guard fieldShifts(limits: limits) != nil else {
            chainedIDs(codes: codes, rowCount: rowCount, into: &groups)
            return
        }
        pack(codes, rowCount: rowCount)
        let packed = scratch
        packed.withUnsafeBufferPointer { packed in
            groups.withUnsafeMutableBufferPointer { ids(packed: UnsafeBufferPointer(rebasing: packed[0..<rowCount]), into: $0) }
        }
    }

    /// Readies the index for codes below `limits[k]` (key `k`), widening the fields if they must, and gives the
    /// bit offset of each key's field in a packed key (for ``ids(packed:into:)``); nil once the fields have
    /// outgrown 64 bits (then only ``ids(codes:limits:rowCount:into:)`` takes rows, key by key).
    public mutating func fieldShifts(limits: [UInt32]) -> [Int]? {
        precondition(limits.count == keyCount)
        if chain == nil {
            let needed = limits.map { Self.width(of: $0) }
            if zip(needed, widths).contains(where: { $0 > $1 }) {
                widen(to: Self.widths(needed: needed, current: widths, direct: directLimit, maxBits: maxBits))
            }
        }
        guard chain == nil else { return nil }
        var shift = 0
        return widths.map { width in
            defer { shift += width }
            return shift
        }
    }

    /// Fills `groups[row]` with the group id of packed key `packed[row]` (each key's code at its offset from
    /// ``fieldShifts(limits:)``, every code below the limits given there), adding new groups.
    public mutating func ids(packed: UnsafeBufferPointer<UInt64>, into groups: UnsafeMutableBufferPointer<UInt32>) {
        precondition(chain == nil && groups.count >= packed.count, "fieldShifts(limits:) first")
        if hashed != nil {
            hashed!.ids(of: packed, into: groups)
            count = hashed!.count
            return
        }
        var next = UInt32(count)
        table.withUnsafeMutableBufferPointer { table in
            for row in 0..<packed.count {
                let key = Int(truncatingIfNeeded: packed[row])
                var id = table[key]
                if id == UInt32.max {
                    id = next
                    table[key] = id
                    next += 1
                    packedKeys.append(packed[row])
                }
                groups[row] = id
            }
        }
        count = Int(next)
    }

    /// The group id of each packed key (as ``ids(packed:into:)`` takes them) already seen, `UInt32.max` for the
    /// others, adding nothing: read from the direct table, or looked up on every core in the hashed one; nil in
    /// pairwise mode.
    public func existingIDs(packed: UnsafeBufferPointer<UInt64>) -> [UInt32]? {
        guard chain == nil else { return nil }
        return [UInt32](unsafeUninitializedCapacity: packed.count) { ids, written in
            if let hashed {
                hashed.existingIDsOnEveryCore(of: packed, into: ids)
            } else {
                table.withUnsafeBufferPointer { table in
                    for row in 0..<packed.count { ids[row] = table[Int(truncatingIfNeeded: packed[row])] }
                }
            }
            written = packed.count
        }
    }

    /// The codes of groups `range` (ids), by key: their packed keys taken apart (not in pairwise mode, which
    /// keeps no packed keys).
    public func keyCodes(ofGroups range: Range<Int>) -> [[UInt32]] {
        precondition(chain == nil, "packed keys only")
        let keys = hashed?.groupKeys ?? packedKeys
        var shift = UInt64(0)
        return widths.map { width in
            defer { shift += UInt64(width) }
            let mask = width == 0 ? 0 : (UInt64.max >> UInt64(64 - width))
            return keys[range].map { UInt32(truncatingIfNeeded: ($0 >> shift) & mask) }
        }
    }

    /// Bits a field is given when `needed` outgrows `current`: exactly what it needs while the packed keys are
    /// looked up directly (a wider field would make the direct table larger, or leave it), else ``headroomBits``
    /// more for each field that widens, when all still fit in `maxBits`. Each widening enters every group known
    /// again: codes handed out as rows come (a sorted scan meets new campaigns and weeks month after month) would
    /// otherwise widen a field at every power of two of its codes, entering up to ~400K groups each time for a
    /// worker of the weekly KPIs.
    static func widths(needed: [Int], current: [Int], direct: Int, maxBits: Int) -> [Int] {
        let exact = zip(needed, current).map { max($0, $1) }
        guard exact.reduce(0, +) > direct else { return exact }
        let roomy = zip(exact, current).map { width, was in width > was ? width + headroomBits : width }
        return roomy.reduce(0, +) <= maxBits ? roomy : exact
    }

    /// Bits added to a field that widens once the keys are hashed (``widths(needed:current:direct:maxBits:)``):
    /// its codes can grow eightfold before it widens again.
    static let headroomBits = 3

    /// Bits a field needs for codes below `limit`.
    private static func width(of limit: UInt32) -> Int {
        limit <= 1 ? 0 : UInt32.bitWidth - (limit - 1).leadingZeroBitCount
    }

    /// `scratch[row]`: row `row`'s codes packed by the current widths.
    private mutating func pack(_ codes: [[UInt32]], rowCount: Int) {
        if scratch.count < rowCount { scratch = [UInt64](repeating: 0, count: rowCount) }
        var shift = 0
        scratch.withUnsafeMutableBufferPointer { packed in
            if keyCount == 3 {
                // The common case of three keys (source, account, campaign) in one pass.
                let (by1, by2) = (UInt64(widths[0]), UInt64(widths[0] + widths[1]))
                codes[0].withUnsafeBufferPointer { first in
                    codes[1].withUnsafeBufferPointer { second in
                        codes[2].withUnsafeBufferPointer { third in
                            for row in 0..<rowCount {
                                packed[row] = UInt64(first[row]) | UInt64(second[row]) << by1 | UInt64(third[row]) << by2
                            }
                        }
                    }
                }
                return
            }
            for key in 0..<keyCount {
                codes[key].withUnsafeBufferPointer { codes in
                    if key == 0 {
                        for row in 0..<rowCount { packed[row] = UInt64(codes[row]) }
                    } else {
                        let by = UInt64(shift)
                        for row in 0..<rowCount { packed[row] |= UInt64(codes[row]) << by }
                    }
                }
                shift += widths[key]
            }
        }
    }

    /// Re-lays the fields at `newWidths` and enters the known groups again, in id order.
    private mutating func widen(to newWidths: [Int]) {
        let known = unpackedKeys()
        widths = newWidths
        let total = newWidths.reduce(0, +)
        packedKeys = []
        count = 0
        if total > maxBits {
            chain = (1..<keyCount).map { _ in GroupIndex(capacity: max(1024, known.first?.count ?? 0)) }
            table = []
            hashed = nil
        } else if total <= directLimit {
            table = [UInt32](repeating: UInt32.max, count: 1 << total)
            hashed = nil
        } else {
            table = []
            hashed = GroupIndex(capacity: max(1024, known.first?.count ?? 0))
        }
        guard let rows = known.first?.count, rows > 0 else { return }
        var groups = [UInt32](repeating: 0, count: rows)
        ids(codes: known, limits: newWidths.map { _ in 0 }, rowCount: rows, into: &groups)
        assert(groups.elementsEqual(0..<UInt32(rows)), "known groups keep their ids")
    }

    /// The codes of every known group, by key (direct and hashed modes).
    private func unpackedKeys() -> [[UInt32]] { keyCodes(ofGroups: 0..<count) }

    /// Pairwise mode: ids through one ``GroupIndex`` per key after the first.
    private mutating func chainedIDs(codes: [[UInt32]], rowCount: Int, into groups: inout [UInt32]) {
        if scratch.count < rowCount { scratch = [UInt64](repeating: 0, count: rowCount) }
        codes[0].withUnsafeBufferPointer { first in
            groups.withUnsafeMutableBufferPointer { groups in
                for row in 0..<rowCount { groups[row] = first[row] }
            }
        }
        for level in 1..<keyCount {
            scratch.withUnsafeMutableBufferPointer { combined in
                codes[level].withUnsafeBufferPointer { codes in
                    groups.withUnsafeBufferPointer { groups in
                        for row in 0..<rowCount { combined[row] = UInt64(groups[row]) << 32 | UInt64(codes[row]) }
                    }
                }
                groups.withUnsafeMutableBufferPointer {
                    chain![level - 1].ids(of: UnsafeBufferPointer(rebasing: combined[0..<rowCount]), into: $0)
                }
            }
        }
        count = chain![keyCount - 2].count
    }
}
