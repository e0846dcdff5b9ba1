import AurumCore

/// A failed check: the contract's reason code and a human sentence naming the field and its value.
struct RowRejection: Error {
    let reason: QuarantineReason
    let detail: String

    init(_ reason: QuarantineReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}

/// The per-field checks of the data contract's rule 3, shared by ``MetaRowReader`` and ``GoogleRowReader``.
///
/// Each check reads one field (a tape index, nil when absent) and returns its value or throws the rejection
/// that quarantines the row. The readers call them in contract order, so the first throw is the row's reason.
/// `field` is the field's name as the raw row spells it (`ad_id`, `metrics.costMicros`): details point there.
///
/// Decisions where the contract is silent:
/// - JSON null is the same as absent everywhere (an id or date is then missing; a metric is 0; a name is NULL).
/// - Ids are JSON strings or JSON numbers (a number keeps its literal text); an id that is an object, an array
///   or a boolean counts as missing.
/// - A date that is present but not a string (a number, `true`, …) is a `bad_date`.
/// - A metric sent as an empty string `""` is non-numeric, not absent: "absent counts as 0" is about the field
///   being left out, and an empty metric is a malformed value. (Only ids and dates follow "empty = missing".)
/// - A string metric is decoded before the grammar applies (`"\u0031"` reads as `1`); blanks stay illegal.
enum RowValidator {
    /// A required id: a non-empty string (decoded) or a JSON number's literal text.
    static func requiredId(
        _ view: JSONView, _ node: Int?, field: String, reason: QuarantineReason
    ) throws(RowRejection) -> String {
        guard let node else { throw RowRejection(reason, "\(field) is missing") }
        switch view.kind(node) {
        case .string:
            let value = view.string(node)
            guard !value.isEmpty else { throw RowRejection(reason, "\(field) is empty") }
            return value
        case .number:
            return String(decoding: view.text(node), as: UTF8.self)
        case .null:
            throw RowRejection(reason, "\(field) is null")
        case let kind:
            throw RowRejection(reason, "\(field) is \(kind.phrase), not a string or a number")
        }
    }

    /// An optional text field: a string (decoded, `""` kept), a JSON number's literal text, else nil.
    static func optionalText(_ view: JSONView, _ node: Int?) -> String? {
        guard let node else { return nil }
        switch view.kind(node) {
        case .string: return view.string(node)
        case .number: return String(decoding: view.text(node), as: UTF8.self)
        default: return nil
        }
    }

    /// A required date: exactly `YYYY-MM-DD` naming a real calendar date.
    static func date(_ view: JSONView, _ node: Int?, field: String) throws(RowRejection) -> Date32 {
        guard let node else { throw RowRejection(.missingDate, "\(field) is missing") }
        switch view.kind(node) {
        case .null:
            throw RowRejection(.missingDate, "\(field) is null")
        case .string:
            let parsed: Date32?? = view.withDecodedBytes(node) { bytes in
                bytes.isEmpty ? .none : .some(Date32(isoBytes: bytes))
            }
            guard let parsed else { throw RowRejection(.missingDate, "\(field) is empty") }
            guard let date = parsed else {
                let shaped = view.withDecodedBytes(node) { bytes in
                    bytes.count == 10 && bytes[4] == ASCII.minus && bytes[7] == ASCII.minus
                        && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { ASCII.isDigit(bytes[$0]) }
                }
                throw RowRejection(
                    .badDate,
                    shaped
                        ? "\(field) \(view.describe(node)) is not a calendar date"
                        : "\(field) \(view.describe(node)) is not a date in YYYY-MM-DD form")
            }
            return date
        case let kind:
            throw RowRejection(
                .badDate, "\(field) is \(kind == .number ? view.describe(node) : kind.phrase), not a date string")
        }
    }

    /// An integer metric (`-?[0-9]+`, fits Int64) from a JSON string or an integer JSON number; 0 when absent.
    static func integer(
        _ view: JSONView, _ node: Int?, field: String, nonNumeric: QuarantineReason, negative: QuarantineReason
    ) throws(RowRejection) -> Int64 {
        guard let node, view.kind(node) != .null else { return 0 }
        let value: Int64? = numberText(view, node).flatMap { view.withText($0, StrictNumber.integer) }
        guard let value else {
            let tooLarge = numberText(view, node).map { view.withText($0, StrictNumber.isIntegerShaped) } ?? false
            throw RowRejection(
                nonNumeric,
                "\(field) is \(view.describe(node)), "
                    + (tooLarge ? "an integer too large for 64 bits" : "not an integer"))
        }
        guard value >= 0 else { throw RowRejection(negative, "\(field) is \(plain(view, node)), below zero") }
        return value
    }

    /// A Meta decimal metric (`-?[0-9]+(\.[0-9]+)?`) from a JSON string or such a JSON number; 0 when absent.
    static func decimal(
        _ view: JSONView, _ node: Int?, field: String, nonNumeric: QuarantineReason, negative: QuarantineReason
    ) throws(RowRejection) -> Double {
        guard let node, view.kind(node) != .null else { return 0 }
        return try decimalValue(view, node, field: field, nonNumeric: nonNumeric, negative: negative)
    }

    /// A present Meta decimal value (see ``decimal(_:_:field:nonNumeric:negative:)``); negative values throw.
    static func decimalValue(
        _ view: JSONView, _ node: Int, field: String, nonNumeric: QuarantineReason, negative: QuarantineReason
    ) throws(RowRejection) -> Double {
        let value = try unsignedDecimal(view, node, field: field, nonNumeric: nonNumeric)
        guard value >= 0 else { throw RowRejection(negative, "\(field) is \(plain(view, node)), below zero") }
        return value
    }

    /// A present Meta decimal value, negative or not.
    static func unsignedDecimal(
        _ view: JSONView, _ node: Int, field: String, nonNumeric: QuarantineReason
    ) throws(RowRejection) -> Double {
        let value: Double? = numberText(view, node).flatMap { view.withText($0, StrictNumber.decimal) }
        guard let value else {
            throw RowRejection(nonNumeric, "\(field) is \(view.describe(node)), not a decimal number")
        }
        return value
    }

    /// A Google double metric: a JSON number token (a JSON string is non-numeric); 0 when absent.
    static func jsonNumber(
        _ view: JSONView, _ node: Int?, field: String, nonNumeric: QuarantineReason, negative: QuarantineReason
    ) throws(RowRejection) -> Double {
        guard let node, view.kind(node) != .null else { return 0 }
        guard view.kind(node) == .number else {
            let what = view.kind(node) == .string ? "a string, not a JSON number" : "not a number"
            throw RowRejection(nonNumeric, "\(field) is \(view.describe(node)), \(what)")
        }
        guard let value = StrictNumber.jsonNumber(view.text(node)) else {
            throw RowRejection(nonNumeric, "\(field) is \(view.describe(node)), beyond the range of a double")
        }
        guard value >= 0 else { throw RowRejection(negative, "\(field) is \(view.describe(node)), below zero") }
        return value
    }

    /// Where a metric's text is: a string (to decode) or a number token; nil for other kinds.
    static func numberText(_ view: JSONView, _ node: Int) -> NumberText? {
        switch view.kind(node) {
        case .string: .string(node)
        case .number: .token(node)
        default: nil
        }
    }

    /// A value in a negative-value detail, unquoted: `spend is -27.26, below zero`.
    static func plain(_ view: JSONView, _ node: Int) -> String {
        view.kind(node) == .string ? view.string(node) : view.describe(node)
    }
}

/// The text a metric is read from: a JSON string's decoded value or a JSON number's token.
enum NumberText {
    case string(Int)
    case token(Int)
}

extension JSONView {
    /// Calls `body` with the bytes of `text`.
    func withText<Result>(_ text: NumberText, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch text {
        case .string(let node): withDecodedBytes(node, body)
        case .token(let node): body(self.text(node))
        }
    }
}
