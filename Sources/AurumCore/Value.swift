/// One scalar value of any ``DataType``, or NULL.
///
/// Used at the edges (literals, zone-map bounds, printing), never per row in a hot loop.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case int64(Int64)
    case double(Double)
    case string(String)
    case date(Date32)
    case bool(Bool)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as SQL would print it (NULL as `NULL`).
    public var description: String {
        switch self {
        case .null: "NULL"
        case .int64(let value): String(value)
        case .double(let value): DoubleFormat.roundTrip(value)
        case .string(let value): value
        case .date(let value): value.description
        case .bool(let value): value ? "true" : "false"
        }
    }
}
