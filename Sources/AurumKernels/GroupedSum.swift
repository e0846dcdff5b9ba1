/// Aggregation into dense accumulator arrays: row `i` adds into slot `groups[i]`.
///
/// This is the shape of DuckDB's perfect-hash aggregate and ClickHouse's fixed tables for small keys: when
/// group keys are dictionary codes or small integers (or were mapped to dense ids by ``GroupIndex``), an
/// array indexed by the key replaces a hash table. Each group's additions happen in row order, so a grouped
/// sum is deterministic for a given row order — the pipeline relies on that to make Gold identical however
/// the same rows were ingested.
public enum GroupedSum {
    /// `accumulators[groups[i]] += values[i]` for every row.
    @inlinable
    public static func add(
        _ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>,
        into accumulators: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(values.count == groups.count)
        for index in 0..<values.count {
            let group = Int(groups[index])
            precondition(group < accumulators.count)
            accumulators[group] += values[index]
        }
    }

    /// `accumulators[groups[i]] &+= values[i]` for every row.
    @inlinable
    public static func add(
        _ values: UnsafeBufferPointer<Int64>, groups: UnsafeBufferPointer<UInt32>,
        into accumulators: UnsafeMutableBufferPointer<Int64>
    ) {
        precondition(values.count == groups.count)
        for index in 0..<values.count {
            let group = Int(groups[index])
            precondition(group < accumulators.count)
            accumulators[group] &+= values[index]
        }
    }

    /// `accumulators[groups[i]] += values[i]` for every row, exactly: a sum that leaves Int64 sets the bits of
    /// `flag` in `overflowed[groups[i]]` (its slot then holds a wrapped value that must not be used).
    @inlinable
    public static func addReportingOverflow(
        _ values: UnsafeBufferPointer<Int64>, groups: UnsafeBufferPointer<UInt32>,
        into accumulators: UnsafeMutableBufferPointer<Int64>, overflowed: UnsafeMutableBufferPointer<UInt8>,
        flag: UInt8 = 1
    ) {
        precondition(values.count == groups.count && overflowed.count == accumulators.count)
        for index in 0..<values.count {
            let group = Int(groups[index])
            precondition(group < accumulators.count)
            let (sum, overflow) = accumulators[group].addingReportingOverflow(values[index])
            accumulators[group] = sum
            if overflow { overflowed[group] |= flag }
        }
    }

    /// `counts[groups[i]] += 1` for every row.
    @inlinable
    public static func count(groups: UnsafeBufferPointer<UInt32>, into counts: UnsafeMutableBufferPointer<Int64>) {
        for group in groups {
            precondition(Int(group) < counts.count)
            counts[Int(group)] &+= 1
        }
    }
}
