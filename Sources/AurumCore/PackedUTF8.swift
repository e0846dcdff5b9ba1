#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Texts as UTF-8 bytes back to back (text `i` is `bytes[starts[i] ..< starts[i + 1]]`): read out of their
/// Strings once, then sorted and copied without touching a String again (no retain, and none of the cache misses
/// of reaching each String's storage, which dominate work on a dictionary of long names).
public struct PackedUTF8 {
    public private(set) var bytes: [UInt8]
    private var starts: [Int]

    /// The texts `texts[indices[0]]`, `texts[indices[1]]`, … in that order.
    ///
    /// The Strings are borrowed in place (through an unsafe buffer: reading them out of the array retained and
    /// released each one, a third of a many-ids ingest's reference counting) and their bytes copied into one
    /// buffer sized up front (a native String knows its UTF-8 length without reaching its storage).
    public init(_ texts: [String], at indices: [Int]) {
        let starts = [Int](unsafeUninitializedCapacity: indices.count + 1) { starts, initialized in
            texts.withUnsafeBufferPointer { texts in
                var offset = 0
                starts[0] = 0
                for (position, index) in indices.enumerated() {
                    offset += texts[index].utf8.count
                    starts[position + 1] = offset
                }
            }
            initialized = indices.count + 1
        }
        let total = starts[indices.count]
        bytes = [UInt8](unsafeUninitializedCapacity: total) { bytes, initialized in
            texts.withUnsafeBufferPointer { texts in
                for (position, index) in indices.enumerated() {
                    let start = starts[position]
                    let copied = texts[index].utf8.withContiguousStorageIfAvailable { utf8 in
                        if utf8.count > 0 { (bytes.baseAddress! + start).update(from: utf8.baseAddress!, count: utf8.count) }
                        return true
                    }
                    if copied == nil {
                        for (offset, byte) in texts[index].utf8.enumerated() { bytes[start + offset] = byte }
                    }
                }
            }
            initialized = total
        }
        self.starts = starts
    }

    /// `count` texts whose bytes `forEachText` hands over one after the other (in order) to the closure it is given.
    init(count: Int, _ forEachText: ((UnsafeRawBufferPointer) -> Void) -> Void) {
        var bytes: [UInt8] = []
        var starts = [0]
        starts.reserveCapacity(count + 1)
        forEachText { text in
            bytes.append(contentsOf: text)
            starts.append(bytes.count)
        }
        precondition(starts.count == count + 1, "one text for each of count")
        self.bytes = bytes
        self.starts = starts
    }

    /// The number of texts.
    public var count: Int { starts.count - 1 }

    /// Whether texts `a` and `b` hold the same bytes.
    public func sameBytes(_ a: Int, _ b: Int) -> Bool {
        let length = self.length(a)
        guard length == self.length(b) else { return false }
        guard length > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[a], $0.baseAddress! + starts[b], length) == 0 }
    }

    /// Text `a` against text `b` by their bytes, as ``ExactText/compare(_:_:)`` compares Strings: negative when
    /// `a` comes first (unsigned bytes, a prefix first), 0 for the same bytes, positive when `b` does.
    public func compare(_ a: Int, _ b: Int) -> Int {
        bytes.withUnsafeBytes { all in
            ExactText.compareBytes(
                UnsafeRawBufferPointer(rebasing: all[starts[a]..<starts[a + 1]]), UnsafeRawBufferPointer(rebasing: all[starts[b]..<starts[b + 1]]))
        }
    }

    /// The byte length of text `text`.
    public func length(_ text: Int) -> Int { starts[text + 1] - starts[text] }

    /// Where text `text`'s bytes start in ``bytes``.
    public func start(_ text: Int) -> Int { starts[text] }

    /// Every text's number, ordered by the texts' bytes (unsigned bytes, a prefix first: ``ExactText/bytesPrecede(_:_:)``),
    /// equal texts in number order.
    ///
    /// A most-significant-first radix sort, 16 bytes at a time: on the first 16 bytes as two big-endian integers
    /// (``RadixSort/stableOrder(keys:rows:)`` on the second word, then on the first); each run that ties on them
    /// and holds a longer text on the next 16 bytes, and so on; runs of a few texts by `memcmp`. Names that share
    /// their first 16 bytes ("Search | Marca …") sort this way with few byte comparisons.
    public func byteOrder() -> [Int] {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in Sorter(bytes: bytes, starts: starts).byteOrder() }
        }
    }

    private struct Sorter {
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int>

        /// Runs of up to this many texts are compared whole rather than sorted by radix.
        private static let smallRun = 16

        func length(_ text: Int) -> Int { starts[text + 1] - starts[text] }

        /// Whether text `a` sorts before text `b`: bytes by `memcmp`, a prefix first, the lower number first
        /// among equal texts.
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let (left, right) = (length(a), length(b))
            let common = min(left, right)
            let order = common == 0 ? 0 : memcmp(bytes.baseAddress! + starts[a], bytes.baseAddress! + starts[b], common)
            if order != 0 { return order < 0 }
            return left != right ? left < right : a < b
        }

        /// Bytes `depth ..< depth + 16` of text `text` as two big-endian integers, zero-padded past its end.
        func window(of text: Int, at depth: Int) -> (UInt64, UInt64) {
            var words: (UInt64, UInt64) = (0, 0)
            let available = length(text) - depth
            if available > 0 {
                withUnsafeMutableBytes(of: &words) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: bytes.baseAddress! + starts[text] + depth, count: min(available, 16)))
                }
            }
            return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
        }

        func byteOrder() -> [Int] {
            let count = starts.count - 1
            var order = Array(0..<count)
            var highs = [UInt64](repeating: 0, count: count)
            var lows = [UInt64](repeating: 0, count: count)
            var runs = [(start: 0, end: count, depth: 0)]
            while let run = runs.popLast() {
                guard run.end - run.start > Self.smallRun else {
                    order[run.start..<run.end].sort(by: precedes)
                    continue
                }
                let members = Array(order[run.start..<run.end])
                for text in members { (highs[text], lows[text]) = window(of: text, at: run.depth) }
                let byLow = RadixSort.stableOrder(keys: members.map { lows[$0] }, rows: members)
                order.replaceSubrange(run.start..<run.end, with: RadixSort.stableOrder(keys: byLow.map { highs[$0] }, rows: byLow))
                // The runs that tie on these 16 bytes (zero padding ties "a" with "a\0"): on to the next 16 when
                // one of them goes on; otherwise they differ only in length, each a prefix of the longer ones.
                var start = run.start
                while start < run.end {
                    let first = order[start]
                    var end = start + 1
                    var goesOn = length(first) > run.depth + 16
                    while end < run.end, highs[order[end]] == highs[first], lows[order[end]] == lows[first] {
                        goesOn = goesOn || length(order[end]) > run.depth + 16
                        end += 1
                    }
                    if end - start > 1 {
                        if goesOn { runs.append((start, end, run.depth + 16)) } else { order[start..<end].sort(by: precedes) }
                    }
                    start = end
                }
            }
            return order
        }
    }
}
