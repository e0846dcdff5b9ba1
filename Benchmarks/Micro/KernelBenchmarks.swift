import AurumCore
import AurumKernels

/// Every kernel of AurumKernels over `rows` rows of generated data, SIMD forms beside their scalar twins.
///
/// Data (seeded, the same every run): money as cents/100 (0 … 999.99); Int64 amounts; date keys uniform over
/// 1000 days, so a branch on them is unpredictable; dense group ids uniform over 1000 groups; hash keys drawn
/// from a pool of random UInt64. Each input is generated on first use, during an untimed warm-up.
enum KernelBenchmarks {
    static let sumDoubleName = "Kernels.Sum.Double.SIMD"

    static func run(_ harness: inout Harness, rows: Int) {
        let doubles = Lazy {
            var generator = SeededGenerator(seed: 1)
            return Buffer<Double>(count: rows) { _ in Double(Int.random(in: 0..<100_000, using: &generator)) / 100 }
        }
        Baselines.run(&harness, doubles: doubles)
        single(&harness, rows: rows, doubles: doubles)
        filtered(&harness, rows: rows, doubles: doubles)
        grouped(&harness, rows: rows, doubles: doubles)
        hashed(&harness, rows: rows, doubles: doubles)
    }

    static func integers(rows: Int, seed: UInt64) -> Lazy<Buffer<Int64>> {
        Lazy {
            var generator = SeededGenerator(seed: seed)
            return Buffer<Int64>(count: rows) { _ in Int64.random(in: -1_000_000...1_000_000_000, using: &generator) }
        }
    }

    /// Sum, min and max over one column, and the non-NULL count.
    static func single(_ harness: inout Harness, rows: Int, doubles: Lazy<Buffer<Double>>) {
        let bytes = rows * 8
        harness.run(sumDoubleName, rows: rows, bytes: bytes) { Blackhole.consume(Sum.simd(doubles.value.read)) }
        harness.run("Kernels.Sum.Double.Scalar", rows: rows, bytes: bytes) { Blackhole.consume(Sum.scalar(doubles.value.read)) }
        harness.run("Kernels.Min.Double.SIMD", rows: rows, bytes: bytes) { Blackhole.consume(Minimum.simd(doubles.value.read) ?? 0) }
        harness.run("Kernels.Min.Double.Scalar", rows: rows, bytes: bytes) { Blackhole.consume(Minimum.scalar(doubles.value.read) ?? 0) }
        harness.run("Kernels.Max.Double.SIMD", rows: rows, bytes: bytes) { Blackhole.consume(Maximum.simd(doubles.value.read) ?? 0) }
        harness.run("Kernels.Max.Double.Scalar", rows: rows, bytes: bytes) { Blackhole.consume(Maximum.scalar(doubles.value.read) ?? 0) }

        let validity = Lazy {
            var generator = SeededGenerator(seed: 2)
            return Buffer<UInt8>(count: rows) { _ in Int.random(in: 0..<10, using: &generator) == 0 ? 0 : 1 }
        }
        harness.run("Kernels.Max.Double.SIMD.Nullable", rows: rows, bytes: bytes + rows, note: "10% NULL, validity bytes") {
            Blackhole.consume(Maximum.simd(doubles.value.read, validity: validity.value.read) ?? 0)
        }
        harness.run("Kernels.Min.Double.SIMD.Nullable", rows: rows, bytes: bytes + rows, note: "10% NULL, validity bytes") {
            Blackhole.consume(Minimum.simd(doubles.value.read, validity: validity.value.read) ?? 0)
        }
        // count(x) is rowCount - nullCount, and nullCount sums the validity bytes: no kernel of its own.
        let column = Lazy { PrimitiveColumn<UInt8>(values: Array(validity.value.read), validity: Array(validity.value.read)) }
        harness.run("Kernels.Count.NonNull.nullCount", rows: rows, bytes: rows, note: "PrimitiveColumn.nullCount") {
            Blackhole.consume(column.value.count - column.value.nullCount)
        }

        let integers = integers(rows: rows, seed: 3)
        harness.run("Kernels.Sum.Int64.SIMD", rows: rows, bytes: bytes) { Blackhole.consume(Sum.simd(integers.value.read)) }
        harness.run("Kernels.Sum.Int64.Scalar", rows: rows, bytes: bytes) { Blackhole.consume(Sum.scalar(integers.value.read)) }
        harness.run("Kernels.Min.Int64.SIMD", rows: rows, bytes: bytes) { Blackhole.consume(Minimum.simd(integers.value.read) ?? 0) }
        harness.run("Kernels.Min.Int64.Scalar", rows: rows, bytes: bytes) { Blackhole.consume(Minimum.scalar(integers.value.read) ?? 0) }
        harness.run("Kernels.Max.Int64.SIMD", rows: rows, bytes: bytes) { Blackhole.consume(Maximum.simd(integers.value.read) ?? 0) }
        harness.run("Kernels.Max.Int64.Scalar", rows: rows, bytes: bytes) { Blackhole.consume(Maximum.scalar(integers.value.read) ?? 0) }
    }

    /// `sum(value) WHERE day BETWEEN lo AND hi` at 50% and 1% selectivity, and the matching `count(*)`.
    static func filtered(_ harness: inout Harness, rows: Int, doubles: Lazy<Buffer<Double>>) {
        let days = Lazy {
            var generator = SeededGenerator(seed: 4)
            return Buffer<Int32>(count: rows) { _ in 19_000 + Int32.random(in: 0..<1000, using: &generator) }
        }
        let bytes = rows * (8 + 4)
        for (label, range) in [("50%", Int32(19_000)...19_499), ("1%", Int32(19_500)...19_509)] {
            harness.run("Kernels.FilteredSum.Double.SIMD.\(label)", rows: rows, bytes: bytes) {
                Blackhole.consume(FilteredSum.simd(doubles.value.read, keys: days.value.read, in: range))
            }
            harness.run("Kernels.FilteredSum.Double.Scalar.\(label)", rows: rows, bytes: bytes) {
                Blackhole.consume(FilteredSum.scalar(doubles.value.read, keys: days.value.read, in: range))
            }
        }
        let half = Int32(19_000)...19_499
        let integers = integers(rows: rows, seed: 5)
        harness.run("Kernels.FilteredSum.Int64.SIMD.50%", rows: rows, bytes: bytes) {
            Blackhole.consume(FilteredSum.simd(integers.value.read, keys: days.value.read, in: half))
        }
        harness.run("Kernels.FilteredSum.Int64.Scalar.50%", rows: rows, bytes: bytes) {
            Blackhole.consume(FilteredSum.scalar(integers.value.read, keys: days.value.read, in: half))
        }
        harness.run("Kernels.FilteredCount.SIMD.50%", rows: rows, bytes: rows * 4) {
            Blackhole.consume(FilteredCount.simd(keys: days.value.read, in: half))
        }
        harness.run("Kernels.FilteredCount.Scalar.50%", rows: rows, bytes: rows * 4) {
            Blackhole.consume(FilteredCount.scalar(keys: days.value.read, in: half))
        }
    }

    /// Grouped sums into dense accumulator arrays indexed by 1000 UInt32 group ids.
    static func grouped(_ harness: inout Harness, rows: Int, doubles: Lazy<Buffer<Double>>) {
        let groupCount = 1000
        let groups = Lazy {
            var generator = SeededGenerator(seed: 6)
            return Buffer<UInt32>(count: rows) { _ in UInt32.random(in: 0..<UInt32(groupCount), using: &generator) }
        }
        let bytes = rows * (8 + 4)
        let doubleSums = Buffer<Double>(count: groupCount) { _ in 0 }
        harness.run("Kernels.GroupedSum.Double.Dense1000", rows: rows, bytes: bytes) {
            GroupedSum.add(doubles.value.read, groups: groups.value.read, into: doubleSums.storage)
            Blackhole.consume(doubleSums.storage[7])
        }
        let integers = integers(rows: rows, seed: 7)
        let integerSums = Buffer<Int64>(count: groupCount) { _ in 0 }
        harness.run("Kernels.GroupedSum.Int64.Dense1000", rows: rows, bytes: bytes) {
            GroupedSum.add(integers.value.read, groups: groups.value.read, into: integerSums.storage)
            Blackhole.consume(integerSums.storage[7])
        }
        let counts = Buffer<Int64>(count: groupCount) { _ in 0 }
        harness.run("Kernels.GroupedSum.Count.Dense1000", rows: rows, bytes: rows * 4) {
            GroupedSum.count(groups: groups.value.read, into: counts.storage)
            Blackhole.consume(counts.storage[7])
        }
        // In batches of a row group's 65,536 rows, as a query adds them (the batch's millionths are scratch).
        func addDecimals(_ values: UnsafeBufferPointer<Double>, groups: UnsafeBufferPointer<UInt32>) -> Double {
            var sums = DecimalSums()
            sums.grow(to: groupCount)
            for start in stride(from: 0, to: values.count, by: 65_536) {
                let end = min(values.count, start + 65_536)
                sums.add(UnsafeBufferPointer(rebasing: values[start..<end]), groups: UnsafeBufferPointer(rebasing: groups[start..<end]))
            }
            return sums.value(7)
        }
        harness.run("Kernels.DecimalSums.Add.Dense1000", rows: rows, bytes: bytes, note: "exact money sums") {
            Blackhole.consume(addDecimals(doubles.value.read, groups: groups.value.read))
        }
        // Rows sorted by their group, as Silver's order gives a month by campaign (runs of 30 rows) or weekly KPIs
        // (an ad's days of one week: runs of 5).
        for length in [5, 30] {
            let runs = Lazy {
                var generator = SeededGenerator(seed: 9)
                var group: UInt32 = 0
                return Buffer<UInt32>(count: rows) { row in
                    if row % length == 0 { group = UInt32.random(in: 0..<UInt32(groupCount), using: &generator) }
                    return group
                }
            }
            harness.run("Kernels.DecimalSums.Add.Runs\(length)", rows: rows, bytes: bytes, note: "exact money sums") {
                Blackhole.consume(addDecimals(doubles.value.read, groups: runs.value.read))
            }
        }
    }

    /// Hash aggregation: UInt64 keys to dense ids with GroupIndex (a fresh index each repetition), then a
    /// dense grouped sum; 1000 and 100,000 distinct keys.
    static func hashed(_ harness: inout Harness, rows: Int, doubles: Lazy<Buffer<Double>>) {
        let ids = Lazy { Buffer<UInt32>(count: rows) { _ in 0 } }
        for (label, distinct) in [("1k", 1000), ("100k", 100_000)] {
            let keys = Lazy {
                var generator = SeededGenerator(seed: UInt64(8 + distinct))
                let pool = (0..<distinct).map { _ in generator.next() }
                return Buffer<UInt64>(count: rows) { _ in pool[Int.random(in: 0..<distinct, using: &generator)] }
            }
            harness.run("Kernels.GroupIndex.IDs.\(label)", rows: rows, bytes: rows * 8) {
                var index = GroupIndex(capacity: 1024)
                index.ids(of: keys.value.read, into: ids.value.storage)
                Blackhole.consume(Int(ids.value.storage[rows / 2]) &+ index.count)
            }
            let sums = Buffer<Double>(count: distinct) { _ in 0 }
            harness.run("Kernels.HashGroupedSum.Double.\(label)", rows: rows, bytes: rows * (8 + 8)) {
                var index = GroupIndex(capacity: 1024)
                index.ids(of: keys.value.read, into: ids.value.storage)
                GroupedSum.add(doubles.value.read, groups: UnsafeBufferPointer(ids.value.storage), into: sums.storage)
                Blackhole.consume(sums.storage[0])
            }
        }
    }
}
