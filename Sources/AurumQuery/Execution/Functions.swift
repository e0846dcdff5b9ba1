import AurumCore
import Foundation

/// The scalar functions, vectorised.
enum Functions {
    static func evaluate(_ function: ScalarFunction, _ arguments: [Column], type: DataType, count: Int, offset: Int) throws(QueryError) -> Column {
        switch function {
        case .dateTrunc:
            guard let part = DatePart(rawValue: arguments[0].stringValues.dictionary.first ?? "") else {
                throw .execution(message: "date_trunc() needs a part", offset: offset)
            }
            let dates = arguments[1].dateValues
            return .date(PrimitiveColumn(values: mapRuns(dates.values) { truncate(Date32(days: $0), to: part).days }, validity: dates.validity))
        case .year, .month, .day:
            let dates = arguments[0].dateValues
            return .int64(PrimitiveColumn(values: mapRuns(dates.values) { days in
                let civil = Date32(days: days).civil
                return Int64(function == .year ? civil.year : (function == .month ? civil.month : civil.day))
            }, validity: dates.validity))
        case .coalesce:
            var choice = [Int](repeating: arguments.count - 1, count: count)
            for row in 0..<count {
                if let first = arguments.firstIndex(where: { !$0.isNull(row) }) { choice[row] = first }
            }
            return Pick.rows(from: arguments, choice: choice, type: type)
        case .nullif:
            let equal = try Comparison.evaluate(.equal, arguments[0], arguments[1]).boolValues
            var result = arguments[0]
            var validity = result.validity ?? [UInt8](repeating: 1, count: count)
            for row in 0..<count where !equal.isNull(row) && equal.values[row] != 0 { validity[row] = 0 }
            result = withValidity(result, validity)
            return result
        case .round:
            let digits = arguments[1].int64Values
            if type == .int64 {
                let values = arguments[0].int64Values
                var result = values.values
                for row in 0..<count where digits.values[row] < 0 && !values.isNull(row) && !digits.isNull(row) {
                    guard let rounded = roundInteger(values.values[row], digits: digits.values[row]) else {
                        throw .execution(message: "integer overflow in round(): \(values.values[row]) rounded to \(digits.values[row]) digits is out of range for BIGINT", offset: offset)
                    }
                    result[row] = rounded
                }
                return .int64(PrimitiveColumn(values: result, validity: mergeValidity(values.validity, digits.validity)))
            }
            let values = arguments[0].doubleValues
            var result = values.values
            for row in 0..<count { result[row] = round(values.values[row], digits: digits.values[row]) }
            return .double(PrimitiveColumn(values: result, validity: mergeValidity(values.validity, digits.validity)))
        case .abs:
            if type == .int64 {
                let values = arguments[0].int64Values
                var result = values.values
                for row in 0..<count where !values.isNull(row) {
                    guard values.values[row] != Int64.min else { throw .execution(message: "integer overflow in abs()", offset: offset) }
                    result[row] = Swift.abs(values.values[row])
                }
                return .int64(PrimitiveColumn(values: result, validity: values.validity))
            }
            let values = arguments[0].doubleValues
            return .double(PrimitiveColumn(values: values.values.map { Swift.abs($0) }, validity: values.validity))
        case .lower, .upper:
            let text = arguments[0].stringValues
            let mapped = text.dictionary.map { CaseMapping.map($0, upper: function == .upper) }
            return .string(StringColumn(dictionary: mapped, codes: text.codes, validity: text.validity))
        case .length:
            let text = arguments[0].stringValues
            let lengths = text.dictionary.map { Int64($0.unicodeScalars.count) }
            return .int64(PrimitiveColumn(values: text.codes.enumerated().map { text.isNull($0.offset) ? 0 : lengths[Int($0.element)] }, validity: text.validity))
        case .currentDate:
            preconditionFailure("current_date is folded to a constant by the binder")
        }
    }

    /// `value` rounded half away from zero to a multiple of 10^-digits (`digits` < 0), in exact integer
    /// arithmetic; nil when the result does not fit a BIGINT (DuckDB: "Overflow in ROUND of integer").
    static func roundInteger(_ value: Int64, digits: Int64) -> Int64? {
        // 10^19 already exceeds Int64.max: every value rounds to 0 or, from half of it up, out of range.
        guard digits > -19 else {
            if digits == -19 && value.magnitude >= 5_000_000_000_000_000_000 { return nil }
            return 0
        }
        var power: Int64 = 1
        for _ in 0..<(-digits) { power *= 10 }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: power)
        var steps = quotient
        if remainder.magnitude >= UInt64(power / 2) { steps += value < 0 ? -1 : 1 }
        let (rounded, overflow) = steps.multipliedReportingOverflow(by: power)
        return overflow ? nil : rounded
    }

    /// DuckDB's rounding of a DOUBLE to `digits` decimals: half away from zero, of the exact binary value
    /// (so `round(402.45, 1)` is 402.4: the double 402.45 is 402.4499…). The scaled product `x × 10^d` is
    /// rounded as a double; when it lands exactly on a half, the product's rounding error (`fma`) tells which
    /// side the exact value is on. A result that overflows returns the input.
    static func round(_ value: Double, digits: Int64) -> Double {
        if digits == 0 { return value.rounded(.toNearestOrAwayFromZero) }
        if digits > 0 {
            let modifier = pow(10.0, Double(min(digits, 308)))
            let scaled = value * modifier
            var rounded = scaled.rounded(.toNearestOrAwayFromZero)
            if abs(scaled - scaled.rounded(.towardZero)) == 0.5 {
                let error = fma(value, modifier, -scaled)
                if error > 0 { rounded = scaled.rounded(.up) } else if error < 0 { rounded = scaled.rounded(.down) }
            }
            let result = rounded / modifier
            return result.isFinite ? result : value
        }
        // (digits < 0 here, so `-digits` cannot overflow only once clamped: -Int64.min does not exist.)
        let modifier = pow(10.0, Double(-max(digits, -308)))
        let rounded = (value / modifier).rounded(.toNearestOrAwayFromZero) * modifier
        return rounded.isFinite ? rounded : value
    }

    /// `transform` of each of `days`, computed once per run of equal values: rows come clustered by date, and
    /// a civil-calendar conversion costs more than the compare.
    private static func mapRuns<Result>(_ days: [Int32], _ transform: (Int32) -> Result) -> [Result] {
        guard let first = days.first else { return [] }
        var previous = first
        var result = transform(first)
        return days.map { day in
            if day != previous {
                previous = day
                result = transform(day)
            }
            return result
        }
    }

    static func truncate(_ date: Date32, to part: DatePart) -> Date32 {
        switch part {
        case .day: return date
        case .week: return date.weekStart
        case .month: return Date32(year: date.civil.year, month: date.civil.month, day: 1) ?? date
        case .quarter: return Date32(year: date.civil.year, month: (date.civil.month - 1) / 3 * 3 + 1, day: 1) ?? date
        case .year: return Date32(year: date.civil.year, month: 1, day: 1) ?? date
        }
    }

    static func withValidity(_ column: Column, _ validity: [UInt8]) -> Column {
        let mask: [UInt8]? = validity.contains(0) ? validity : nil
        switch column {
        case .int64(let c): return .int64(PrimitiveColumn(values: c.values, validity: mask))
        case .double(let c): return .double(PrimitiveColumn(values: c.values, validity: mask))
        case .date(let c): return .date(PrimitiveColumn(values: c.values, validity: mask))
        case .bool(let c): return .bool(PrimitiveColumn(values: c.values, validity: mask))
        case .string(let c): return .string(StringColumn(dictionary: c.dictionary, codes: c.codes, validity: mask, shared: c.shared))
        }
    }
}

/// Case mapping one code point to one, as DuckDB (utf8proc) does: Swift's `uppercased()` applies the full
/// mappings (`ß` → `SS`, `ﬁ` → `FI`) and context rules (final sigma), which DuckDB does not.
enum CaseMapping {
    static func map(_ text: String, upper: Bool) -> String {
        var text = text
        // ASCII text (most ids, names and dates) maps byte by byte; Unicode's tables cost a String per character.
        let ascii = text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { mapped in
                for (index, byte) in bytes.enumerated() { mapped[index] = mapASCII(byte, upper: upper) }
                return bytes.count
            }
        }
        if let ascii { return ascii }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                scalars.append(Unicode.Scalar(mapASCII(UInt8(scalar.value), upper: upper)))
                continue
            }
            let full = upper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
            let mapped = full.unicodeScalars
            if mapped.count == 1, let single = mapped.first {
                scalars.append(single)
            } else if let special = (upper ? specialUpper : specialLower)[scalar.value], let replacement = Unicode.Scalar(special) {
                scalars.append(replacement)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// An ASCII byte's case mapped (letters only).
    @inline(__always)
    private static func mapASCII(_ byte: UInt8, upper: Bool) -> UInt8 {
        upper ? (byte &- 0x61 < 26 ? byte &- 0x20 : byte) : (byte &- 0x41 < 26 ? byte &+ 0x20 : byte)
    }

    /// Code points whose full mapping has several code points but which utf8proc maps to one.
    private static let specialUpper: [UInt32: UInt32] = [0x00DF: 0x1E9E]  // ß → ẞ
    private static let specialLower: [UInt32: UInt32] = [0x0130: 0x0069]  // İ → i
}

/// CAST over a column: per dictionary entry for text, per row otherwise.
enum Cast {
    static func evaluate(_ column: Column, to type: DataType, offset: Int) throws(QueryError) -> Column {
        if column.type == type { return column }
        if case .string(let text) = column {
            var converted: [Value] = []
            converted.reserveCapacity(text.dictionary.count)
            for entry in text.dictionary { converted.append(try CastOperation.cast(.string(entry), to: type, offset: offset)) }
            var values: [Value] = []
            values.reserveCapacity(text.count)
            for row in 0..<text.count { values.append(text.isNull(row) ? .null : converted[Int(text.codes[row])]) }
            return build(values, type: type)
        }
        var values: [Value] = []
        values.reserveCapacity(column.count)
        for row in 0..<column.count { values.append(try CastOperation.cast(column.value(at: row), to: type, offset: offset)) }
        return build(values, type: type)
    }

    /// A column of `type` from values (slow path: casts and small results).
    static func build(_ values: [Value], type: DataType) -> Column {
        switch type {
        case .int64:
            var builder = PrimitiveColumnBuilder<Int64>(zero: 0)
            for value in values { if case .int64(let v) = value { builder.append(v) } else { builder.append(nil) } }
            return .int64(builder.finish())
        case .double:
            var builder = PrimitiveColumnBuilder<Double>(zero: 0)
            for value in values {
                switch value {
                case .double(let v): builder.append(v)
                case .int64(let v): builder.append(Double(v))
                default: builder.append(nil)
                }
            }
            return .double(builder.finish())
        case .date:
            var builder = PrimitiveColumnBuilder<Int32>(zero: 0)
            for value in values { if case .date(let v) = value { builder.append(v.days) } else { builder.append(nil) } }
            return .date(builder.finish())
        case .bool:
            var builder = PrimitiveColumnBuilder<UInt8>(zero: 0)
            for value in values { if case .bool(let v) = value { builder.append(v ? 1 : 0) } else { builder.append(nil) } }
            return .bool(builder.finish())
        case .string:
            var builder = StringColumnBuilder()
            for value in values { if case .string(let v) = value { builder.append(v) } else { builder.append(nil) } }
            return .string(builder.finish())
        }
    }
}
