import AurumCore
import Foundation

/// Axis labels people read at a glance: `0`, `2.5k`, `12M`, `1.5B`, `12%`, `0.25`; the same unit for every
/// tick of an axis, so `2.5k` sits above `5k` rather than `5,000`.
public enum AxisNumber {
    /// The labels of `ticks`, `step` apart; percentages when `percent` (ratios: 0.12 is `12%`); with
    /// `decimalComma`, in the Portuguese style (`1.250`, `2,5k`).
    public static func labels(_ ticks: [Double], step: Double, percent: Bool, decimalComma: Bool = false) -> [String] {
        let labels = labels(ticks, step: step, percent: percent)
        guard decimalComma else { return labels }
        return labels.map { String($0.map { $0 == "," ? "." : $0 == "." ? "," : $0 }) }
    }

    private static func labels(_ ticks: [Double], step: Double, percent: Bool) -> [String] {
        if percent {
            let decimals = decimals(for: step * 100)
            return ticks.map { fixed($0 * 100, decimals) + "%" }
        }
        let largest = ticks.map(\.magnitude).max() ?? 0
        let (divisor, suffix): (Double, String) =
            largest >= 1e9 ? (1e9, "B") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1, "")
        let decimals = decimals(for: step / divisor)
        return ticks.map { $0 == 0 ? "0" : fixed($0 / divisor, decimals) + suffix }
    }

    /// Decimals that keep ticks `step` apart distinct: none for steps of 1 and more, one for 0.5, two for 0.25.
    static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        for decimals in 0...8 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return decimals }
        }
        return 8
    }

    /// `value` with at most `decimals` decimals (trailing zeros dropped: `5k` beside `2.5k`) and grouped
    /// thousands, never `-0`.
    private static func fixed(_ value: Double, _ decimals: Int) -> String {
        var text = ReadableNumber.double(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
