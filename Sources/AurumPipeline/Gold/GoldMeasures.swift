import AurumKernels

/// The five summed measures of one Gold granularity, one dense slot per group.
struct GoldMeasures {
    var impressions: [Int64] = []
    var clicks: [Int64] = []
    var spend: [Double] = []
    var conversions: [Double] = []
    var conversionValue: [Double] = []

    var count: Int { impressions.count }

    mutating func grow(to groupCount: Int) {
        guard groupCount > count else { return }
        let extra = groupCount - count
        impressions.append(contentsOf: repeatElement(0, count: extra))
        clicks.append(contentsOf: repeatElement(0, count: extra))
        spend.append(contentsOf: repeatElement(0, count: extra))
        conversions.append(contentsOf: repeatElement(0, count: extra))
        conversionValue.append(contentsOf: repeatElement(0, count: extra))
    }

    /// Adds each row's measures into its group's slots, in row order (``GroupedSum``).
    mutating func add(_ rows: GoldInputRows, groups: UnsafeBufferPointer<UInt32>) {
        rows.impressions.withUnsafeBufferPointer { values in
            impressions.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
        rows.clicks.withUnsafeBufferPointer { values in
            clicks.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
        rows.spend.withUnsafeBufferPointer { values in
            spend.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
        rows.conversions.withUnsafeBufferPointer { values in
            conversions.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
        rows.conversionValue.withUnsafeBufferPointer { values in
            conversionValue.withUnsafeMutableBufferPointer { GroupedSum.add(values, groups: groups, into: $0) }
        }
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
