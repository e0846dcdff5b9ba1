/// Grouped sums of doubles that are exact — and therefore independent of row order — for decimal data.
///
/// Money and counts in ads data are decimals with few places (12.34, costMicros / 1e6, 3.0). A value `v` for
/// which `(v × 10^6).rounded() / 10^6 == v` bit for bit is added as the integer number of millionths, exactly;
/// the group's sum is then `Double(millionths) / 10^6`, the double nearest the exact decimal sum, whatever the
/// order of the rows. A group that meets any other value (or overflows Int64) is marked inexact and uses the
/// plain double sum kept alongside, in row order.
public struct DecimalSums: Sendable {
    public static let scale = 1_000_000.0
    /// Per group: the sum in millionths, while exact.
    public var millionths: [Int64] = []
    /// Per group: 1 once a value could not be added exactly.
    public var inexact: [UInt8] = []
    /// Per group: the double sum in row order (used when inexact).
    public var fallback: [Double] = []

    public init() {}

    public var count: Int { millionths.count }

    public mutating func grow(to groupCount: Int) {
        guard groupCount > count else { return }
        let extra = groupCount - count
        millionths.append(contentsOf: repeatElement(0, count: extra))
        inexact.append(contentsOf: repeatElement(0, count: extra))
        fallback.append(contentsOf: repeatElement(0, count: extra))
    }

    /// Adds `values[i]` into group `groups[i]`.
    @inlinable
    public mutating func add(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) {
        precondition(values.count == groups.count)
        millionths.withUnsafeMutableBufferPointer { sums in
            inexact.withUnsafeMutableBufferPointer { flags in
                fallback.withUnsafeMutableBufferPointer { doubles in
                    for index in 0..<values.count {
                        let group = Int(groups[index])
                        precondition(group < sums.count)
                        let value = values[index]
                        doubles[group] += value
                        let scaled = (value * Self.scale).rounded()
                        if abs(scaled) < 9_007_199_254_740_992, scaled / Self.scale == value {
                            let (sum, overflow) = sums[group].addingReportingOverflow(Int64(scaled))
                            sums[group] = sum
                            if overflow { flags[group] = 1 }
                        } else {
                            flags[group] = 1
                        }
                    }
                }
            }
        }
    }

    /// Adds group `source` of `other` into group `target` of this one.
    public mutating func merge(_ other: DecimalSums, group source: Int, into target: Int) {
        fallback[target] += other.fallback[source]
        if other.inexact[source] != 0 {
            inexact[target] = 1
            return
        }
        let (sum, overflow) = millionths[target].addingReportingOverflow(other.millionths[source])
        millionths[target] = sum
        if overflow { inexact[target] = 1 }
    }

    /// The sum of group `group`.
    public func value(_ group: Int) -> Double {
        inexact[group] != 0 ? fallback[group] : Double(millionths[group]) / Self.scale
    }
}
