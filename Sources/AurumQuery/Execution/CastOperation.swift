import AurumCore
import Foundation

/// Conversions between types, with DuckDB's rules: DOUBLE → BIGINT rounds half to even (C's nearbyint; a
/// decimal *literal* such as `2.5::BIGINT` rounds half away from zero, as DuckDB's DECIMAL does); text → number
/// trims spaces and must be a whole number or decimal; text → DATE must be `YYYY-MM-DD`.
enum CastOperation {
    static func cast(_ value: Value, to type: DataType, offset: Int) throws(QueryError) -> Value {
        if value.isNull { return .null }
        switch (value, type) {
        case (.int64(let number), .int64): return .int64(number)
        case (.int64(let number), .double): return .double(Double(number))
        case (.int64(let number), .bool): return .bool(number != 0)
        case (.int64(let number), .string): return .string(String(number))
        case (.double(let number), .double): return .double(number)
        case (.double(let number), .int64):
            let rounded = number.rounded(.toNearestOrEven)
            guard rounded.isFinite, rounded >= -9.223372036854775808e18, rounded < 9.223372036854775808e18 else {
                throw .execution(message: "\(DoubleFormat.roundTrip(number)) is out of range for BIGINT", offset: offset)
            }
            return .int64(Int64(rounded))
        case (.double(let number), .string): return .string(DoubleFormat.roundTrip(number))
        case (.double(let number), .bool): return .bool(number != 0)
        case (.date(let date), .date): return .date(date)
        case (.date(let date), .string): return .string(date.description)
        case (.bool(let flag), .bool): return .bool(flag)
        case (.bool(let flag), .int64): return .int64(flag ? 1 : 0)
        case (.bool(let flag), .double): return .double(flag ? 1 : 0)
        case (.bool(let flag), .string): return .string(flag ? "true" : "false")
        case (.string(let text), .string): return .string(text)
        case (.string(let text), .int64):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int64(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) { return .int64(number) }
            if let number = Double(trimmed), number.isFinite, trimmed.allSatisfy({ "0123456789.-+eE".contains($0) }) {
                return try cast(.double(number), to: .int64, offset: offset)
            }
            throw .execution(message: "could not convert '\(text)' to BIGINT", offset: offset)
        case (.string(let text), .double):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let number = Double(trimmed), trimmed.lowercased() != "nan", !trimmed.lowercased().contains("inf") else {
                throw .execution(message: "could not convert '\(text)' to DOUBLE", offset: offset)
            }
            return .double(number)
        case (.string(let text), .date):
            guard let date = Date32(iso: text.trimmingCharacters(in: .whitespaces)) else {
                throw .execution(message: "could not convert '\(text)' to DATE (expected YYYY-MM-DD)", offset: offset)
            }
            return .date(date)
        case (.string(let text), .bool):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "t", "1", "yes", "y": return .bool(true)
            case "false", "f", "0", "no", "n": return .bool(false)
            default: throw .execution(message: "could not convert '\(text)' to BOOLEAN", offset: offset)
            }
        default:
            throw .typeMismatch(message: "cannot cast \(valueType(value)) to \(type)", offset: offset)
        }
    }

    private static func valueType(_ value: Value) -> String {
        switch value {
        case .int64: "BIGINT"
        case .double: "DOUBLE"
        case .string: "VARCHAR"
        case .date: "DATE"
        case .bool: "BOOLEAN"
        case .null: "NULL"
        }
    }
}
