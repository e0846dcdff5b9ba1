/// A calendar date as days since 1970-01-01 (proleptic Gregorian), the in-memory and on-disk form of DATE.
///
/// Conversions use Howard Hinnant's `days_from_civil` / `civil_from_days`, exact over the whole Int32 range
/// of years we accept (0001…9999).
public struct Date32: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01; negative before.
    public var days: Int32

    public init(days: Int32) { self.days = days }

    /// The date with the given civil year, month (1–12) and day (1–31), or nil when it is not a real date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Date32.daysInMonth(year: year, month: month)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.days = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, real calendar date); nil otherwise.
    public init?(iso text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        let parsed: Date32? = utf8.withUnsafeMutableBufferPointer { Date32(isoBytes: UnsafeRawBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses exactly `YYYY-MM-DD` from raw UTF-8 bytes; nil when the bytes are not a real calendar date.
    @inlinable
    public init?(isoBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The number of days in `month` of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The civil (year, month, day) of this date.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday, Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday.
    public var isoWeekday: Int {
        let weekday = (Int(days) + 3) % 7  // 0 = Monday
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    /// The Monday that starts this date's ISO week.
    public var weekStart: Date32 { Date32(days: days - Int32(isoWeekday - 1)) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = civil
        guard (0...9999).contains(year) else {
            func pad(_ value: Int, _ width: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendISO(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``description``'s text appended as UTF-8 for years 0–9999: the ten bytes made on the stack and appended
    /// at once (no String, one capacity check; CSV and table output write a date per row).
    public func appendISO(into output: inout [UInt8]) {
        let (year, month, day) = civil
        guard (0...9999).contains(year) else { return output.append(contentsOf: description.utf8) }
        let zero = UInt8(ascii: "0")
        let dash = UInt8(ascii: "-")
        let text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10),
            dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10), zero + UInt8(day % 10)
        )
        withUnsafeBytes(of: text) { output.append(contentsOf: $0) }
    }

    public static func < (lhs: Date32, rhs: Date32) -> Bool { lhs.days < rhs.days }
}
