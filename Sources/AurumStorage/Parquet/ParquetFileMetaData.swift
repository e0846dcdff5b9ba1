/// parquet.thrift `FileMetaData` with its `RowGroup`s: the footer, written after the last row group and
/// followed by its length (4 bytes, little-endian) and the magic `PAR1`.
struct ParquetFileMetaData: Sendable, Equatable {
    /// parquet.thrift `RowGroup`: the column chunks of a horizontal slice of the rows.
    struct RowGroup: Sendable, Equatable {
        /// One chunk per column, in schema order.
        var columns: [ParquetColumnChunk]
        var rowCount: Int64

        init(columns: [ParquetColumnChunk], rowCount: Int64) {
            self.columns = columns
            self.rowCount = rowCount
        }

        /// Bytes of the row group's pages before compression (what a reader decodes).
        var totalByteSize: Int64 { columns.reduce(0) { $0 + $1.totalUncompressedSize } }
        /// Bytes of the row group in the file.
        var totalCompressedSize: Int64 { columns.reduce(0) { $0 + $1.totalCompressedSize } }
    }

    /// The schema: the root group first, then one leaf per column.
    var schema: [ParquetSchemaElement]
    var rowCount: Int64
    var rowGroups: [RowGroup]
    /// Who wrote the file (`created_by`).
    var createdBy: String

    init(schema: [ParquetSchemaElement], rowCount: Int64, rowGroups: [RowGroup], createdBy: String) {
        self.schema = schema
        self.rowCount = rowCount
        self.rowGroups = rowGroups
        self.createdBy = createdBy
    }

    /// The footer as a compact-protocol struct.
    func encoded() -> [UInt8] {
        var writer = ThriftCompactWriter()
        // Version 2: the file uses format 2 features (logical types, RLE_DICTIONARY).
        writer.field(1, i32: 2)
        writer.field(2, listOf: .struct, count: schema.count) { list in
            for element in schema {
                list.beginStruct()
                element.write(into: &list)
                list.endStruct()
            }
        }
        writer.field(3, i64: rowCount)
        writer.field(4, listOf: .struct, count: rowGroups.count) { list in
            for (ordinal, group) in rowGroups.enumerated() {
                list.beginStruct()
                list.field(1, listOf: .struct, count: group.columns.count) { columns in
                    for column in group.columns {
                        columns.beginStruct()
                        column.write(into: &columns)
                        columns.endStruct()
                    }
                }
                list.field(2, i64: group.totalByteSize)
                list.field(3, i64: group.rowCount)
                if let first = group.columns.first { list.field(5, i64: first.startOffset) }
                list.field(6, i64: group.totalCompressedSize)
                // `ordinal` is an i16: past 32,767 row groups it is left out rather than wrapped.
                if let ordinal = Int16(exactly: ordinal) { list.field(7, i16: ordinal) }
                list.endStruct()
            }
        }
        writer.field(6, string: createdBy)
        // column_orders: TYPE_ORDER (union field 1, an empty struct) for every leaf, which tells readers that
        // min_value/max_value follow each type's order (text: unsigned bytes) and may be trusted.
        let leafCount = schema.count - 1
        writer.field(7, listOf: .struct, count: leafCount) { list in
            for _ in 0..<leafCount {
                list.beginStruct()
                list.field(1) { _ in }
                list.endStruct()
            }
        }
        return writer.finished()
    }
}
