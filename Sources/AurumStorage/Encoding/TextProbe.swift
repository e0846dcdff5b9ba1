import AurumCore

/// A set of texts to find in dictionary blocks by their UTF-8 bytes (``PendingRowGroup/liveRows(whereText:in:)``).
///
/// A block's dictionary is stored sorted by bytes (``DictionaryEncoding``), so each wanted text is looked up by
/// binary search among the block's entries: a few thousand texts cost a few thousand searches in a block of
/// 25,000 distinct entries, not a hash of every entry. The order is checked first, one compare an entry, so a
/// block out of order (none that Aurum writes) is still answered right: each of its entries is searched among
/// the wanted texts instead.
public struct TextProbe: Sendable {
    /// The wanted texts' bytes, in byte order (``ExactText/bytesPrecede(_:_:)``), without repeats.
    private let bytes: [UInt8]
    private let starts: [Int]

    public init(_ texts: some Collection<String>) {
        let all = Array(texts)
        let packed = PackedUTF8(all, at: Array(all.indices))
        var bytes: [UInt8] = []
        var starts = [0]
        var previous: Range<Int>?
        packed.bytes.withUnsafeBufferPointer { source in
            for text in packed.byteOrder() {
                let range = packed.start(text)..<(packed.start(text) + packed.length(text))
                if let previous, source[previous].elementsEqual(source[range]) { continue }
                bytes.append(contentsOf: source[range])
                starts.append(bytes.count)
                previous = range
            }
        }
        self.bytes = bytes
        self.starts = starts
    }

    public var count: Int { starts.count - 1 }

    /// Whether each of `count` entries (entry `e` is `entry(e)`) is one of the texts.
    func matches(entryCount: Int, _ entry: (Int) -> UnsafeRawBufferPointer) -> [Bool] {
        var kept = [Bool](repeating: false, count: entryCount)
        guard entryCount > 0, count > 0 else { return kept }
        bytes.withUnsafeBytes { wanted in
            let wantedText = { (index: Int) in UnsafeRawBufferPointer(rebasing: wanted[starts[index]..<starts[index + 1]]) }
            if (1..<entryCount).allSatisfy({ ExactText.compareBytes(entry($0 - 1), entry($0)) < 0 }) {
                for index in 0..<count {
                    if let found = Self.search(wantedText(index), count: entryCount, entry) { kept[found] = true }
                }
            } else {
                for entryIndex in 0..<entryCount where Self.search(entry(entryIndex), count: count, wantedText) != nil {
                    kept[entryIndex] = true
                }
            }
        }
        return kept
    }

    /// The index among `count` texts in byte order (`text(i)`) whose bytes are `key`'s, if one is.
    private static func search(_ key: UnsafeRawBufferPointer, count: Int, _ text: (Int) -> UnsafeRawBufferPointer) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let order = ExactText.compareBytes(text(middle), key)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
