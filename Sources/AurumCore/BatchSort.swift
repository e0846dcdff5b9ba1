/// Sorting the rows of a batch by some of its columns, each ascending or descending with NULLs first or last;
/// text by UTF-8 bytes (as DuckDB and BigQuery compare strings, and as the contract compares ids).
public enum BatchSort {
    /// One sort key: a column, its direction and where its NULLs go.
    public struct Key: Sendable {
        public var column: Int
        public var descending: Bool
        /// DuckDB's default is false: NULLs last whatever the direction.
        public var nullsFirst: Bool

        public init(column: Int, descending: Bool = false, nullsFirst: Bool = false) {
            self.column = column
            self.descending = descending
            self.nullsFirst = nullsFirst
        }
    }

    /// The row order that sorts `batch` by `keys`; stable, so rows equal on every key keep their input order.
    ///
    /// Each key of a row is first turned into an integer whose unsigned order is the key's order, direction
    /// and NULL placement included. When all of them and the row number fit in one 64-bit word together, the
    /// rows sort as plain integers; otherwise each key is laid out as two words, its NULL rank and its value,
    /// and rows compare as runs of words. Either way: no enum switch, no reference counting per comparison.
    ///
    /// With `limit`, only the first `limit` rows of that order are returned; when they are few, the rest are
    /// never sorted (a heap keeps the best so far, comparing rows in place: ``firstRows(_:keys:limit:)``). A large
    /// sort runs on every core (``Parallel/sort(_:workers:by:)``); its order is a total one, so the result is the
    /// same on one core.
    public static func order(_ batch: Batch, keys: [Key], limit: Int? = nil) -> [Int] {
        if let limit, limit * 8 < batch.rowCount { return firstRows(batch, keys: keys, limit: limit) }
        let ordered = zip(orderedValues(batch, keys), keys).map { (values: $0, key: $1) }
        func first(_ order: [Int]) -> [Int] { limit.map { Array(order.prefix($0)) } ?? order }
        if let order = packedOrder(ordered.map { ($0.values, batch.columns[$0.key.column].validity, $0.key) }, rowCount: batch.rowCount) {
            return first(order)
        }
        if ordered.count == 1 {
            return first(singleKeyOrder(ordered[0].values, validity: batch.columns[ordered[0].key.column].validity, ordered[0].key))
        }
        let width = 2 * keys.count
        var words = [UInt64](repeating: 0, count: batch.rowCount * width)
        for (position, (values, key)) in ordered.enumerated() {
            lay(values, validity: batch.columns[key.column].validity, key, into: &words, width: width, at: 2 * position)
        }
        return words.withUnsafeBufferPointer { words in
            // Ties broken by row number: a total order, so the (unstable) sort gives the stable result.
            func precedes(_ left: Int, _ right: Int) -> Bool {
                let (a, b) = (left * width, right * width)
                for word in 0..<width where words[a + word] != words[b + word] { return words[a + word] < words[b + word] }
                return left < right
            }
            var order = Array(0..<batch.rowCount)
            Parallel.sort(&order, by: precedes)
            return first(order)
        }
    }

    /// The first `limit` rows in ``order(_:keys:limit:)``'s order, when they are few: a heap of the best so far,
    /// comparing two rows key by key where they stand, text by its bytes and only where the keys before tie. No
    /// text column's dictionary is sorted into ranks and no key is laid out for every row: a top 10 of 70K
    /// groups by a ratio, then three ids, compares the ids of a few tied rows at most.
    private static func firstRows(_ batch: Batch, keys: [Key], limit: Int) -> [Int] {
        smallest(limit, of: batch.rowCount, by: rowsPrecede(batch, keys: keys))
    }

    /// The first `first` and the last `last` rows in ``order(_:keys:limit:)``'s order, in that order: what a table
    /// that shows the two ends of a long sorted result needs (``ShownRows``). When they are few, the rest are never
    /// sorted: the first come from a heap as ``firstRows(_:keys:limit:)``'s do, the last from one under the
    /// reverse order. Every row, in order, when there are no more than `first + last`.
    public static func ends(_ batch: Batch, keys: [Key], first: Int, last: Int) -> [Int] {
        precondition(first >= 0 && last >= 0, "rows at each end")
        let count = batch.rowCount
        guard first + last < count else { return order(batch, keys: keys) }
        guard (first + last) * 8 < count else {
            let all = order(batch, keys: keys)
            return Array(all.prefix(first) + all.suffix(last))
        }
        let precedes = rowsPrecede(batch, keys: keys)
        return smallest(first, of: count, by: precedes) + smallest(last, of: count) { precedes($1, $0) }.reversed()
    }

    /// Whether a row of `batch` comes before another in ``order(_:keys:limit:)``'s order: key by key where they
    /// stand (``RowComparer``), then by row number.
    private static func rowsPrecede(_ batch: Batch, keys: [Key]) -> (Int, Int) -> Bool {
        let comparers = keys.map { RowComparer(batch.columns[$0.column], $0) }
        return { left, right in
            for comparer in comparers {
                let order = comparer.compare(left, right)
                if order != 0 { return order < 0 }
            }
            return left < right
        }
    }

    /// One sort key of a batch, comparing two of its rows in place (-1, 0 or 1) in the order ``order(_:keys:limit:)``
    /// gives: NULLs first or last whatever the direction, equal values equal (text by bytes, -0.0 and 0.0).
    private struct RowComparer {
        let validity: [UInt8]?
        let nullsFirst: Bool
        let descending: Bool
        /// Each row's ordered value (``orderedValues(_:_:)``), for keys other than text.
        let values: [UInt64]
        /// Text: each row's dictionary entry, and the entries: their Strings when made, else their bytes (so
        /// that a column of shared entries not made yet makes no String).
        let isText: Bool
        let codes: [UInt32]
        let strings: [String]
        let packed: PackedUTF8?

        init(_ column: Column, _ key: Key) {
            validity = column.validity
            nullsFirst = key.nullsFirst
            descending = key.descending
            if case .string(let text) = column {
                (isText, values, codes) = (true, [], text.codes)
                if let made = text.madeDictionary {
                    (strings, packed) = (made, nil)
                } else {
                    (strings, packed) = ([], text.shared!.packedEntries)
                }
            } else {
                (isText, values, codes, strings, packed) = (false, BatchSort.orderedValues(column, key), [], [], nil)
            }
        }

        @inline(__always)
        func compare(_ left: Int, _ right: Int) -> Int {
            if let validity {
                let (leftNull, rightNull) = (validity[left] == 0, validity[right] == 0)
                if leftNull || rightNull {
                    if leftNull == rightNull { return 0 }
                    return leftNull == nullsFirst ? -1 : 1
                }
            }
            if !isText {
                let (a, b) = (values[left], values[right])  // (direction already applied)
                return a == b ? 0 : (a < b ? -1 : 1)
            }
            let (a, b) = (codes[left], codes[right])
            if a == b { return 0 }
            let order = packed?.compare(Int(a), Int(b)) ?? ExactText.compare(strings[Int(a)], strings[Int(b)])
            return order == 0 ? 0 : (order < 0) != descending ? -1 : 1
        }
    }

    /// The `limit` first of rows `0..<count` under the total order `precedes`, in that order: a max-heap of the
    /// best so far, which most rows only compare against its top.
    private static func smallest(_ limit: Int, of count: Int, by precedes: (Int, Int) -> Bool) -> [Int] {
        guard limit > 0 else { return [] }
        var heap: [Int] = []  // heap[0] is the worst kept
        heap.reserveCapacity(limit)
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let (left, right) = (2 * parent + 1, 2 * parent + 2)
                var worst = parent
                if left < heap.count && precedes(heap[worst], heap[left]) { worst = left }
                if right < heap.count && precedes(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for row in 0..<count {
            if heap.count < limit {
                heap.append(row)
                var child = heap.count - 1
                while child > 0, precedes(heap[(child - 1) / 2], heap[child]) {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if precedes(row, heap[0]) {
                heap[0] = row
                siftDown(0)
            }
        }
        return heap.sorted(by: precedes)
    }

    /// The order from one word per row, when it fits: the keys packed (``packed(_:rowCount:spareBits:)``), then
    /// the row number, which breaks ties. Nil when the bits do not fit in 64.
    private static func packedOrder(_ keys: [(values: [UInt64], validity: [UInt8]?, key: Key)], rowCount: Int) -> [Int]? {
        guard rowCount > 1 else { return Array(0..<rowCount) }
        let rowBits = bitsFor(rows: rowCount)
        guard let (words, widths) = packed(keys, rowCount: rowCount, spareBits: rowBits) else { return nil }
        let keyBits = widths.reduce(0, +)
        var ordered = words.enumerated().map { row, word in word << UInt64(rowBits) | UInt64(row) }
        RadixSort.sort(&ordered, bits: keyBits + rowBits, sortedBits: rowBits)  // (distinct words: the serial sort's order)
        let rowMask = rowBits == UInt64.bitWidth ? UInt64.max : (1 << UInt64(rowBits)) - 1
        return ordered.map { Int($0 & rowMask) }
    }

    /// The bits that number `rows` rows (`0 ..< rows`).
    public static func bitsFor(rows: Int) -> Int {
        rows > 1 ? UInt64.bitWidth - UInt64(rows - 1).leadingZeroBitCount : 0
    }

    /// Each row's `keys` packed into one word whose unsigned order is the keys' order (the first key in the
    /// highest bits), with `spareBits` bits left free above them for the caller (the row number, shifted in
    /// below): each key's value less the smallest, plus 1, in as many bits as its range needs (0 or the range's
    /// top for NULL, as it sorts first or last). Rows equal on a key have equal bits there, NULL equal to NULL.
    /// Nil when the keys and `spareBits` do not fit in 64 bits; else the words and each key's field width
    /// (highest first), whose sum is the bits the keys take.
    public static func packedKeys(_ batch: Batch, keys: [Key], spareBits: Int) -> (words: [UInt64], widths: [Int])? {
        packed(zip(orderedValues(batch, keys), keys).map { ($0, batch.columns[$1.column].validity, $1) },
               rowCount: batch.rowCount, spareBits: spareBits)
    }

    /// Rows from which a sort's setup (each key's ordered values, the packing of its words) runs on every core.
    private static let parallelSetupRows = 1 << 14

    /// Each key's ordered values (``orderedValues(_:_:)``), the keys at once on several cores for a large batch.
    private static func orderedValues(_ batch: Batch, _ keys: [Key]) -> [[UInt64]] {
        guard keys.count > 1, batch.rowCount >= parallelSetupRows, Parallel.threadCount > 1 else {
            return keys.map { orderedValues(batch.columns[$0.column], $0) }
        }
        return Parallel.map(keys.count) { index in orderedValues(batch.columns[keys[index].column], keys[index]) }
    }

    /// ``packedKeys(_:keys:spareBits:)`` over the keys' ordered values.
    private static func packed(
        _ keys: [(values: [UInt64], validity: [UInt8]?, key: Key)], rowCount: Int, spareBits: Int
    ) -> (words: [UInt64], widths: [Int])? {
        var fields: [(low: UInt64, nullCode: UInt64, bits: Int)] = []
        var total = spareBits
        for (values, validity, key) in keys {
            // (Every row NULL: any range will do.)
            let (low, high) = values.withUnsafeBufferPointer { nonNullRange($0, validity: validity) } ?? (0, 0)
            guard high - low < UInt64.max - 2 else { return nil }
            let top = high - low + 2  // values take 1 ... top - 1; NULL 0 or top
            let bits = UInt64.bitWidth - top.leadingZeroBitCount
            total += bits
            guard total <= UInt64.bitWidth else { return nil }
            fields.append((low, key.nullsFirst ? 0 : top, bits))
        }
        var words = [UInt64](repeating: 0, count: rowCount)
        // Large batches are packed on every core, each worker its own range of rows.
        let workers = rowCount >= parallelSetupRows ? Parallel.threadCount : 1
        words.withUnsafeMutableBufferPointer { words in
            Parallel.forEachWorker(workers) { worker in
                let rows = rowCount * worker / workers..<rowCount * (worker + 1) / workers
                for ((values, validity, _), field) in zip(keys, fields) {
                    values.withUnsafeBufferPointer { values in
                        let shift = UInt64(field.bits)
                        guard let validity else {
                            for row in rows { words[row] = words[row] << shift | (values[row] &- field.low &+ 1) }
                            return
                        }
                        for row in rows {
                            words[row] = words[row] << shift | (validity[row] == 0 ? field.nullCode : values[row] &- field.low &+ 1)
                        }
                    }
                }
            }
        }
        return (words, fields.map(\.bits))
    }

    /// The order by one key whose values span too much to pack with the row number (a double, say): the
    /// non-NULL rows sorted by value, ties in row order (``RadixSort/stableOrder(keys:rows:)``), the NULL rows in
    /// input order before or after them.
    private static func singleKeyOrder(_ values: [UInt64], validity: [UInt8]?, _ key: Key) -> [Int] {
        guard let validity else { return RadixSort.stableOrder(keys: values, rows: Array(values.indices)) }
        var keys: [UInt64] = []
        var rows: [Int] = []
        keys.reserveCapacity(values.count)
        rows.reserveCapacity(values.count)
        var nulls: [Int] = []
        for row in values.indices {
            if validity[row] == 0 {
                nulls.append(row)
            } else {
                keys.append(values[row])
                rows.append(row)
            }
        }
        let sorted = RadixSort.stableOrder(keys: keys, rows: rows)
        return key.nullsFirst ? nulls + sorted : sorted + nulls
    }

    /// Each row's value of `column` as an integer whose unsigned order is the values' ascending order: equal
    /// values (text by bytes, -0.0 and 0.0) give equal integers (anything for NULL rows). What window functions
    /// compare rows by (peers, partitions, min and max).
    public static func orderedKeys(_ column: Column) -> [UInt64] {
        orderedValues(column, Key(column: 0))
    }

    /// Each row's value of `column` as an integer whose unsigned order is `key`'s order, direction included
    /// (anything for NULL rows).
    private static func orderedValues(_ column: Column, _ key: Key) -> [UInt64] {
        let flip: UInt64 = key.descending ? .max : 0
        let signBit: UInt64 = 1 << 63
        switch column {
        case .int64(let c): return c.values.map { UInt64(bitPattern: $0) ^ signBit ^ flip }
        case .date(let c): return c.values.map { UInt64(bitPattern: Int64($0)) ^ signBit ^ flip }
        case .bool(let c): return c.values.map { UInt64($0) ^ flip }
        case .double(let c): return c.values.map { orderedBits($0) ^ flip }
        case .string(let c):
            let ranks = c.byteOrderRanks
            // (A NULL row's code may point nowhere: an all-NULL column has an empty dictionary.)
            return c.codes.map { Int($0) < ranks.count ? UInt64(ranks[Int($0)]) ^ flip : 0 }
        }
    }

    /// Writes one key of every row into `words` at word `offset` of each row: a NULL rank (NULLs before
    /// values, 0 < 1, or after them, 1 < 2) and its ordered value (0 for NULL).
    private static func lay(_ values: [UInt64], validity: [UInt8]?, _ key: Key, into words: inout [UInt64], width: Int, at offset: Int) {
        let nullRank: UInt64 = key.nullsFirst ? 0 : 2
        words.withUnsafeMutableBufferPointer { words in
            for row in values.indices {
                let isNull = validity.map { $0[row] == 0 } ?? false
                words[row * width + offset] = isNull ? nullRank : 1
                words[row * width + offset + 1] = isNull ? 0 : values[row]
            }
        }
    }

    /// A double's bits arranged so that unsigned order is DuckDB's order: -inf … -0.0 = 0.0 … +inf, then NaN.
    private static func orderedBits(_ value: Double) -> UInt64 {
        let canonical = value.isNaN ? Double.nan : (value == 0 ? 0.0 : value)
        let bits = canonical.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The row order that sorts `batch` ascending, NULLs last, by the columns named.
    public static func order(_ batch: Batch, by columns: [String]) -> [Int] {
        order(batch, keys: columns.compactMap { batch.schema.index(of: $0) }.map { Key(column: $0) })
    }

    /// `batch` sorted ascending, NULLs last, by the columns named.
    public static func sorted(_ batch: Batch, by columns: [String]) -> Batch {
        batch.gather(order(batch, by: columns))
    }
}

extension StringColumn {
    /// For each dictionary code, the rank of its text in UTF-8 byte order (equal text, equal rank).
    /// Entries whose Strings are not made yet are ranked from their bytes in the shared dictionary, making none.
    public var byteOrderRanks: [Int] {
        let packed = madeDictionary.map { PackedUTF8($0, at: Array($0.indices)) } ?? shared!.packedEntries
        let sorted = packed.byteOrder()
        var ranks = [Int](repeating: 0, count: packed.count)
        var rank = 0
        for (position, entry) in sorted.enumerated() {
            if position > 0 && !packed.sameBytes(sorted[position - 1], entry) { rank += 1 }
            ranks[entry] = rank
        }
        return ranks
    }
}
