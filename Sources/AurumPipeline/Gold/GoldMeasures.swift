import AurumKernels

/// The five summed measures of one Gold granularity, one dense slot per group. Integer measures add with
/// ``GroupedSum``; money and conversions with ``DecimalSums``, exact and so independent of row order.
struct GoldMeasures {
    var impressions: [Int64] = []
    var clicks: [Int64] = []
    var spend = DecimalSums()
    var conversions = DecimalSums()
    var conversionValue = DecimalSums()

    var count: Int { impressions.count }

    mutating func grow(to groupCount: Int) {
        guard groupCount > count else { return }
        impressions.append(contentsOf: repeatElement(0, count: groupCount - count))
        clicks.append(contentsOf: repeatElement(0, count: groupCount - clicks.count))
        spend.grow(to: groupCount)
        conversions.grow(to: groupCount)
        conversionValue.grow(to: groupCount)
    }

    /// Adds each row's measures into its group's slots.
    mutating func add(_ rows: GoldInputRows, groups: UnsafeBufferPointer<UInt32>) {
        rows.impressions.withUnsafeBufferPointer { values in
            impressions.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
        rows.clicks.withUnsafeBufferPointer { values in
            clicks.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
        rows.spend.withUnsafeBufferPointer { spend.add($0, groups: groups) }
        rows.conversions.withUnsafeBufferPointer { conversions.add($0, groups: groups) }
        rows.conversionValue.withUnsafeBufferPointer { conversionValue.add($0, groups: groups) }
    }

    /// Adds group `source` of `other` (a finer granularity) into group `target`.
    mutating func merge(_ other: GoldMeasures, group source: Int, into target: Int) {
        impressions[target] &+= other.impressions[source]
        clicks[target] &+= other.clicks[source]
        spend.merge(other.spend, group: source, into: target)
        conversions.merge(other.conversions, group: source, into: target)
        conversionValue.merge(other.conversionValue, group: source, into: target)
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
