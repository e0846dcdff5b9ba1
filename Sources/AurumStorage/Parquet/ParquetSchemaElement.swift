import AurumCore

/// parquet.thrift `SchemaElement`: one node of the file's schema, which is flat here (a root group, then one
/// leaf per column), and how each ``DataType`` is written.
struct ParquetSchemaElement: Sendable, Equatable {
    /// parquet.thrift `LogicalType` (a union): the annotations Aurum's types need.
    enum LogicalType: Sendable, Equatable {
        /// UTF-8 text on BYTE_ARRAY (union field 1, `StringType`).
        case string
        /// Days since 1970-01-01 on INT32 (union field 6, `DateType`).
        case date
    }

    var name: String
    /// The physical type of a leaf; nil for the root group.
    var type: ParquetPhysicalType?
    var repetition: ParquetRepetition?
    /// The number of children of a group (the root's: the column count); nil for a leaf.
    var childCount: Int32?
    var convertedType: ParquetConvertedType?
    var logicalType: LogicalType?

    /// The root group holding `columnCount` leaves.
    static func root(columnCount: Int) -> ParquetSchemaElement {
        ParquetSchemaElement(name: "schema", type: nil, repetition: nil, childCount: Int32(columnCount), convertedType: nil, logicalType: nil)
    }

    /// The leaf for `field`: BIGINT as INT64, DOUBLE as DOUBLE, DATE as INT32 annotated DATE, VARCHAR as
    /// BYTE_ARRAY annotated STRING (UTF8), BOOLEAN as BOOLEAN; a nullable field is OPTIONAL, else REQUIRED.
    static func leaf(_ field: Field) -> ParquetSchemaElement {
        let type = physicalType(of: field.type)
        let repetition: ParquetRepetition = field.nullable ? .optional : .required
        switch field.type {
        case .int64, .double, .bool:
            return ParquetSchemaElement(name: field.name, type: type, repetition: repetition, childCount: nil, convertedType: nil, logicalType: nil)
        case .date:
            return ParquetSchemaElement(name: field.name, type: type, repetition: repetition, childCount: nil, convertedType: .date, logicalType: .date)
        case .string:
            return ParquetSchemaElement(name: field.name, type: type, repetition: repetition, childCount: nil, convertedType: .utf8, logicalType: .string)
        }
    }

    /// The physical type a column of `type` is written as.
    static func physicalType(of type: DataType) -> ParquetPhysicalType {
        switch type {
        case .int64: .int64
        case .double: .double
        case .date: .int32
        case .string: .byteArray
        case .bool: .boolean
        }
    }

    /// Writes the struct's fields (the caller opens and closes the struct).
    func write(into writer: inout ThriftCompactWriter) {
        if let type { writer.field(1, i32: type.rawValue) }
        if let repetition { writer.field(3, i32: repetition.rawValue) }
        writer.field(4, string: name)
        if let childCount { writer.field(5, i32: childCount) }
        if let convertedType { writer.field(6, i32: convertedType.rawValue) }
        if let logicalType {
            writer.field(10) { union in
                // Each member is an empty struct: the union field's id says which.
                switch logicalType {
                case .string: union.field(1) { _ in }
                case .date: union.field(6) { _ in }
                }
            }
        }
    }
}
