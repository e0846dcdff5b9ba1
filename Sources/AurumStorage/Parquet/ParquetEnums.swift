/// The enums of Parquet's Thrift definition (parquet-format's `src/main/thrift/parquet.thrift`) that Aurum
/// writes; the raw values are the file format's, never renumber them.
enum ParquetPhysicalType: Int32, Sendable {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case double = 5
    case byteArray = 6
}

/// parquet.thrift `ConvertedType`: the legacy annotation older readers understand, written beside the logical type.
enum ParquetConvertedType: Int32, Sendable {
    case utf8 = 0
    case date = 6
}

/// parquet.thrift `FieldRepetitionType`.
enum ParquetRepetition: Int32, Sendable {
    /// The column holds a value in every row (no definition levels are written).
    case required = 0
    /// The column may hold NULL (one definition level per row: 1 = value, 0 = NULL).
    case optional = 1
}

/// parquet.thrift `Encoding`.
enum ParquetEncoding: Int32, Sendable {
    case plain = 0
    /// The RLE / bit-packing hybrid (definition levels).
    case rle = 3
    /// Dictionary indices in the RLE / bit-packing hybrid, after one byte giving their bit width.
    case rleDictionary = 8
}

/// parquet.thrift `CompressionCodec`.
enum ParquetCompressionCodec: Int32, Sendable {
    case uncompressed = 0
    case zstd = 6
}

/// parquet.thrift `PageType`.
enum ParquetPageType: Int32, Sendable {
    case dataPage = 0
    case dictionaryPage = 2
}
