#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumCore
import Foundation

/// Decoded column blocks kept in memory between scans, least recently used evicted first.
///
/// Segment files are immutable and never reuse a name, so a block's (file, row group, column) names its
/// content for the life of the process: entries never go stale. This is what lets a REPL session or a
/// process running many queries skip reading, checking, decompressing and decoding blocks it has already
/// decoded — the part of a warm scan that is not the query's own work. Shared by threads.
public final class BlockCache: @unchecked Sendable {
    struct Key: Hashable {
        var file: String
        var rowGroup: Int32
        var column: Int32
        /// The form asked for (``FixedPoint``), nil for the usual one: the two forms of a block are kept apart.
        var fixedPoint: FixedPoint? = nil
    }

    private struct Entry {
        var column: Column
        var bytes: Int
        var lastUse: UInt64
    }

    /// Bytes of decoded columns kept at most.
    public let capacity: Int
    /// A block's exact sum (``DecimalBlockSum``) with the rows of a delete file (`deletes`, "" for none) left out.
    struct SumKey: Hashable {
        var block: Key
        var deletes: String
    }

    private var entries: [Key: Entry] = [:]
    /// Blocks' sums, nil for a block that cannot be summed so; a few dozen bytes each, so never evicted.
    private var sums: [SumKey: DecimalBlockSum?] = [:]
    private var totalBytes = 0
    private var clock: UInt64 = 0
    private let lock = NSLock()

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The default capacity: a quarter of physical memory, at most 4 GiB; `AURUM_CACHE_MB` overrides it (0 turns
    /// the cache off).
    public static var defaultCapacity: Int {
        if let text = getenv("AURUM_CACHE_MB"), let megabytes = Int(String(cString: text)), megabytes >= 0 {
            return megabytes << 20
        }
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        return min(physical / 4, 4 << 30)
    }

    var bytesHeld: Int { locked { totalBytes } }

    func column(_ key: Key) -> Column? {
        locked {
            guard var entry = entries[key] else { return nil }
            clock += 1
            entry.lastUse = clock
            entries[key] = entry
            return entry.column
        }
    }

    func insert(_ column: Column, for key: Key) {
        let bytes = column.byteSize
        guard bytes <= capacity / 8 else { return }
        locked {
            clock += 1
            if let old = entries.updateValue(Entry(column: column, bytes: bytes, lastUse: clock), forKey: key) {
                totalBytes -= old.bytes
            }
            totalBytes += bytes
            if totalBytes > capacity { evict() }
        }
    }

    /// The sum kept for `key`: nil when none is, `.some(nil)` when the block was found not to be summable.
    func decimalSum(_ key: SumKey) -> DecimalBlockSum?? {
        locked { sums[key] }
    }

    func insert(_ sum: DecimalBlockSum?, for key: SumKey) {
        locked { sums[key] = .some(sum) }
    }

    /// Drops the least recently used entries until a tenth of the capacity is free (so eviction, which sorts,
    /// runs rarely).
    private func evict() {
        let target = capacity - capacity / 10
        for (key, entry) in entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            guard totalBytes > target else { break }
            entries[key] = nil
            totalBytes -= entry.bytes
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.withLock(body)
    }
}
