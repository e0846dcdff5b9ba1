import AurumCore

/// Window functions computed on every core: partitions are independent, so they are cut into slices of about
/// equal rows, one per core, and the slices computed at once, each writing only its own positions' values.
/// Few rows (or one partition) are computed on the calling thread.
extension WindowPartitions {
    /// Rows below which a slice is not worth a thread.
    static let sliceRows = 1 << 15

    /// Runs `body` over slices of ``partitions`` that together hold each partition once, at once.
    func eachSlice(_ body: (ArraySlice<Range<Int>>) -> Void) {
        let workers = min(self.workers, partitions.count, order.count / Self.sliceRows)
        guard workers > 1 else {
            body(partitions[...])
            return
        }
        // A slice ends after the partition that passes its share of the rows.
        var bounds = [0]
        var share = 1
        for (index, partition) in partitions.enumerated() where share < workers && partition.upperBound >= order.count * share / workers {
            bounds.append(index + 1)
            share += 1
        }
        bounds.append(partitions.count)
        let slices = zip(bounds, bounds.dropFirst()).filter { $0 < $1 }.map { partitions[$0..<$1] }
        Parallel.forEachWorker(slices.count) { body(slices[$0]) }
    }

    /// One value per position, `initial` where `body` writes none, written by `body` over each slice of the
    /// partitions at once.
    func values<Value>(_ initial: Value, _ body: (ArraySlice<Range<Int>>, UnsafeMutableBufferPointer<Value>) -> Void) -> [Value] {
        var values = [Value](repeating: initial, count: order.count)
        values.withUnsafeMutableBufferPointer { buffer in
            eachSlice { slice in body(slice, buffer) }
        }
        return values
    }
}
