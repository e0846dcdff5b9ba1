import CAurumPrefetch

/// A set of 64-bit keys that remembers the order they were first added in: what DISTINCT needs of its
/// (group, value) pairs, where ``GroupIndex`` would also hand out ids nobody reads.
///
/// Open addressing with linear probing over a power-of-two table of bare keys (8 bytes a slot, half a
/// ``GroupIndex`` slot), grown at 50% load; the multiply-shift hash of ``GroupIndex``. `UInt64.max` marks an empty
/// slot, so it is the one key the set cannot hold (a (group, value) pair never is: group ids stay below 2^32 - 1).
public struct KeySet: Sendable, HalfFullTable {
    @usableFromInline static let empty = UInt64.max

    @usableFromInline var slots: [UInt64]
    @usableFromInline var shift: UInt64
    @usableFromInline var keysInOrder: [UInt64] = []

    /// The keys, in the order they were first added.
    public var keys: [UInt64] { keysInOrder }

    /// The number of keys held.
    public var count: Int { keysInOrder.count }

    @usableFromInline var slotCount: Int { slots.count }
    @usableFromInline var keyCount: Int { keysInOrder.count }

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: Self.empty, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inlinable
    static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `input`'s keys in order, setting `added[i]` to whether `input[i]` was new (its first sight, in this
    /// call or any before), in runs (``HalfFullTable``). Slots a few keys ahead are prefetched once the table
    /// outgrows the caches.
    @inlinable
    public mutating func insert(_ input: UnsafeBufferPointer<UInt64>, added: UnsafeMutableBufferPointer<Bool>) {
        precondition(added.count >= input.count)
        forEachRun(of: input.count) { set, run in
            let shift = set.shift
            let prefetching = set.slots.count >= GroupIndex.prefetchFromSlots
            var fresh: [UInt64] = []
            set.slots.withUnsafeMutableBufferPointer { slots in
                let mask = slots.count - 1
                for row in run {
                    if prefetching && row + GroupIndex.prefetchDistance < run.upperBound {
                        aurum_prefetch(slots.baseAddress! + Self.slot(of: input[row + GroupIndex.prefetchDistance], shift: shift))
                    }
                    let key = input[row]
                    precondition(key != Self.empty, "UInt64.max marks an empty slot")
                    var slot = Self.slot(of: key, shift: shift)
                    while true {
                        let held = slots[slot]
                        if held == Self.empty {
                            slots[slot] = key
                            fresh.append(key)
                            added[row] = true
                            break
                        }
                        if held == key {
                            added[row] = false
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
            set.keysInOrder.append(contentsOf: fresh)
        }
    }

    /// Sets `found[i]` to whether `keys[i]` is held. Read-only, so several threads may look up at once; the slot
    /// of a key a few rows ahead is prefetched, so that the cache misses of a big table overlap.
    public func contains(_ keys: UnsafeBufferPointer<UInt64>, into found: UnsafeMutableBufferPointer<Bool>) {
        precondition(found.count >= keys.count)
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            for row in 0..<keys.count {
                if row + GroupIndex.prefetchDistance < keys.count {
                    aurum_prefetch(slots.baseAddress! + Self.slot(of: keys[row + GroupIndex.prefetchDistance], shift: shift))
                }
                let key = keys[row]
                var slot = Self.slot(of: key, shift: shift)
                var hit = false
                while slots[slot] != Self.empty {
                    if slots[slot] == key {
                        hit = true
                        break
                    }
                    slot = (slot + 1) & mask
                }
                found[row] = hit
            }
        }
    }

    @usableFromInline
    mutating func grow() {
        let size = slots.count * 2
        slots = [UInt64](repeating: Self.empty, count: size)
        shift -= 1
        let mask = size - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for key in keysInOrder {
                var slot = Self.slot(of: key, shift: shift)
                while slots[slot] != Self.empty { slot = (slot + 1) & mask }
                slots[slot] = key
            }
        }
    }
}
