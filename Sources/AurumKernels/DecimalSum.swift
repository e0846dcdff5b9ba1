/// Grouped sums of doubles that are exact — and therefore independent of row order — for decimal data.
///
/// Money and counts in ads data are decimals with few places (12.34, costMicros / 1e6, 3.0). A value `v` for
/// which `round(v × 10^6) / 10^6 == v` bit for bit (and |v × 10^6| < 2^50) is added as the integer number of millionths, exactly;
/// the group's sum is then `Double(millionths) / 10^6`, the double nearest the exact decimal sum, whatever the
/// order of the rows. A group that meets any other value (or overflows Int64) is marked inexact and uses the
/// plain double sum kept alongside, in row order.
public struct DecimalSums: Sendable {
    public static let scale = 1_000_000.0
    /// 1.5 × 2^52: a double this large has no fraction bits, so `(x + magic) - magic` is `x` rounded to an integer
    /// (ties to even, the default rounding mode) for |x| < 2^51.
    @usableFromInline static let roundingMagic = 6_755_399_441_055_744.0
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
        // Money columns are almost always exact decimals throughout a batch: one vectorizable pass proves it
        // and the rows are then added as integers (``addIfEveryValueIsExact(_:groups:)``).
        if addIfEveryValueIsExact(values, groups: groups) { return }
        addRowByRow(values, groups: groups)
    }

    /// ``add(_:groups:)`` one row at a time, checking each value: the path for a batch holding any value that
    /// is not an exact decimal of at most 6 places.
    @inlinable
    mutating func addRowByRow(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) {
        precondition(values.count == groups.count)
        millionths.withUnsafeMutableBufferPointer { sums in
            inexact.withUnsafeMutableBufferPointer { flags in
                fallback.withUnsafeMutableBufferPointer { doubles in
                    for index in 0..<values.count {
                        let group = Int(groups[index])
                        precondition(group < sums.count)
                        let value = values[index]
                        doubles[group] += value
                        let product = value * Self.scale
                        // Below 2^50 a genuine decimal's product lies within 1/16 of its integer, so rounding
                        // by adding and taking away 1.5 × 2^52 (two instructions, where `rounded()` is a libm
                        // call per row) finds the same integer; anything else fails the check either way.
                        let scaled = (product + Self.roundingMagic) - Self.roundingMagic
                        if abs(product) < 1_125_899_906_842_624, scaled / Self.scale == value {
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

    /// ``merge(_:group:into:)`` for each pair: group `sources[i]` of `other` (group `i` when `sources` is nil)
    /// into group `targets[i]`, skipping source groups whose `counts` entry is 0 (no value added: nothing to
    /// merge). Through buffers: an array element written per pair costs a uniqueness check and more (about 77
    /// instructions a pair, against about 10 here, under callgrind).
    public mutating func merge(
        _ other: DecimalSums, groups sources: UnsafeBufferPointer<UInt32>?, into targets: UnsafeBufferPointer<UInt32>,
        counts: UnsafeBufferPointer<Int64>
    ) {
        millionths.withUnsafeMutableBufferPointer { millionths in
            inexact.withUnsafeMutableBufferPointer { inexact in
                fallback.withUnsafeMutableBufferPointer { fallback in
                    other.millionths.withUnsafeBufferPointer { otherMillionths in
                        other.inexact.withUnsafeBufferPointer { otherInexact in
                            other.fallback.withUnsafeBufferPointer { otherFallback in
                                for index in 0..<targets.count {
                                    let source = sources.map { Int($0[index]) } ?? index
                                    guard counts[source] > 0 else { continue }
                                    let target = Int(targets[index])
                                    fallback[target] += otherFallback[source]
                                    if otherInexact[source] != 0 {
                                        inexact[target] = 1
                                        continue
                                    }
                                    let (sum, overflow) = millionths[target].addingReportingOverflow(otherMillionths[source])
                                    millionths[target] = sum
                                    if overflow { inexact[target] = 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The sum of group `group`.
    public func value(_ group: Int) -> Double {
        inexact[group] != 0 ? fallback[group] : Double(millionths[group]) / Self.scale
    }
}
