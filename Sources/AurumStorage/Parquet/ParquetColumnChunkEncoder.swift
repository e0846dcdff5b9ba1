import AurumCore

/// Encodes one column of one row group as a Parquet column chunk: a dictionary page when the column's distinct
/// values fit ``ParquetWriter/Limits/dictionaryBytes`` (values then RLE_DICTIONARY), else PLAIN values; data
/// pages (version 1) cut at ``ParquetWriter/Limits/pageBytes`` of encoded values, each with its definition
/// levels (RLE, bit width 1) when the column is OPTIONAL; every page compressed with zstd on its own.
struct ParquetColumnChunkEncoder {
    let limits: ParquetWriter.Limits
    let zstd: Zstd

    /// A chunk's bytes (page headers and pages, in file order) and its metadata but for the file offsets.
    struct Encoded: Sendable {
        var bytes: [UInt8]
        /// Bytes of the dictionary page with its header (0 without one): data pages start after them.
        var dictionaryPageBytes: Int
        var totalUncompressedSize: Int
        var encodings: [ParquetEncoding]
        var statistics: ParquetStatistics
    }

    func encode(_ values: some ParquetColumnValues) -> Encoded {
        var bytes: [UInt8] = []
        var uncompressed = 0
        var encodings: [ParquetEncoding] = []
        let dictionary = values.dictionary(limitBytes: limits.dictionaryBytes)
        var dictionaryPageBytes = 0
        if let dictionary {
            uncompressed += appendPage(.dictionary(valueCount: Int32(dictionary.entryCount)), dictionary.plain, to: &bytes)
            dictionaryPageBytes = bytes.count
            encodings.append(.plain)
            encodings.append(.rleDictionary)
        } else {
            encodings.append(.plain)
        }
        if values.levels != nil { encodings.append(.rle) }
        let bitWidth = dictionary.map { RLEBitPackedHybrid.bitWidth(forMaximum: UInt32(max(0, $0.entryCount - 1))) } ?? 0

        let pageBits = limits.pageBytes * 8
        var row = 0
        var value = 0
        var page: [UInt8] = []
        // At least one data page: a row group has rows, and data_page_offset must point at a page.
        repeat {
            let firstRow = row
            let firstValue = value
            var bits = 0
            while row < values.rowCount && bits < pageBits && row - firstRow < Self.pageRowsMax {
                if let levels = values.levels {
                    bits += 1
                    if levels[row] == 0 {
                        row += 1
                        continue
                    }
                }
                bits += dictionary == nil ? values.plainBits(value) : bitWidth
                value += 1
                row += 1
            }
            page.removeAll(keepingCapacity: true)
            if let levels = values.levels {
                levels[firstRow..<row].withUnsafeBufferPointer { levels in
                    RLEBitPackedHybrid.encodeWithLength(levels, bitWidth: 1, into: &page)
                }
            }
            if let dictionary {
                page.append(UInt8(bitWidth))
                dictionary.indices[firstValue..<value].withUnsafeBufferPointer { indices in
                    RLEBitPackedHybrid.encode(indices, bitWidth: bitWidth, into: &page)
                }
            } else {
                values.appendPlain(firstValue..<value, to: &page)
            }
            let kind = ParquetPageHeader.Kind.data(valueCount: Int32(row - firstRow), encoding: dictionary == nil ? .plain : .rleDictionary)
            uncompressed += appendPage(kind, page, to: &bytes)
        } while row < values.rowCount
        return Encoded(
            bytes: bytes, dictionaryPageBytes: dictionaryPageBytes, totalUncompressedSize: uncompressed, encodings: encodings,
            statistics: values.statistics(limitBytes: limits.statisticsBytes))
    }

    /// Rows in one page at most, whatever their size: keeps a page of NULLs (which cost a bit each) bounded,
    /// and every count within the header's i32.
    static let pageRowsMax = 1 << 20

    /// Appends `content` compressed, behind its page header; returns the page's uncompressed size with its header.
    private func appendPage(_ kind: ParquetPageHeader.Kind, _ content: [UInt8], to bytes: inout [UInt8]) -> Int {
        let compressed = zstd.compress(content)
        let header = ParquetPageHeader(kind: kind, uncompressedSize: Int32(content.count), compressedSize: Int32(compressed.count)).encoded()
        bytes.append(contentsOf: header)
        bytes.append(contentsOf: compressed)
        return header.count + content.count
    }
}
