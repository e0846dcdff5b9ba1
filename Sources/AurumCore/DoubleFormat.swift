/// Text forms of doubles that read back to the same bits.
public enum DoubleFormat {
    /// The shortest decimal text that parses back to exactly `value` (Swift's `description`, which is
    /// shortest-round-trip), spelled for CSV and BI tools: plain digits (`1.0`, `0.0001`) when
    /// 1e-4 ≤ |value| ≤ 2^53 or value is ±0, exponent form (`1e-05`, `1e+16`) outside.
    /// NaN and infinities, which Aurum never stores, print as `nan`, `inf` and `-inf`.
    public static func roundTrip(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }
}
