/// Maps 64-bit group keys to dense group ids 0, 1, 2, … in first-seen order: the hash half of a hash
/// aggregation, after which ``GroupedSum`` works on dense arrays.
///
/// Open addressing with linear probing over a power-of-two table of (key, id) pairs, grown at 50% load; one
/// multiply-shift hash (Fibonacci hashing). No allocation per row.
public struct GroupIndex: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var ids: [UInt32]
    @usableFromInline var occupied: [Bool]
    @usableFromInline var shift: UInt64
    @usableFromInline var keysInOrder: [UInt64] = []

    /// The keys in id order.
    public var groupKeys: [UInt64] { keysInOrder }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        ids = [UInt32](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The number of distinct keys seen.
    public var count: Int { keysInOrder.count }

    @inlinable
    static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`, adding it when new.
    @inlinable
    public mutating func id(of key: UInt64) -> UInt32 {
        let mask = keys.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while occupied[slot] {
            if keys[slot] == key { return ids[slot] }
            slot = (slot + 1) & mask
        }
        let id = UInt32(keysInOrder.count)
        occupied[slot] = true
        keys[slot] = key
        ids[slot] = id
        keysInOrder.append(key)
        if keysInOrder.count * 2 > keys.count { grow() }
        return id
    }

    /// The id of `key` if it was seen, else nil.
    @inlinable
    public func existingID(of key: UInt64) -> UInt32? {
        let mask = keys.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while occupied[slot] {
            if keys[slot] == key { return ids[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Fills `output[i]` with the id of `input[i]`, adding new keys.
    @inlinable
    public mutating func ids(of input: UnsafeBufferPointer<UInt64>, into output: UnsafeMutableBufferPointer<UInt32>) {
        precondition(output.count >= input.count)
        for index in 0..<input.count { output[index] = id(of: input[index]) }
    }

    @usableFromInline
    mutating func grow() {
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        ids = [UInt32](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        shift -= 1
        let mask = size - 1
        for (id, key) in keysInOrder.enumerated() {
            var slot = Self.slot(of: key, shift: shift)
            while occupied[slot] { slot = (slot + 1) & mask }
            occupied[slot] = true
            keys[slot] = key
            ids[slot] = UInt32(id)
        }
    }
}
