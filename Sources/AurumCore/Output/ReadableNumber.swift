import Foundation

/// Numbers as people read them in a table on a screen: grouped thousands, doubles rounded to a few
/// significant digits (the same decimals down a column), ratios as percentages. Only for the eye: CSV and JSON keep exact, round-trip values
/// (``DoubleFormat``), and nothing is ever computed from these texts.
public enum ReadableNumber {
    /// Significant digits a double keeps (two decimals at least, so money reads as money).
    public static let significantDigits = 6

    /// `1234567` as `1,234,567`.
    public static func integer(_ value: Int64) -> String {
        grouped(String(value.magnitude), negative: value < 0)
    }

    /// Decimals for a column of doubles whose largest magnitude is `magnitude`: enough for
    /// ``significantDigits`` significant digits in that value, two at least and six at most (`17,420.75`,
    /// `66.8049`, `0.030512`); nil when the column is better in exponent form (from 1e15 up, or all below 1e-6).
    public static func decimals(forMagnitude magnitude: Double) -> Int? {
        guard magnitude.isFinite else { return 2 }
        if magnitude >= 1e15 || (magnitude < 1e-6 && magnitude > 0) { return nil }
        let exponent = magnitude == 0 ? 0 : Int(log10(magnitude).rounded(.down))
        return min(6, max(2, significantDigits - 1 - exponent))
    }

    /// `value` with `decimals` decimals and grouped thousands (`1,234.57`), or in exponent form when
    /// `decimals` is nil (`1.235e+17`). All of a column gets the same decimals, so their points line up.
    public static func double(_ value: Double, decimals: Int?) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        guard let decimals else { return String(format: "%.\(significantDigits - 3)e", value) }
        return fixed(value, decimals: decimals)
    }

    /// A ratio as a percentage with two decimals: `0.01234` as `1.23%`.
    public static func percent(_ value: Double) -> String {
        if !value.isFinite { return double(value, decimals: 2) }
        return fixed(value * 100, decimals: 2) + "%"
    }

    /// `value` with `decimals` decimals and grouped thousands.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) { text.removeFirst() }  // -0.00
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return grouped(String(parts[0]), negative: negative) + (fraction.isEmpty ? "" : "." + fraction)
    }

    private static func grouped(_ digits: String, negative: Bool) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (negative ? "-" : "") + result
    }
}
