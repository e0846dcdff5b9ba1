/// parquet.thrift `ColumnChunk` with its `ColumnMetaData`: where one column's pages of one row group lie in the
/// file, how they are encoded and compressed, and their statistics.
struct ParquetColumnChunk: Sendable, Equatable {
    /// The column's name (its path in the flat schema).
    var name: String
    var type: ParquetPhysicalType
    /// Every encoding used in the chunk's pages (values, dictionary and levels).
    var encodings: [ParquetEncoding]
    var codec: ParquetCompressionCodec
    /// Rows in the chunk, NULLs included.
    var valueCount: Int64
    /// Bytes of the chunk's pages before compression, page headers included.
    var totalUncompressedSize: Int64
    /// Bytes of the chunk in the file, page headers included.
    var totalCompressedSize: Int64
    /// File offset of the first data page.
    var dataPageOffset: Int64
    /// File offset of the dictionary page, when the chunk has one (it comes first).
    var dictionaryPageOffset: Int64?
    var statistics: ParquetStatistics

    init(
        name: String, type: ParquetPhysicalType, encodings: [ParquetEncoding], codec: ParquetCompressionCodec, valueCount: Int64,
        totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64, dictionaryPageOffset: Int64?,
        statistics: ParquetStatistics
    ) {
        self.name = name
        self.type = type
        self.encodings = encodings
        self.codec = codec
        self.valueCount = valueCount
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
    }

    /// File offset of the chunk's first page.
    var startOffset: Int64 { dictionaryPageOffset ?? dataPageOffset }

    /// Writes the `ColumnChunk` struct's fields (the caller opens and closes the struct).
    func write(into writer: inout ThriftCompactWriter) {
        // file_offset is deprecated (it once meant the offset of the metadata); writers put the chunk's start.
        writer.field(2, i64: startOffset)
        writer.field(3) { metadata in
            metadata.field(1, i32: type.rawValue)
            metadata.field(2, i32List: encodings.map(\.rawValue))
            metadata.field(3, stringList: [name])
            metadata.field(4, i32: codec.rawValue)
            metadata.field(5, i64: valueCount)
            metadata.field(6, i64: totalUncompressedSize)
            metadata.field(7, i64: totalCompressedSize)
            metadata.field(9, i64: dataPageOffset)
            if let dictionaryPageOffset { metadata.field(11, i64: dictionaryPageOffset) }
            metadata.field(12) { statistics.write(into: &$0) }
        }
    }
}
