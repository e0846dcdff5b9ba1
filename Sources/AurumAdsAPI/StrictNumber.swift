/// The contract's strict number grammars (rule 3), over raw UTF-8 bytes. No leniency: no blanks, no `+`, no
/// `_`, no `NaN`, no empty text; each function returns nil for anything outside its grammar.
///
/// Doubles are correctly rounded (the nearest double to the decimal text). The fast path is Clinger's: when
/// the decimal digits form an integer `m ≤ 2^53` and the power of ten `k` satisfies `|k| ≤ 22`, both `m` and
/// `10^k` are exact doubles and one IEEE multiplication or division rounds correctly. Other texts go to the
/// standard library's correctly rounded parser. A result that is not finite (e.g. `1e400`) is nil: Aurum never
/// stores infinities. Negative zero is returned as +0, so that no `-0` reaches Silver.
enum StrictNumber {
    /// `-?[0-9]+` that fits Int64 (leading zeros allowed: "007" is 7).
    static func integer(_ text: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        let negative = !text.isEmpty && text[0] == ASCII.minus
        if negative { index = 1 }
        guard index < text.count else { return nil }
        var magnitude: UInt64 = 0
        while index < text.count {
            let digit = text[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1 && !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Whether `text` is `-?[0-9]+` (whatever its size): tells "too large" from "not an integer" in details.
    static func isIntegerShaped(_ text: UnsafeRawBufferPointer) -> Bool {
        let start = !text.isEmpty && text[0] == ASCII.minus ? 1 : 0
        guard start < text.count else { return false }
        for index in start..<text.count where !ASCII.isDigit(text[index]) { return false }
        return true
    }

    /// Meta's decimal `-?[0-9]+(\.[0-9]+)?`, correctly rounded.
    static func decimal(_ text: UnsafeRawBufferPointer) -> Double? {
        var scan = DigitScan(text)
        guard scan.integerDigits(leadingZerosAllowed: true), scan.fraction(), scan.index == text.count else {
            return nil
        }
        return scan.value(exponent: 0)
    }

    /// A JSON number `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, correctly rounded.
    static func jsonNumber(_ text: UnsafeRawBufferPointer) -> Double? {
        var scan = DigitScan(text)
        guard scan.integerDigits(leadingZerosAllowed: false), scan.fraction() else { return nil }
        var exponent = 0
        if scan.index < text.count {
            guard text[scan.index] | 0x20 == UInt8(ascii: "e") else { return nil }
            scan.index += 1
            var exponentNegative = false
            if scan.index < text.count && (text[scan.index] == ASCII.plus || text[scan.index] == ASCII.minus) {
                exponentNegative = text[scan.index] == ASCII.minus
                scan.index += 1
            }
            guard scan.index < text.count else { return nil }
            while scan.index < text.count {
                let digit = text[scan.index] &- ASCII.zero
                guard digit < 10 else { return nil }
                // Beyond 10^6 the value is 0 or infinite anyway; saturate rather than overflow.
                exponent = min(exponent * 10 + Int(digit), 1_000_000)
                scan.index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        return scan.value(exponent: exponent)
    }

    /// Exact powers of ten representable as doubles.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// Sign, integer part and fraction of a decimal text, with the digits gathered into a mantissa while it
    /// stays exact.
    private struct DigitScan {
        let text: UnsafeRawBufferPointer
        var index = 0
        var negative = false
        /// The digits read so far as an integer (exact while `mantissaExact`).
        var mantissa: UInt64 = 0
        var mantissaExact = true
        var fractionDigits = 0

        init(_ text: UnsafeRawBufferPointer) { self.text = text }

        mutating func digit(_ digit: UInt8) {
            guard mantissaExact else { return }
            let next = mantissa &* 10 &+ UInt64(digit)
            if mantissa > (1 << 53) / 10 || next > (1 << 53) { mantissaExact = false } else { mantissa = next }
        }

        /// `-?[0-9]+`, or JSON's `-?(0|[1-9][0-9]*)`.
        mutating func integerDigits(leadingZerosAllowed: Bool) -> Bool {
            if index < text.count && text[index] == ASCII.minus {
                negative = true
                index += 1
            }
            let first = index
            while index < text.count && ASCII.isDigit(text[index]) {
                digit(text[index] - ASCII.zero)
                index += 1
            }
            guard index > first else { return false }
            return leadingZerosAllowed || text[first] != ASCII.zero || index - first == 1
        }

        /// `(\.[0-9]+)?`
        mutating func fraction() -> Bool {
            guard index < text.count && text[index] == ASCII.dot else { return true }
            index += 1
            let first = index
            while index < text.count && ASCII.isDigit(text[index]) {
                digit(text[index] - ASCII.zero)
                fractionDigits += 1
                index += 1
            }
            return index > first
        }

        /// The value of the whole text, which matched the grammar, times 10^`exponent`.
        func value(exponent: Int) -> Double? {
            var magnitude: Double
            let power = exponent - fractionDigits
            if mantissaExact && mantissa == 0 {
                magnitude = 0
            } else if mantissaExact && (0...22).contains(power) {
                magnitude = Double(mantissa) * StrictNumber.powersOfTen[power]
            } else if mantissaExact && (-22..<0).contains(power) {
                magnitude = Double(mantissa) / StrictNumber.powersOfTen[-power]
            } else {
                // Slow path: the standard library's correctly rounded parser (it accepts this grammar).
                let start = negative ? 1 : 0
                guard
                    let parsed = Double(
                        String(decoding: UnsafeRawBufferPointer(rebasing: text[start...]), as: UTF8.self))
                else { return nil }
                magnitude = parsed
            }
            guard magnitude.isFinite else { return nil }
            return negative && magnitude != 0 ? -magnitude : magnitude
        }
    }
}
