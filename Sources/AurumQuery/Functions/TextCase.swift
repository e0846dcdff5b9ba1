import AurumCore

/// `lower(text)` and `upper(text)`: case mapped one code point to one, per dictionary entry (not per row).
struct TextCase: ScalarFunctionDefinition {
    static let lower = TextCase(names: ["lower"], signature: "lower(text) → VARCHAR", upper: false)
    static let upper = TextCase(names: ["upper"], signature: "upper(text) → VARCHAR", upper: true)

    let names: [String]
    let signature: String
    let upper: Bool

    func bind(_ call: FunctionCall) throws(QueryError) -> BoundExpression {
        try call.requireCount(1...1)
        return call.bound(self, [try call.text(0, try call.bindArguments()[0])], .string)
    }

    func evaluate(_ arguments: [Column], _ context: FunctionContext) throws(QueryError) -> Column {
        let text = arguments[0].stringValues
        let mapped = text.dictionary.map { CaseMapping.map($0, upper: upper) }
        return .string(StringColumn(dictionary: mapped, codes: text.codes, validity: text.validity))
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
