import CAurumPrefetch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense codes 0, 1, 2, … for strings in first-seen order, by their UTF-8 bytes (as ``ExactText`` compares):
/// the interning behind string dictionaries and text group keys.
///
/// Open addressing with linear probing over 8-byte slots, grown at 50% load. A slot holds 32 bits of the
/// string's hash (which also place it) and where its record starts in one contiguous arena: its code and length,
/// then its bytes; so a probe is a compare in the slot, then one `memcmp` in the arena: two cache misses at most
/// when the table outgrows the caches, with no `Hasher`, no reference counting and no allocation. (Eight bytes a
/// slot, not sixteen: a table of a million slots is 8 MiB to miss in, and to clear when it grows.) The hash reads
/// eight bytes at a time.
public struct TextInterner: Sendable {
    fileprivate struct Slot: Sendable {
        /// The low 32 bits of the hash: the home slot (under the table's mask) and a filter before `memcmp`.
        var tag: UInt32
        /// 1 + the offset in `bytes` of the string's record, in 4-byte words (records are aligned to 4 bytes);
        /// 0 for an empty slot, so an empty table is all zeros.
        var record: UInt32
        static let empty = Slot(tag: 0, record: 0)

        /// The record's offset in `bytes`: its code (4 bytes), its length (4 bytes), its UTF-8 bytes.
        var start: Int { Int(record &- 1) << 2 }
    }

    /// The strings, by code (empty when it keeps bytes only).
    public private(set) var strings: [String] = []
    private var slots: [Slot]
    /// The records, one a text: its code and length (4 bytes each), its UTF-8 bytes, zeros to a multiple of 4.
    private var bytes: [UInt8] = []
    /// Whether it keeps a String of each text, or only their bytes (``init(capacity:bytesOnly:)``).
    private let keepsStrings: Bool
    /// Where each code's record starts in `bytes`, when it keeps bytes only.
    private var starts: [Int] = []

    /// With `bytesOnly`, no String is kept (``strings`` stays empty): texts are added as bytes
    /// (``codes(ofEntries:bounds:admit:)``) and made into Strings only when asked (``string(of:)``).
    public init(capacity: Int = 16, bytesOnly: Bool = false) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: .empty, count: size)
        keepsStrings = !bytesOnly
    }

    public var count: Int { keepsStrings ? strings.count : starts.count }

    /// The code of `text`, adding it when new.
    public mutating func code(of text: String) -> UInt32 {
        Self.withBytes(of: text) { utf8 in
            let tag = UInt32(truncatingIfNeeded: Self.hash(utf8))
            return find(utf8, tag: tag) ?? insert(utf8, tag: tag, text: text)
        }
    }

    /// The code of each of `texts`, adding those that are new (``codes(of:at:)`` over all of them).
    public mutating func codes(of texts: [String]) -> [UInt32] { codes(of: texts, at: Array(texts.indices)) }

    /// The code of `texts[i]` for each `i` of `entries`, adding those that are new: what ``code(of:)`` on each
    /// in turn gives.
    ///
    /// Strings go in runs of ``batchSize``: a run's hashes are computed first and their slots, then the arena
    /// bytes those slots point to, are prefetched before any is probed, so that the cache misses overlap
    /// instead of queueing one probe after another (a table of a few hundred thousand strings is far bigger
    /// than the caches). The strings are read in place, with no reference counting.
    public mutating func codes(of texts: [String], at entries: [Int]) -> [UInt32] {
        Self.inRuns(of: texts, at: entries, prefetch: { prefetch($0) }) { utf8, tag, entry in
            find(utf8, tag: tag) ?? insert(utf8, tag: tag, text: texts[entry])
        }
    }

    /// The code of each entry of a dictionary laid out as bytes — entry `i` is `text[bounds[i]..<bounds[i + 1]]`
    /// (`bounds` ascending, from 0 to `text.count`) — adding those that are new when `admit(bytes)` (such as
    /// bytes that are UTF-8): so only text not interned yet is looked at, and no String is made. For an
    /// interner of bytes only (``init(capacity:bytesOnly:)``). Nil when `admit` refuses an entry; the entries
    /// before it may have been added.
    ///
    /// Looked up in runs with their slots prefetched, as ``codes(of:at:)``.
    public mutating func codes(
        ofEntries text: UnsafeRawBufferPointer, bounds: UnsafeBufferPointer<Int>, admit: (UnsafeRawBufferPointer) -> Bool
    ) -> [UInt32]? {
        precondition(!keepsStrings, "entries laid out as bytes go to an interner of bytes only")
        precondition(!bounds.isEmpty && bounds[0] == 0 && bounds[bounds.count - 1] == text.count, "bounds span the text")
        var refused = false
        let codes = Self.inRuns(PackedEntries(text: text, bounds: bounds), prefetch: { prefetch($0) }) { utf8, tag, _ in
            if let code = find(utf8, tag: tag) { return code }
            guard admit(utf8) else {
                refused = true
                return UInt32.max
            }
            return insert(utf8, tag: tag, text: nil)
        }
        return refused ? nil : codes
    }

    /// `body` over the UTF-8 bytes of `code`'s text (which this interner gave), where they are kept.
    public func withBytes<Result>(ofCode code: UInt32, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        guard !keepsStrings else { return Self.withBytes(of: strings[Int(code)], body) }
        return bytes.withUnsafeBytes { arena in
            let start = starts[Int(code)]
            let length = Int(arena.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
            return body(UnsafeRawBufferPointer(rebasing: arena[(start + 8)..<(start + 8 + length)]))
        }
    }

    /// The bytes of each of `codes`' texts (which this interner gave; `UInt32.max`: none) back to back, read in
    /// place.
    public func packed(_ codes: [UInt32]) -> PackedUTF8 {
        PackedUTF8(count: codes.count) { append in
            for code in codes {
                if code == UInt32.max { append(UnsafeRawBufferPointer(start: nil, count: 0)) } else { withBytes(ofCode: code, append) }
            }
        }
    }

    /// The text of `code` (which this interner gave) as a new String. What an interner of bytes only gives
    /// instead of ``strings``: its bytes were admitted as UTF-8, so they decode unchanged.
    public func string(of code: UInt32) -> String {
        guard !keepsStrings else { return strings[Int(code)] }
        return withBytes(ofCode: code) { String(decoding: $0, as: UTF8.self) }
    }

    /// The code of `texts[i]` for each `i` of `entries`, or `UInt32.max` for those not interned; like
    /// ``codes(of:at:)`` but read-only, so several threads may look up at once.
    public func existingCodes(of texts: [String], at entries: [Int]) -> [UInt32] {
        Self.inRuns(of: texts, at: entries, prefetch: { prefetch($0) }) { utf8, tag, _ in find(utf8, tag: tag) ?? UInt32.max }
    }

    /// `probe(bytes, tag, i)` for `texts[i]`, each `i` of `entries`, a run of ``batchSize`` at a time: the
    /// run's tags are computed and handed to `prefetch` first.
    private static func inRuns(
        of texts: [String], at entries: [Int], prefetch: (ArraySlice<UInt32>) -> Void,
        probe: (UnsafeRawBufferPointer, UInt32, Int) -> UInt32
    ) -> [UInt32] {
        texts.withUnsafeBufferPointer { texts in
            inRuns(StringEntries(texts: texts, entries: entries), prefetch: prefetch) { utf8, tag, index in probe(utf8, tag, entries[index]) }
        }
    }

    /// `probe(bytes, tag, i)` for each entry `i` of `entries`, a run of ``batchSize`` at a time: the run's tags
    /// are computed and handed to `prefetch` first.
    private static func inRuns<Entries: EntryBytes>(
        _ entries: Entries, prefetch: (ArraySlice<UInt32>) -> Void, probe: (UnsafeRawBufferPointer, UInt32, Int) -> UInt32
    ) -> [UInt32] {
        var tags = [UInt32](repeating: 0, count: batchSize)
        return [UInt32](unsafeUninitializedCapacity: entries.count) { codes, written in
            for start in stride(from: 0, to: entries.count, by: batchSize) {
                let end = min(start + batchSize, entries.count)
                for index in start..<end {
                    tags[index - start] = entries.withBytes(of: index) { UInt32(truncatingIfNeeded: hash($0)) }
                }
                prefetch(tags[0..<(end - start)])
                for index in start..<end {
                    codes[index] = entries.withBytes(of: index) { probe($0, tags[index - start], index) }
                }
            }
            written = entries.count
        }
    }

    /// Strings per run in ``codes(of:at:)``: enough misses to keep the memory system busy, few enough that what
    /// they load stays in the first-level cache until probed.
    private static let batchSize = 64

    /// Starts loading the home slot of each of `tags`, then the arena bytes of each whose slot matches, so that
    /// the probes that follow find them in cache.
    private func prefetch(_ tags: ArraySlice<UInt32>) {
        slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBytes { arena in
                let mask = slots.count - 1
                for tag in tags { aurum_prefetch(slots.baseAddress! + (Int(tag) & mask)) }
                for tag in tags {
                    let entry = slots[Int(tag) & mask]
                    if entry.tag == tag && entry.record != 0 { aurum_prefetch(arena.baseAddress! + entry.start) }
                }
            }
        }
    }

    /// The code of `text` if it was interned.
    public func existingCode(of text: String) -> UInt32? {
        Self.withBytes(of: text) { find($0, tag: UInt32(truncatingIfNeeded: Self.hash($0))) }
    }

    /// `body` over `text`'s UTF-8 bytes: in place for native strings (no copy, no retain), else through a copy.
    fileprivate static func withBytes<Result>(of text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        var copy = text
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// The code of the string whose bytes are `utf8`, if interned.
    private func find(_ utf8: UnsafeRawBufferPointer, tag: UInt32) -> UInt32? {
        slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBytes { arena in
                let mask = slots.count - 1
                var slot = Int(tag) & mask
                while true {
                    let entry = slots[slot]
                    if entry.record == 0 { return nil }
                    if entry.tag == tag {
                        let start = entry.start
                        let length = Int(arena.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
                        if length == utf8.count
                            && (length == 0 || memcmp(arena.baseAddress! + start + 8, utf8.baseAddress!, length) == 0)
                        {
                            return arena.loadUnaligned(fromByteOffset: start, as: UInt32.self)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Adds `utf8` (whose hash's low bits are `tag`) with its String, `text`, which an interner of bytes only
    /// does not keep.
    private mutating func insert(_ utf8: UnsafeRawBufferPointer, tag: UInt32, text: String?) -> UInt32 {
        precondition(utf8.count <= UInt32.max, "a string of 4 GiB or more cannot be interned")
        let code = UInt32(count)
        let start = bytes.count  // (a multiple of 4)
        precondition(start >> 2 < Int(UInt32.max), "an interner holds less than 16 GiB of text")
        if keepsStrings {
            guard let text else { preconditionFailure("an interner of Strings keeps one for each text") }
            strings.append(text)
        } else {
            starts.append(start)
        }
        withUnsafeBytes(of: (code, UInt32(utf8.count))) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: utf8)
        bytes.append(contentsOf: repeatElement(0, count: (4 - utf8.count & 3) & 3))
        if count * 2 > slots.count { grow() }
        slots.withUnsafeMutableBufferPointer { Self.place(Slot(tag: tag, record: UInt32(start >> 2) + 1), in: $0) }
        return code
    }

    private static func place(_ entry: Slot, in slots: UnsafeMutableBufferPointer<Slot>) {
        let mask = slots.count - 1
        var slot = Int(entry.tag) & mask
        while slots[slot].record != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        var empty = EmptySlots(count: slots.count * 2)
        grow(into: &empty)
    }

    /// An empty table of slots made ready for ``grow(into:)``: what costs most in growing a large table (its memory
    /// cleared, and first touched), done before, outside whatever lock guards the interner.
    public struct EmptySlots: Sendable {
        fileprivate var slots: [Slot]

        /// Room for `count` slots (a power of two).
        public init(count: Int) {
            precondition(count > 0 && count & (count - 1) == 0, "a power of two")
            slots = [Slot](repeating: .empty, count: count)
        }
    }

    /// The slots ``codes(ofEntries:bounds:admit:)`` would grow the table to if all of `count` more texts were new;
    /// nil when they fit as it is.
    public func slotsToAdd(_ count: Int) -> Int? {
        var size = slots.count
        while (self.count + count) * 2 > size { size <<= 1 }
        return size > slots.count ? size : nil
    }

    /// Moves every text into `prepared`'s slots, taking them, when they are more than the table's (else leaves
    /// both as they are).
    public mutating func grow(into prepared: inout EmptySlots) {
        guard prepared.slots.count > slots.count else { return }
        var resized: [Slot] = []
        swap(&resized, &prepared.slots)  // (taken, not shared: no copy when written)
        resized.withUnsafeMutableBufferPointer { resized in
            slots.withUnsafeBufferPointer { old in
                for entry in old where entry.record != 0 { Self.place(entry, in: resized) }
            }
        }
        slots = resized
    }

    /// A 64-bit hash of `bytes`: eight bytes at a time through a multiply-rotate mix, then a final avalanche
    /// (MurmurHash3's fmix64). Fast rather than keyed (unlike `Hasher`): input crafted to collide would make
    /// probes long, never wrong.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var position = 0
        while position + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            hash = ((hash ^ word) &* 0xBF58_476D_1CE4_E5B9)
            hash = (hash << 31) | (hash >> 33)
            position += 8
        }
        if position < bytes.count {
            let rest = bytes.count - position
            var tail: UInt64 = 0
            if bytes.count >= 8 {
                // The last eight bytes in one load, shifted down to the `rest` not yet mixed.
                tail = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) >> UInt64(8 * (8 - rest))
            } else {
                for index in 0..<rest { tail |= UInt64(bytes[position + index]) << UInt64(8 * index) }
            }
            hash = ((hash ^ tail) &* 0x94D0_49BB_1331_11EB)
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}

/// Entries a ``TextInterner`` looks up in runs, by position: their bytes, each within a scope.
private protocol EntryBytes {
    var count: Int { get }
    func withBytes<Result>(of index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result
}

/// `texts[entries[i]]`.
private struct StringEntries: EntryBytes {
    let texts: UnsafeBufferPointer<String>
    let entries: [Int]

    var count: Int { entries.count }

    @inline(__always)
    func withBytes<Result>(of index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        TextInterner.withBytes(of: texts[entries[index]], body)
    }
}

/// `text[bounds[i]..<bounds[i + 1]]`: a dictionary laid out as bytes.
private struct PackedEntries: EntryBytes {
    let text: UnsafeRawBufferPointer
    let bounds: UnsafeBufferPointer<Int>

    var count: Int { bounds.count - 1 }

    @inline(__always)
    func withBytes<Result>(of index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(rebasing: text[bounds[index]..<bounds[index + 1]]))
    }
}
