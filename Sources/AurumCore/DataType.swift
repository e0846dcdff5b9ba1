/// The physical and logical types a column can hold.
///
/// The raw values are part of the segment file format (docs/segment-format.md): never renumber them.
public enum DataType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// 64-bit signed integer.
    case int64 = 1
    /// IEEE-754 binary64.
    case double = 2
    /// UTF-8 text, held dictionary-encoded in memory (see ``StringColumn``).
    case string = 3
    /// A calendar date, stored as days since 1970-01-01 (``Date32``).
    case date = 4
    /// A boolean, stored as one byte (0 or 1).
    case bool = 5

    /// The name used in schemas, `aurum schema` and the query language.
    public var description: String {
        switch self {
        case .int64: "BIGINT"
        case .double: "DOUBLE"
        case .string: "VARCHAR"
        case .date: "DATE"
        case .bool: "BOOLEAN"
        }
    }

    /// Whether values of this type are numbers (sortable and summable as such).
    public var isNumeric: Bool { self == .int64 || self == .double }
}
