/// parquet.thrift `PageHeader` with its `DataPageHeader` or `DictionaryPageHeader`: written, compact-encoded,
/// just before each page's (compressed) bytes.
struct ParquetPageHeader: Sendable, Equatable {
    /// Which page follows, with its own header's fields.
    enum Kind: Sendable, Equatable {
        /// A data page (version 1): `valueCount` rows, NULLs included; values in `encoding`; definition levels,
        /// when there are any, in RLE. Repetition levels are never written (columns are flat).
        case data(valueCount: Int32, encoding: ParquetEncoding)
        /// The column chunk's dictionary: `valueCount` entries, PLAIN-encoded.
        case dictionary(valueCount: Int32)
    }

    var kind: Kind
    /// The page's bytes before compression (levels and values), header excluded.
    var uncompressedSize: Int32
    /// The page's bytes as stored, header excluded.
    var compressedSize: Int32

    init(kind: Kind, uncompressedSize: Int32, compressedSize: Int32) {
        self.kind = kind
        self.uncompressedSize = uncompressedSize
        self.compressedSize = compressedSize
    }

    /// The header as a compact-protocol struct.
    func encoded() -> [UInt8] {
        var writer = ThriftCompactWriter()
        switch kind {
        case .data: writer.field(1, i32: ParquetPageType.dataPage.rawValue)
        case .dictionary: writer.field(1, i32: ParquetPageType.dictionaryPage.rawValue)
        }
        writer.field(2, i32: uncompressedSize)
        writer.field(3, i32: compressedSize)
        switch kind {
        case .data(let valueCount, let encoding):
            writer.field(5) { header in
                header.field(1, i32: valueCount)
                header.field(2, i32: encoding.rawValue)
                header.field(3, i32: ParquetEncoding.rle.rawValue)  // definition levels
                header.field(4, i32: ParquetEncoding.rle.rawValue)  // repetition levels (none written)
            }
        case .dictionary(let valueCount):
            writer.field(7) { header in
                header.field(1, i32: valueCount)
                header.field(2, i32: ParquetEncoding.plain.rawValue)
            }
        }
        return writer.finished()
    }
}
