import AurumCore
import AurumKernels

/// The build side of a hash join (``HashJoinOperator``), built once per run and then read by every probe worker
/// at once: the build rows chained by key (`first[key]`, then `next[row]`, in row order), and the way a row's
/// key values become that key.
///
/// Each key column is coded by a ``KeyEncoder`` (text once per dictionary entry — through the shared codes when
/// the column is stored — small integer ranges through a direct table, other values through a hash index). The
/// codes of several keys fold left to right into one dense key: by arithmetic (`so far × count + code`) while
/// the key space stays small (``directSlots(buildRows:)``), else through a hash index of the pairs the build side
/// holds. So a join on dictionary-coded text costs a table lookup per dictionary entry and an add and a
/// multiply per row, with no hash per row.
///
/// A probe codes its rows through its own copy of ``encoders``: a value the build side never held gets a code
/// at or past the build's count, which matches nothing, and a probe never adds to the table, so the workers
/// share it without locks. NULL keys match nothing: a build row with a NULL key is never chained, so whatever
/// key a NULL codes to has no rows.
struct JoinHashTable: Sendable {
    /// How one more key's code folds into the key of the keys before it.
    private enum Fold: Sendable {
        /// `so far × count + code`, the codes being below `count`.
        case arithmetic(count: Int)
        /// The id of the pair (so far, code) among the pairs the build side holds.
        case hashed(GroupIndex)
    }

    /// A row's key matches no build row (a NULL, or a value the build side does not hold).
    static let noMatch = -1

    /// Each key's encoder as the build side left it: a probe worker codes through a copy of its own.
    let encoders: [KeyEncoder]
    /// How many codes each key's encoder had given after the build side: a probe code at or past it is a value
    /// the build side never held.
    private let counts: [Int]
    private let folds: [Fold]
    /// The first build row of each key (``noMatch``: none), and the next build row of the same key after each row.
    private let first: [Int]
    private let next: [Int]
    /// Whether some key is held by more than one build row (else every chain is one row long).
    let hasDuplicateKeys: Bool

    /// How many keys fold in through a hash index of pairs rather than by arithmetic (for tests).
    var hashedFoldCount: Int { folds.count { if case .hashed = $0 { true } else { false } } }

    /// Key spaces up to this many slots (and at least 2^16) are folded by arithmetic: a table of `first` this
    /// large costs no more than a few times the build side's own chains. (Below 2^31, so that a key and a code
    /// pack into the 64 bits a hashed fold looks up.)
    static func directSlots(buildRows: Int) -> Int { min(max(1 << 16, 4 * buildRows), 1 << 31) }

    /// The table of `batch`'s rows by `keys` (expressions over `batch`'s columns).
    init(keys: [BoundExpression], of batch: Batch) throws(QueryError) {
        precondition(!keys.isEmpty, "one key at least")
        var encoders = keys.map { KeyEncoder(type: $0.type) }
        let columns = try keys.map { key throws(QueryError) in try ExpressionEvaluator.evaluate(key, batch) }
        let codes = columns.indices.map { encoders[$0].codes(columns[$0]) }
        let counts = encoders.map { Int($0.count) }
        let rows = batch.rowCount
        var keyOfRow = codes[0].map(Int.init)
        // A row with a NULL in any key is never chained, nor entered in a hashed fold.
        for column in columns {
            guard let validity = column.validity else { continue }
            for row in 0..<rows where validity[row] == 0 { keyOfRow[row] = Self.noMatch }
        }
        var folds: [Fold] = []
        var space = counts[0]
        let directSlots = Self.directSlots(buildRows: rows)
        for key in 1..<keys.count {
            if counts[key] == 0 || space <= directSlots / counts[key] {
                folds.append(.arithmetic(count: counts[key]))
                Self.foldArithmetic(&keyOfRow, codes[key], count: counts[key])
                space *= counts[key]
            } else {
                var index = GroupIndex(capacity: rows)
                for row in 0..<rows where keyOfRow[row] != Self.noMatch {
                    keyOfRow[row] = Int(index.id(of: Self.pair(keyOfRow[row], codes[key][row])))
                }
                folds.append(.hashed(index))
                space = index.count
            }
        }
        var first = [Int](repeating: Self.noMatch, count: space)
        var next = [Int](repeating: Self.noMatch, count: rows)
        var hasDuplicateKeys = false
        for row in stride(from: rows - 1, through: 0, by: -1) {
            let key = keyOfRow[row]
            if key == Self.noMatch { continue }
            next[row] = first[key]
            hasDuplicateKeys = hasDuplicateKeys || next[row] != Self.noMatch
            first[key] = row
        }
        self.encoders = encoders
        self.counts = counts
        self.folds = folds
        self.first = first
        self.next = next
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    /// The 64-bit pair (key so far, next key's code) a hashed fold looks up.
    private static func pair(_ key: Int, _ code: UInt32) -> UInt64 { UInt64(key) << 32 | UInt64(code) }

    /// `keys[row] = keys[row] × count + codes[row]`, or ``noMatch`` where either is none (a code at or past
    /// `count`: a value the build side never held).
    private static func foldArithmetic(_ keys: inout [Int], _ codes: [UInt32], count: Int) {
        keys.withUnsafeMutableBufferPointer { keys in
            codes.withUnsafeBufferPointer { codes in
                for row in 0..<keys.count {
                    let code = Int(codes[row])
                    keys[row] = keys[row] == noMatch || code >= count ? noMatch : keys[row] &* count &+ code
                }
            }
        }
    }

    /// The first build row holding each row's key in `batch` (``noMatch`` where none does), the keys coded
    /// through `encoders` (a worker's own copy of ``encoders``, which learns the values it meets).
    func firstMatches(of keys: [BoundExpression], in batch: Batch, encoders: inout [KeyEncoder]) throws(QueryError) -> [Int] {
        precondition(keys.count == counts.count, "one expression per key")
        let rows = batch.rowCount
        var keyOfRow = [Int]()
        for index in keys.indices {
            let codes = encoders[index].codes(try ExpressionEvaluator.evaluate(keys[index], batch))
            if index == 0 {
                let count = counts[0]
                keyOfRow = codes.withUnsafeBufferPointer { codes in
                    [Int](unsafeUninitializedCapacity: rows) { keys, initialized in
                        for row in 0..<rows { keys[row] = Int(codes[row]) < count ? Int(codes[row]) : Self.noMatch }
                        initialized = rows
                    }
                }
                continue
            }
            switch folds[index - 1] {
            case .arithmetic(let count): Self.foldArithmetic(&keyOfRow, codes, count: count)
            case .hashed(let pairs):
                let count = counts[index]
                for row in 0..<rows where keyOfRow[row] != Self.noMatch {
                    let code = codes[row]
                    keyOfRow[row] = Int(code) < count ? pairs.existingID(of: Self.pair(keyOfRow[row], code)).map(Int.init) ?? Self.noMatch : Self.noMatch
                }
            }
        }
        // (A NULL's code, when the build side had one, is a key no build row was chained under.)
        first.withUnsafeBufferPointer { first in
            keyOfRow.withUnsafeMutableBufferPointer { keys in
                for row in 0..<rows where keys[row] != Self.noMatch { keys[row] = first[keys[row]] }
            }
        }
        return keyOfRow
    }

    /// How far the pairs of one probe batch have been made (``pairs(_:keepUnmatched:from:limit:)``).
    struct PairCursor {
        /// The probe row to go on with.
        var row = 0
        /// The build row to go on with in `row`'s chain; nil at the start of the row.
        var match: Int?
        /// Every pair is made.
        var finished = false
    }

    /// The pairs of rows a join makes from one probe batch's ``firstMatches(of:in:encoders:)``: each probe row
    /// with every build row of its key, in build order; a probe row without one is dropped, or, when
    /// `keepUnmatched` (LEFT JOIN), kept once beside ``noMatch``. `probe` is nil when it would be every probe
    /// row once, in order (each matched one build row), so that the probe side's columns need no gather.
    ///
    /// At most `limit` pairs at a time, from `cursor` on (which then says where the next call goes on):
    /// a key held by many build rows multiplies a batch's rows, and made all at once the pairs of one batch could
    /// outgrow memory, with no moment to answer Ctrl-C.
    func pairs(_ firstMatches: [Int], keepUnmatched: Bool, from cursor: inout PairCursor, limit: Int) -> (probe: [Int]?, build: [Int]) {
        precondition(limit > 0 && !cursor.finished)
        let rows = firstMatches.count
        if !hasDuplicateKeys {
            // Every chain is one row: the first matches are the build rows, at most one pair a probe row.
            cursor.finished = true
            if keepUnmatched { return (nil, firstMatches) }
            var matched = 0
            firstMatches.withUnsafeBufferPointer { firstMatches in
                for match in firstMatches where match != Self.noMatch { matched += 1 }
            }
            if matched == rows { return (nil, firstMatches) }
            var probe: [Int] = []
            var build: [Int] = []
            probe.reserveCapacity(matched)
            build.reserveCapacity(matched)
            for row in 0..<rows where firstMatches[row] != Self.noMatch {
                probe.append(row)
                build.append(firstMatches[row])
            }
            return (probe, build)
        }
        var probe: [Int] = []
        var build: [Int] = []
        probe.reserveCapacity(min(rows, limit))
        build.reserveCapacity(min(rows, limit))
        next.withUnsafeBufferPointer { next in
            while cursor.row < rows {
                if build.count >= limit { return }
                var match = cursor.match ?? firstMatches[cursor.row]
                if cursor.match == nil && match == Self.noMatch {
                    if keepUnmatched {
                        probe.append(cursor.row)
                        build.append(Self.noMatch)
                    }
                    cursor.row += 1
                    continue
                }
                while match != Self.noMatch {
                    if build.count >= limit {
                        cursor.match = match
                        return
                    }
                    probe.append(cursor.row)
                    build.append(match)
                    match = next[match]
                }
                cursor.match = nil
                cursor.row += 1
            }
            cursor.finished = true
        }
        return (probe, build)
    }
}
