import AurumKernels

/// The five summed measures of one Gold granularity, one dense slot per group. Integer measures add with
/// ``GroupedSum``, checked for overflow; money and conversions with ``DecimalSums``, exact and so independent
/// of row order.
struct GoldMeasures {
    var impressions: [Int64] = []
    var clicks: [Int64] = []
    /// Per group: ``impressionsOverflow`` and/or ``clicksOverflow`` once that sum left Int64 (it is then wrong).
    var overflowed: [UInt8] = []
    var spend = DecimalSums()
    var conversions = DecimalSums()
    var conversionValue = DecimalSums()

    static let impressionsOverflow: UInt8 = 1
    static let clicksOverflow: UInt8 = 2

    var count: Int { impressions.count }

    mutating func grow(to groupCount: Int) {
        guard groupCount > count else { return }
        impressions.append(contentsOf: repeatElement(0, count: groupCount - count))
        clicks.append(contentsOf: repeatElement(0, count: groupCount - clicks.count))
        overflowed.append(contentsOf: repeatElement(0, count: groupCount - overflowed.count))
        spend.grow(to: groupCount)
        conversions.grow(to: groupCount)
        conversionValue.grow(to: groupCount)
    }

    /// Adds each row's measures into its group's slots.
    mutating func add(_ rows: GoldInputRows, groups: UnsafeBufferPointer<UInt32>) {
        overflowed.withUnsafeMutableBufferPointer { flags in
            rows.impressions.withUnsafeBufferPointer { values in
                impressions.withUnsafeMutableBufferPointer {
                    GroupedSum.addReportingOverflow(values, groups: groups, into: $0, overflowed: flags, flag: Self.impressionsOverflow)
                }
            }
            rows.clicks.withUnsafeBufferPointer { values in
                clicks.withUnsafeMutableBufferPointer {
                    GroupedSum.addReportingOverflow(values, groups: groups, into: $0, overflowed: flags, flag: Self.clicksOverflow)
                }
            }
        }
        rows.spend.withUnsafeBufferPointer { spend.add($0, groups: groups) }
        rows.conversions.withUnsafeBufferPointer { conversions.add($0, groups: groups) }
        rows.conversionValue.withUnsafeBufferPointer { conversionValue.add($0, groups: groups) }
    }

    /// Adds group `source` of `other` (a finer granularity) into group `target`.
    mutating func merge(_ other: GoldMeasures, group source: Int, into target: Int) {
        let impressionSum = impressions[target].addingReportingOverflow(other.impressions[source])
        let clickSum = clicks[target].addingReportingOverflow(other.clicks[source])
        impressions[target] = impressionSum.partialValue
        clicks[target] = clickSum.partialValue
        overflowed[target] |= other.overflowed[source]
            | (impressionSum.overflow ? Self.impressionsOverflow : 0) | (clickSum.overflow ? Self.clicksOverflow : 0)
        spend.merge(other.spend, group: source, into: target)
        conversions.merge(other.conversions, group: source, into: target)
        conversionValue.merge(other.conversionValue, group: source, into: target)
    }
}

extension GoldMeasures {
    /// The first measure of group `group` whose sum does not fit its column (integers beyond Int64, money or
    /// conversions beyond the largest double), or nil.
    func overflowingMeasure(_ group: Int) -> String? {
        if overflowed[group] & Self.impressionsOverflow != 0 { return "impressions" }
        if overflowed[group] & Self.clicksOverflow != 0 { return "clicks" }
        if !spend.value(group).isFinite { return "spend" }
        if !conversions.value(group).isFinite { return "conversions" }
        if !conversionValue.value(group).isFinite { return "conversion_value" }
        return nil
    }
}

/// The measure columns of the Silver rows of one chunk that Gold aggregates.
struct GoldInputRows {
    var impressions: [Int64]
    var clicks: [Int64]
    var spend: [Double]
    var conversions: [Double]
    var conversionValue: [Double]
}
