import AurumCore
import CAurumPrefetch

/// Maps 64-bit group keys to dense group ids 0, 1, 2, … in first-seen order: the hash half of a hash
/// aggregation, after which ``GroupedSum`` works on dense arrays.
///
/// Open addressing with linear probing over a power-of-two table of (key, id) slots, grown at 50% load; one
/// multiply-shift hash (Fibonacci hashing). An empty slot has id `UInt32.max`. No allocation per row; the
/// batch form ``ids(of:into:)`` probes through raw pointers, which is what a hash aggregation should call.
public struct GroupIndex: Sendable, HalfFullTable {
    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline var key: UInt64
        @usableFromInline var id: UInt32

        @usableFromInline static let empty = Slot(key: 0, id: UInt32.max)

        @inlinable init(key: UInt64, id: UInt32) {
            self.key = key
            self.id = id
        }
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var shift: UInt64
    @usableFromInline var keysInOrder: [UInt64] = []

    /// The keys in id order.
    public var groupKeys: [UInt64] { keysInOrder }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: .empty, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The number of distinct keys seen.
    public var count: Int { keysInOrder.count }

    @usableFromInline var slotCount: Int { slots.count }
    @usableFromInline var keyCount: Int { keysInOrder.count }

    @inlinable
    static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`, adding it when new.
    @inlinable
    public mutating func id(of key: UInt64) -> UInt32 {
        let mask = slots.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while slots[slot].id != UInt32.max {
            if slots[slot].key == key { return slots[slot].id }
            slot = (slot + 1) & mask
        }
        let id = UInt32(keysInOrder.count)
        slots[slot] = Slot(key: key, id: id)
        keysInOrder.append(key)
        if keysInOrder.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `key` if it was seen, else nil.
    @inlinable
    public func existingID(of key: UInt64) -> UInt32? {
        let mask = slots.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while slots[slot].id != UInt32.max {
            if slots[slot].key == key { return slots[slot].id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// How many rows ahead ``ids(of:into:)`` and ``KeySet``'s loops prefetch.
    @usableFromInline static let prefetchDistance = 16
    /// Slots from which ``ids(of:into:)`` prefetches (512 Ki slots, 8 MiB): a smaller table stays in the caches,
    /// where the prefetch is only one more hash a row.
    @usableFromInline static let prefetchFromSlots = 1 << 19

    /// Fills `output[i]` with the id of `input[i]`, adding new keys, in runs (``HalfFullTable``).
    @inlinable
    public mutating func ids(of input: UnsafeBufferPointer<UInt64>, into output: UnsafeMutableBufferPointer<UInt32>) {
        precondition(output.count >= input.count)
        forEachRun(of: input.count) { index, run in
            let (start, end) = (run.lowerBound, run.upperBound)
            let shift = index.shift
            var next = UInt32(index.keysInOrder.count)
            // New keys in id order, gathered as they are given ids (not by a second pass over the rows).
            var fresh: [UInt64] = []
            let prefetching = index.slots.count >= Self.prefetchFromSlots
            index.slots.withUnsafeMutableBufferPointer { slots in
                let mask = slots.count - 1
                // Sorted or clustered input repeats a key row after row (the same campaign, the same ad): the
                // previous row's answer is reused without probing.
                var previousKey = start > 0 ? input[start - 1] : ~input[start]
                var previousID = start > 0 ? output[start - 1] : 0
                for row in start..<end {
                    if prefetching && row + Self.prefetchDistance < end {
                        aurum_prefetch(slots.baseAddress! + Self.slot(of: input[row + Self.prefetchDistance], shift: shift))
                    }
                    let key = input[row]
                    if key == previousKey {
                        output[row] = previousID
                        continue
                    }
                    previousKey = key
                    var slot = Self.slot(of: key, shift: shift)
                    while true {
                        let id = slots[slot].id
                        if id == UInt32.max {
                            slots[slot] = Slot(key: key, id: next)
                            fresh.append(key)
                            output[row] = next
                            previousID = next
                            next += 1
                            break
                        }
                        if slots[slot].key == key {
                            output[row] = id
                            previousID = id
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
            // (No exact reserveCapacity here: it would reallocate on every batch that adds keys.)
            index.keysInOrder.append(contentsOf: fresh)
        }
    }

    /// Fills `output[i]` with the id of `input[i]` when it was seen, `UInt32.max` when not, adding nothing: several
    /// threads may look up in one index at once.
    @inlinable
    public func existingIDs(of input: UnsafeBufferPointer<UInt64>, into output: UnsafeMutableBufferPointer<UInt32>) {
        precondition(output.count >= input.count)
        guard !input.isEmpty else { return }
        let prefetching = slots.count >= Self.prefetchFromSlots
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var previousKey = ~input[0]
            var previousID = UInt32.max
            for row in input.indices {
                if prefetching && row + Self.prefetchDistance < input.count {
                    aurum_prefetch(slots.baseAddress! + Self.slot(of: input[row + Self.prefetchDistance], shift: shift))
                }
                let key = input[row]
                if key != previousKey {
                    previousKey = key
                    previousID = UInt32.max
                    var slot = Self.slot(of: key, shift: shift)
                    while slots[slot].id != UInt32.max {
                        if slots[slot].key == key {
                            previousID = slots[slot].id
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
                output[row] = previousID
            }
        }
    }

    /// The fewest keys ``existingIDsOnEveryCore(of:into:)`` looks up on one core.
    public static let lookupPieceKeys = 16_384

    /// ``existingIDs(of:into:)`` in pieces, on every core.
    public func existingIDsOnEveryCore(of input: UnsafeBufferPointer<UInt64>, into output: UnsafeMutableBufferPointer<UInt32>) {
        precondition(output.count >= input.count)
        let pieceCount = min(Parallel.threadCount, max(1, input.count / Self.lookupPieceKeys))
        Parallel.forEachWorker(pieceCount) { piece in
            let range = (piece * input.count / pieceCount)..<((piece + 1) * input.count / pieceCount)
            existingIDs(of: UnsafeBufferPointer(rebasing: input[range]), into: UnsafeMutableBufferPointer(rebasing: output[range]))
        }
    }

    @usableFromInline
    mutating func grow() {
        let size = slots.count * 2
        slots = [Slot](repeating: .empty, count: size)
        shift -= 1
        let mask = size - 1
        for (id, key) in keysInOrder.enumerated() {
            var slot = Self.slot(of: key, shift: shift)
            while slots[slot].id != UInt32.max { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, id: UInt32(id))
        }
    }
}
