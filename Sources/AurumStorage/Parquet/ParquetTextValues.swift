import AurumCore

/// A BYTE_ARRAY (UTF-8 text) column: PLAIN is each value's length (4 bytes, little-endian) then its bytes.
///
/// The batches' own dictionaries are laid end to end as one list of entries (a text may appear in several),
/// and each value is an index into that list: text is never copied per row. The Parquet dictionary interns the
/// entries the values use by their bytes (``TextInterner``), so two texts are one entry only when byte-equal.
struct ParquetTextValues: ParquetColumnValues {
    let rowCount: Int
    let levels: [UInt32]?
    let nullCount: Int
    /// Every batch's dictionary, one after another.
    let entries: [String]
    /// Each entry's length in UTF-8 bytes.
    let entryBytes: [Int]
    /// Each non-NULL value's entry.
    let values: [UInt32]

    init(_ columns: [StringColumn], levels: [UInt32]?, nullCount: Int) {
        rowCount = columns.reduce(0) { $0 + $1.count }
        self.levels = levels
        self.nullCount = nullCount
        var entries: [String] = []
        var values: [UInt32] = []
        values.reserveCapacity(rowCount - nullCount)
        for column in columns {
            let base = UInt32(entries.count)
            entries.append(contentsOf: column.dictionary)
            if let validity = column.validity {
                for row in 0..<column.count where validity[row] != 0 { values.append(base + column.codes[row]) }
            } else {
                values.append(contentsOf: column.codes.lazy.map { base + $0 })
            }
        }
        self.entries = entries
        self.values = values
        entryBytes = entries.map { $0.utf8.count }
    }

    var valueCount: Int { values.count }

    func plainBits(_ index: Int) -> Int { (4 + entryBytes[Int(values[index])]) * 8 }

    func appendPlain(_ range: Range<Int>, to output: inout [UInt8]) {
        for index in range { Self.appendPlain(entries[Int(values[index])], to: &output) }
    }

    /// `text` PLAIN-encoded: its byte length, then its bytes.
    static func appendPlain(_ text: String, to output: inout [UInt8]) {
        let count = UInt32(text.utf8.count)
        withUnsafeBytes(of: count.littleEndian) { output.append(contentsOf: $0) }
        if text.utf8.withContiguousStorageIfAvailable({ output.append(contentsOf: $0) }) == nil {
            output.append(contentsOf: text.utf8)
        }
    }

    func dictionary(limitBytes: Int) -> ParquetDictionary? {
        var interner = TextInterner()
        var plain: [UInt8] = []
        // The Parquet index of each entry, once looked up.
        var remap = [UInt32](repeating: UInt32.max, count: entries.count)
        var indices: [UInt32] = []
        indices.reserveCapacity(values.count)
        for entry in values {
            var index = remap[Int(entry)]
            if index == UInt32.max {
                let before = interner.count
                index = interner.code(of: entries[Int(entry)])
                if interner.count > before {
                    Self.appendPlain(entries[Int(entry)], to: &plain)
                    if plain.count > limitBytes { return nil }
                }
                remap[Int(entry)] = index
            }
            indices.append(index)
        }
        return ParquetDictionary(entryCount: interner.count, plain: plain, indices: indices)
    }

    func statistics(limitBytes: Int) -> ParquetStatistics {
        var used = [Bool](repeating: false, count: entries.count)
        for entry in values { used[Int(entry)] = true }
        var low: String?
        var high: String?
        for (entry, text) in entries.enumerated() where used[entry] {
            if low.map({ ExactText.bytesPrecede(text, $0) }) ?? true { low = text }
            if high.map({ ExactText.bytesPrecede($0, text) }) ?? true { high = text }
        }
        guard let low, let high, low.utf8.count <= limitBytes, high.utf8.count <= limitBytes else {
            return ParquetStatistics(nullCount: Int64(nullCount), minValue: nil, maxValue: nil)
        }
        return ParquetStatistics(nullCount: Int64(nullCount), minValue: Array(low.utf8), maxValue: Array(high.utf8))
    }
}
