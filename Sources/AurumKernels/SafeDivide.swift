/// Element-wise `scale × numerator / denominator` with NULL (validity 0) where the denominator is 0: the
/// shape of every Gold KPI (CTR, CPC, CPM, CPA, ROAS).
public enum SafeDivide {
    /// Fills `quotients` and `validity` (1 = value, 0 = NULL) for every row. `scale` multiplies the numerator
    /// first, as `1000 * spend / impressions` does in SQL.
    @inlinable
    public static func divide(
        _ numerators: UnsafeBufferPointer<Double>, _ denominators: UnsafeBufferPointer<Double>, scale: Double = 1,
        quotients: UnsafeMutableBufferPointer<Double>, validity: UnsafeMutableBufferPointer<UInt8>
    ) {
        precondition(numerators.count == denominators.count && quotients.count >= numerators.count && validity.count >= numerators.count)
        for index in 0..<numerators.count {
            let denominator = denominators[index]
            let isZero = denominator == 0
            // Branch-free: divide by 1 where the result is NULL anyway.
            quotients[index] = isZero ? 0 : (scale * numerators[index]) / (isZero ? 1 : denominator)
            validity[index] = isZero ? 0 : 1
        }
    }
}
