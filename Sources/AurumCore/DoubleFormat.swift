/// Text forms of doubles that read back to the same bits.
public enum DoubleFormat {
    /// The shortest decimal text that parses back to exactly `value` (Swift's `description`, which is
    /// shortest-round-trip), spelled for CSV and BI tools: plain digits, exponent only outside 1e-5…1e16.
    /// NaN and infinities, which Aurum never stores, print as `nan`, `inf` and `-inf`.
    public static func roundTrip(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }
}
