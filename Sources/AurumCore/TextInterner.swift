#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense codes 0, 1, 2, … for strings in first-seen order, by their UTF-8 bytes (as ``ExactText`` compares):
/// the interning behind string dictionaries and text group keys.
///
/// Open addressing with linear probing over (hash, code) slots, grown at 50% load; the bytes of every string
/// live in one contiguous arena, so a probe is a hash compare and a `memcmp`, with no `Hasher`, no reference
/// counting and no allocation. The hash reads eight bytes at a time.
public struct TextInterner: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64
        var code: UInt32
        static let empty = Slot(hash: 0, code: UInt32.max)
    }

    /// The strings, by code.
    public private(set) var strings: [String] = []
    private var slots: [Slot]
    private var bytes: [UInt8] = []
    /// `offsets[code] ..< offsets[code + 1]`: the code's bytes in `bytes`.
    private var offsets: [Int] = [0]

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: .empty, count: size)
    }

    public var count: Int { strings.count }

    /// The code of `text`, adding it when new.
    public mutating func code(of text: String) -> UInt32 {
        Self.withBytes(of: text) { utf8 in
            let hash = Self.hash(utf8)
            return find(utf8, hash: hash) ?? insert(utf8, hash: hash, text: text)
        }
    }

    /// The code of `text` if it was interned.
    public func existingCode(of text: String) -> UInt32? {
        Self.withBytes(of: text) { find($0, hash: Self.hash($0)) }
    }

    /// Room for `count` strings without growing.
    public mutating func reserveCapacity(_ count: Int) {
        guard count * 2 > slots.count else { return }
        var size = slots.count
        while size < count * 2 { size <<= 1 }
        rehash(size: size)
    }

    /// `body` over `text`'s UTF-8 bytes: in place for native strings (no copy, no retain), else through a copy.
    private static func withBytes<Result>(of text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        var copy = text
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// The code of the string whose bytes are `utf8`, if interned.
    private func find(_ utf8: UnsafeRawBufferPointer, hash: UInt64) -> UInt32? {
        slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { arena in
                offsets.withUnsafeBufferPointer { offsets in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash >> 7) & mask
                    while true {
                        let entry = slots[slot]
                        if entry.code == UInt32.max { return nil }
                        if entry.hash == hash {
                            let start = offsets[Int(entry.code)]
                            let length = offsets[Int(entry.code) + 1] - start
                            if length == utf8.count
                                && (length == 0 || memcmp(arena.baseAddress! + start, utf8.baseAddress!, length) == 0)
                            {
                                return entry.code
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func insert(_ utf8: UnsafeRawBufferPointer, hash: UInt64, text: String) -> UInt32 {
        let code = UInt32(strings.count)
        strings.append(text)
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
        if strings.count * 2 > slots.count { grow() }
        place(hash: hash, code: code)
        return code
    }

    private mutating func place(hash: UInt64, code: UInt32) {
        slots.withUnsafeMutableBufferPointer { Self.place(hash: hash, code: code, in: $0) }
    }

    private static func place(hash: UInt64, code: UInt32, in slots: UnsafeMutableBufferPointer<Slot>) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 7) & mask
        while slots[slot].code != UInt32.max { slot = (slot + 1) & mask }
        slots[slot] = Slot(hash: hash, code: code)
    }

    private mutating func grow() { rehash(size: slots.count * 2) }

    private mutating func rehash(size: Int) {
        var resized = [Slot](repeating: .empty, count: size)
        resized.withUnsafeMutableBufferPointer { resized in
            slots.withUnsafeBufferPointer { old in
                for entry in old where entry.code != UInt32.max { Self.place(hash: entry.hash, code: entry.code, in: resized) }
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
            var tail: UInt64 = 0
            for index in position..<bytes.count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - position)) }
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
