import CAurumPrefetch

/// The row of a run that holds each dedup key (contract rule 5), for ``SilverRowsBuilder``.
///
/// Rows are numbered in the order they are added, and each row's key is kept by row. Open addressing with
/// linear probing over 8-byte slots, each 32 bits of the key's hash and the row (plus one; 0 is empty), grown
/// at 3/4 load: a probe reads consecutive slots, eight to a cache line, and a slot whose hash bits match is
/// confirmed by comparing its row's key. Against `Dictionary<SilverKey, Int>` this is less memory and one
/// cache miss per row rather than several, with no `Hasher`; at ten million rows the table is far bigger
/// than the caches.
struct DedupIndex {
    private var slots = [UInt64](repeating: 0, count: 1 << 10)
    /// The key of each row.
    private var keys: [SilverKey] = []
    /// The keys held.
    private(set) var count = 0

    /// Room for `rows` rows in all without growing: the table is sized for them at once (no rehash as it fills).
    mutating func reserveCapacity(_ rows: Int) {
        keys.reserveCapacity(rows)
        var size = slots.count
        while size * 3 < rows * 4 { size <<= 1 }
        if size > slots.count { resize(to: size) }
    }

    /// Adds the next row, with `key`, and makes it the holder of `key`; returns the row that held it before,
    /// if any.
    mutating func add(_ key: SilverKey) -> Int? { add(key, tag: Self.hash(key)) }

    /// Adds the next rows, with `keys`, in order: what ``add(_:)`` on each in turn gives. Their slots are
    /// prefetched before any is probed, so that the cache misses of a page's rows overlap instead of coming one
    /// after another.
    mutating func add(contentsOf keys: [SilverKey]) -> [Int?] {
        let tags = keys.map(Self.hash)
        slots.withUnsafeBufferPointer { slots in
            for tag in tags { aurum_prefetch(slots.baseAddress! + (Int(tag) & (slots.count - 1))) }
        }
        return zip(keys, tags).map { add($0, tag: $1) }
    }

    private mutating func add(_ key: SilverKey, tag: UInt32) -> Int? {
        let row = keys.count
        precondition(row < Int(UInt32.max), "a run holds fewer than 2^32 rows")
        keys.append(key)
        let (slot, previous) = probe(key, tag: tag)
        slots[slot] = UInt64(tag) << 32 | UInt64(row + 1)
        if previous == nil {
            count += 1
            if count * 4 > slots.count * 3 { resize(to: slots.count * 2) }
        }
        return previous
    }

    /// The row holding `key`, if any.
    func row(of key: SilverKey) -> Int? { probe(key, tag: Self.hash(key)).holder }

    /// The slot holding `key` (whose hash bits are `tag`) and its row, or the empty slot where it would go.
    private func probe(_ key: SilverKey, tag: UInt32) -> (slot: Int, holder: Int?) {
        slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                let mask = slots.count - 1
                var slot = Int(tag) & mask
                while slots[slot] != 0 {
                    let held = slots[slot]
                    if UInt32(truncatingIfNeeded: held >> 32) == tag {
                        let holder = Int(UInt32(truncatingIfNeeded: held)) - 1
                        if keys[holder] == key { return (slot, holder) }
                    }
                    slot = (slot + 1) & mask
                }
                return (slot, nil)
            }
        }
    }

    /// Moves the slots to a table of `size`; a slot's home is its hash bits under the mask, so nothing is
    /// hashed again.
    private mutating func resize(to size: Int) {
        var resized = [UInt64](repeating: 0, count: size)
        resized.withUnsafeMutableBufferPointer { resized in
            let mask = resized.count - 1
            for held in slots where held != 0 {
                var slot = Int(UInt32(truncatingIfNeeded: held >> 32)) & mask
                while resized[slot] != 0 { slot = (slot + 1) & mask }
                resized[slot] = held
            }
        }
        slots = resized
    }

    /// 32 bits of a multiply-xor hash of the key's fields (MurmurHash3's fmix64 to finish).
    private static func hash(_ key: SilverKey) -> UInt32 {
        var hash = (UInt64(key.source) << 32 | UInt64(key.account)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= UInt64(key.ad) << 32 | UInt64(UInt32(bitPattern: key.date))
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return UInt32(truncatingIfNeeded: hash)
    }
}
