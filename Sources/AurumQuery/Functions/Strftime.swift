import AurumCore

/// `strftime(date, format)` (or `strftime(format, date)`, as DuckDB also takes it): the date as text, with
/// DuckDB's format codes. The format must be a constant and is checked at bind time: an unknown code is refused
/// by name, as DuckDB refuses it. A DATE has no time of day, so the time codes print midnight.
struct Strftime: ScalarFunctionDefinition {
    let names = ["strftime"]
    let signature = "strftime(date, format) → VARCHAR; codes: %Y %y %-y %m %-m %d %-d %B %b %h %A %a %j %-j %U %W %V %G %u %w %x %c %H %M %S %I %p %T %X %f %g %n %z %Z %%"

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(2...2)
        let bound = try call.bindArguments()
        // DuckDB takes the two arguments either way round: the format is the text one.
        let formatIndex = bound[0].type == .string && !bound[0].isNullConstant && bound[1].type != .string ? 0 : 1
        let dateIndex = 1 - formatIndex
        let date = try call.date(dateIndex, bound[dateIndex])
        let format = bound[formatIndex]
        if format.isNullConstant { return .constant(.null, .string) }
        guard case .constant(.string(let text), _) = format else {
            throw .typeMismatch(message: "strftime()'s format must be a constant text such as '%Y-%m-%d'", offset: call.arguments[formatIndex].offset)
        }
        do {
            _ = try DateFormat(text)
        } catch {
            throw .typeMismatch(message: "strftime(): \(error.message)", offset: call.arguments[formatIndex].offset)
        }
        return call.bound(self, [date, .constant(.string(text), .string)], .string)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        let format: DateFormat
        do {
            format = try DateFormat(arguments[1].stringValues.dictionary.first ?? "")
        } catch {
            throw .execution(message: "strftime(): \(error.message)", offset: context.offset)
        }
        return DateColumns.text(arguments[0].dateValues, format.format)
    }
}

/// A parsed strftime format: literal text and the codes between it.
struct DateFormat {
    /// Why a format is refused.
    struct Refusal: Error {
        let message: String
    }

    private enum Piece {
        case literal(String)
        /// A code, with `-` (no padding) or not.
        case code(Character, padded: Bool)
    }

    /// The codes a DATE can be formatted with (DuckDB's, less the ones it refuses: %e %D %F %C …).
    private static let codes: Set<Character> = ["a", "A", "w", "u", "d", "b", "h", "B", "m", "y", "Y", "j", "U", "W", "V", "G", "H", "I", "M", "S", "p", "f", "g", "n", "z", "Z", "x", "X", "c", "T"]
    /// The codes DuckDB takes with `-` (no zero padding).
    private static let unpaddable: Set<Character> = ["d", "m", "y", "j", "H", "I", "M", "S"]

    private let pieces: [Piece]

    init(_ text: String) throws(Refusal) {
        guard !text.isEmpty else { throw Refusal(message: "the format is empty") }
        var pieces: [Piece] = []
        var literal = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                literal.append(character)
                continue
            }
            guard var code = characters.next() else { throw Refusal(message: "the format '\(text)' ends with a lone '%'; write %% for a percent sign") }
            if code == "%" {
                literal.append("%")
                continue
            }
            var padded = true
            if code == "-" {
                guard let next = characters.next(), Self.unpaddable.contains(next) else {
                    throw Refusal(message: "the format '\(text)' has an unknown code after '%-'; %-d %-m %-y %-j %-H %-I %-M %-S are the ones without padding")
                }
                code = next
                padded = false
            }
            guard Self.codes.contains(code) else {
                throw Refusal(message: "the format '\(text)' has the unknown code %\(code); known codes: %Y %y %m %d %B %b %h %A %a %j %U %W %V %G %u %w %x %c %H %M %S %I %p %T %X %f %g %n %z %Z %%")
            }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = ""
            }
            pieces.append(.code(code, padded: padded))
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// `date` formatted.
    func format(_ date: Date32) -> String {
        let (year, month, day) = date.civil
        var text = ""
        func number(_ value: Int, _ width: Int, _ padded: Bool) {
            let digits = String(value)
            if padded && digits.count < width { text += String(repeating: "0", count: width - digits.count) }
            text += digits
        }
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .code(let code, let padded):
                switch code {
                case "a": text += DateName.weekdayNames[date.isoWeekday - 1].prefix(3)
                case "A": text += DateName.weekdayNames[date.isoWeekday - 1]
                case "w": text += String(date.sundayBasedWeekday)
                case "u": text += String(date.isoWeekday)
                case "d": number(day, 2, padded)
                case "b", "h": text += DateName.monthNames[month - 1].prefix(3)
                case "B": text += DateName.monthNames[month - 1]
                case "m": number(month, 2, padded)
                case "y": number(year % 100, 2, padded)
                case "Y": number(year, 4, true)
                case "j": number(date.dayOfYear, 3, padded)
                // Weeks of the year counted from the first Sunday (%U) or Monday (%W); days before it are week 0.
                case "U": number((date.dayOfYear - 1 + 7 - date.sundayBasedWeekday) / 7, 2, true)
                case "W": number((date.dayOfYear - 1 + 7 - (date.isoWeekday - 1)) / 7, 2, true)
                case "V": number(date.isoYearAndWeek.week, 2, true)
                case "G": number(date.isoYearAndWeek.year, 4, true)
                case "H", "M", "S": number(0, 2, padded)
                case "I": number(12, 2, padded)
                case "p": text += "AM"
                case "f": text += "000000"
                case "g": text += "000"
                case "n": text += "000000000"
                case "z": text += "+00"
                case "Z": break
                case "x": text += date.description
                case "X", "T": text += "00:00:00"
                case "c": text += date.description + " 00:00:00"
                default: break
                }
            }
        }
        return text
    }
}
