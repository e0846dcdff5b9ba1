/// A series as one line of small bars, one character per value (`▁▂▃▅▇█`; in ASCII `_.-=+*#`), scaled between
/// its own smallest and largest value: for the shape of a trend beside a table row, not for reading values.
public enum Sparkline {
    private static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let asciiLevels: [Character] = ["_", ".", ",", "-", "=", "+", "*", "#"]

    /// One character per value: a space for NULL; the middle level for all-equal values.
    public static func text(_ values: [Double?], unicode: Bool) -> String {
        let levels = unicode ? unicodeLevels : asciiLevels
        let present = values.compactMap { $0 }.filter(\.isFinite)
        guard let lower = present.min(), let upper = present.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { value -> Character in
            guard let value, value.isFinite else { return " " }
            guard upper > lower else { return levels[levels.count / 2 - 1] }
            let level = Int(((value - lower) / (upper - lower) * Double(levels.count - 1)).rounded())
            return levels[min(max(level, 0), levels.count - 1)]
        })
    }
}
