extension DecimalSums {
    /// `integerSum / 10^scale` — the exact sum of stored decimal integers `n`, each `n / 10^scale`, whose
    /// magnitudes are at most `magnitudeBound` — in millionths, exactly as ``add(_:groups:)`` would have added
    /// the decoded doubles one by one; nil when ``add(_:groups:)`` would have marked any of them inexact (more than
    /// 6 places, or a magnitude of 2^50 millionths or more) or the sum overflows Int64 millionths.
    ///
    /// Why it is the same: a value decoded as `Double(n) / 10^scale` with `scale ≤ 6` and `m = n × 10^(6 - scale)`
    /// below 2^50 in magnitude has `value × 10^6` within a quarter of `m`, so ``add(_:groups:)`` rounds it to `m`
    /// and finds `Double(m) / 10^6 == value` (both are the division `n / 10^scale` correctly rounded); the sum
    /// of those `m` is `integerSum × 10^(6 - scale)`.
    public static func millionths(ofIntegerSum integerSum: Int64, scale: Int, magnitudeBound: UInt64) -> Int64? {
        guard (0...places).contains(scale) else { return nil }
        var factor: Int64 = 1
        for _ in scale..<places { factor *= 10 }
        let (largest, overflow) = magnitudeBound.multipliedReportingOverflow(by: UInt64(factor))
        guard !overflow, largest < exactMagnitudeLimit else { return nil }
        let (millionths, sumOverflow) = integerSum.multipliedReportingOverflow(by: factor)
        return sumOverflow ? nil : millionths
    }
}

extension DecimalSums {
    /// The places a sum keeps: values are added as whole millionths (``scale`` is 10^places).
    public static let places = 6
    /// Millionths at or above this magnitude (2^50) are not added exactly (``add(_:groups:)``'s bound).
    public static let exactMagnitudeLimit: UInt64 = 1 << 50
}
