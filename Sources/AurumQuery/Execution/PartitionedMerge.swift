import AurumCore

/// Combines the workers' ``Aggregator``s of one aggregated query into its grouped result.
///
/// With few groups, the workers' aggregators are folded into the first one, in worker order
/// (``Aggregator/merge(_:last:)``): cheap, and what a query without GROUP BY always does; two workers' many groups
/// are joined instead (``Aggregator/mergedRows(with:keyFields:aggregateFields:)``: the same rows, without entering
/// the second worker's new groups into the first's table one by one). With many, a serial fold
/// of whole tables would leave all but one core idle, so the merge is partitioned, as DuckDB's radix-partitioned
/// hash table does: each worker has already sorted its groups into ``partitionCount(workers:)`` partitions as it
/// aggregated (``Aggregator/sortIntoPartitions()``: the top bits of a hash of their key values); then each
/// partition is merged by one worker — partitions in parallel — folding in every worker's groups of that
/// partition, in worker order, into a fresh aggregator. Equal keys hash alike on every worker, so each group ends
/// up in exactly one partition, and the partitions' results are concatenated. The result lists the partitions in
/// order, each's groups in first-seen order (worker by worker): it depends on the data and the number of workers,
/// never on thread timing.
enum PartitionedMerge {
    /// Workers up to which the merge folds the other workers' tables into the first one, serially: measured on 2
    /// cores (Benchmarks/run.py `queries`/`cores`, 1M rows, 2026-12-04), partitioning while aggregating and merging
    /// partitions in parallel cost more than the serial fold saves (weekly KPIs 48 ms against 36 ms; count
    /// distinct per campaign 19 ms against 11 ms): each worker's table holds most groups at this cardinality, and
    /// re-coding every group's keys into a partition table costs about what aggregating its rows did.
    static let serialFoldUpTo = 2

    /// Groups (summed over the workers) from which the merge is partitioned.
    static let minimumGroups = Aggregator.partitionFromGroups

    /// The grouped rows of `aggregators` (one per worker, fed disjoint rows of one query), and how many there are.
    /// With `shown`, a result of more rows holds only those a table shows (``ShownRows``): the other groups are
    /// merged but never finished.
    static func finish(
        _ aggregators: [Aggregator], keyFields: [Field], aggregateFields: [Field], shown: ShownRows? = nil,
        partitionedFrom minimum: Int = minimumGroups
    ) throws(QueryError) -> (batch: Batch, rowCount: Int) {
        let groups = aggregators.reduce(0) { $0 + $1.groupCount }
        let partitions = aggregators[0].partitionCount
        guard aggregators.count > 1, partitions > 1, groups >= minimum else {
            if aggregators.count == 2,
                let rows = try aggregators[0].mergedRows(with: aggregators[1], keyFields: keyFields, aggregateFields: aggregateFields, shown: shown)
            {
                return rows
            }
            for (position, other) in aggregators.enumerated().dropFirst() {
                try aggregators[0].merge(other, last: position == aggregators.count - 1)
            }
            let rowCount = aggregators[0].groupCount
            let kept = shown.flatMap { rowCount > $0.count ? $0.rows(of: rowCount) : nil }
            return (aggregators[0].finish(keyFields: keyFields, aggregateFields: aggregateFields, groups: kept), rowCount)
        }
        let split = WorkerSplit.each(aggregators)
        let specs = aggregators[0].specs
        let keyTypes = keyFields.map(\.type)
        var results = [Result<Aggregator, QueryError>?](repeating: nil, count: partitions)
        let workers = min(Parallel.threadCount, partitions)
        results.withUnsafeMutableBufferPointer { results in
            Parallel.forEachWorker(workers) { worker in
                for partition in stride(from: worker, to: partitions, by: workers) {
                    // (A partition holds a share of the groups: a direct table of 2^20 slots would cost more to
                    // clear than the lookups it saves.)
                    let merged = Aggregator(keyTypes: keyTypes, specs: specs, directKeyBits: 14)
                    do throws(QueryError) {
                        for (source, parts) in zip(aggregators, split) {
                            try merged.absorb(source, members: source.members[partition], distinctPairs: parts.distinctPairs.map { $0?[partition] })
                        }
                        results[partition] = .success(merged)
                    } catch {
                        results[partition] = .failure(error)
                    }
                }
            }
        }
        var merged: [Aggregator] = []
        for result in results {
            switch result {
            case .success(let aggregator)?: merged.append(aggregator)
            case .failure(let error)?: throw error
            case nil: preconditionFailure("every partition is merged")
            }
        }
        // The partitions' rows one after the other: all, or each partition's share of the rows shown.
        let rowCount = merged.reduce(0) { $0 + $1.groupCount }
        let kept = shown.flatMap { rowCount > $0.count ? $0.rows(of: rowCount) : nil }
        var batches = [Batch?](repeating: nil, count: partitions)
        batches.withUnsafeMutableBufferPointer { batches in
            Parallel.forEachWorker(workers) { worker in
                var start = 0
                for partition in 0..<partitions {
                    let count = merged[partition].groupCount
                    defer { start += count }
                    guard partition % workers == worker else { continue }
                    let groups = kept.map { rows in rows.filter { $0 >= start && $0 < start + count }.map { $0 - start } }
                    batches[partition] = merged[partition].finish(keyFields: keyFields, aggregateFields: aggregateFields, groups: groups)
                }
            }
        }
        let fields = keyFields + aggregateFields
        let rows = Batch(schema: Schema(fields), columns: fields.indices.map { index in
            // Text keys by shared code (``Column/concatenatingShared(_:)``): matched by bytes, every partition's
            // dictionary would be hashed again.
            Column.concatenate(batches.map { $0!.columns[index] }, type: fields[index].type)
        })
        return (rows, rowCount)
    }

    /// The partitions for `workers` workers: 1 for one (nothing to merge); else a power of two, eight per worker
    /// (so that an uneven partition does not hold the others up, and each partition's table stays small enough
    /// for the caches), between 16 and 64.
    static func partitionCount(workers: Int) -> Int {
        guard workers > Self.serialFoldUpTo else { return 1 }
        var count = 16
        while count < 8 * workers && count < 64 { count *= 2 }
        return count
    }

    /// One worker's DISTINCT pairs split by partition (its groups are split as it aggregated).
    private struct WorkerSplit {
        /// Per DISTINCT aggregate, `[p]`: the worker's (group, value code) pairs of groups in partition `p`, each
        /// group given as its position in the worker's ``Aggregator/members``[p].
        var distinctPairs: [[[UInt64]]?]

        /// The split of every worker (each first sorts the groups it has not yet), computed on every core.
        static func each(_ aggregators: [Aggregator]) -> [WorkerSplit] {
            var splits = [WorkerSplit?](repeating: nil, count: aggregators.count)
            splits.withUnsafeMutableBufferPointer { splits in
                Parallel.forEachWorker(aggregators.count) { worker in
                    aggregators[worker].sortIntoPartitions()
                    splits[worker] = WorkerSplit(aggregators[worker])
                }
            }
            let done = splits.compactMap { $0 }
            precondition(done.count == aggregators.count, "every worker's groups are split")
            return done
        }

        init(_ aggregator: Aggregator) {
            let partitionOf = aggregator.partitionOf
            let position = aggregator.positionInPartition
            distinctPairs = aggregator.distinctEncoders.indices.map { index in
                guard aggregator.distinctEncoders[index] != nil else { return nil }
                var split = [[UInt64]](repeating: [], count: aggregator.partitionCount)
                for pair in aggregator.distinctSeen[index].keys {
                    let group = Int(pair >> 32)
                    split[Int(partitionOf[group])].append(UInt64(position[group]) << 32 | (pair & 0xFFFF_FFFF))
                }
                return split
            }
        }
    }
}
