import AurumCore

/// Combines the workers' ``Aggregator``s of one aggregated query into its grouped result.
///
/// With few groups or two workers, the workers' aggregators are folded into the first one, in worker order (``Aggregator/merge(_:last:)``):
/// cheap, and what a query without GROUP BY always does. With many, a serial fold of whole tables would leave all
/// but one core idle, so the merge is partitioned, as DuckDB's radix-partitioned hash table does: each worker
/// splits its groups into ``partitionCount(workers:)`` partitions (a power of two, at least the workers) by the
/// top bits of a hash of their key values; then each partition is merged by one worker at a time — partitions in
/// parallel — folding in every worker's groups of that partition, in worker order, into a fresh aggregator.
/// Equal keys hash alike on every worker, so each group ends up in exactly one partition. The result lists the
/// partitions in order, each's groups in first-seen order (worker by worker): it depends on the data and the
/// number of workers, never on thread timing.
enum PartitionedMerge {
    /// Groups (summed over the workers) from which the merge is partitioned.
    static let minimumGroups = 16_384

    /// The grouped rows of `aggregators` (one per worker, fed disjoint rows of one query).
    static func finish(
        _ aggregators: [Aggregator], keyFields: [Field], aggregateFields: [Field], partitionedFrom minimum: Int = minimumGroups
    ) throws(QueryError) -> Batch {
        let groups = aggregators.reduce(0) { $0 + $1.groupCount }
        // Two workers: the serial fold is one merge of one table into the other, which partitioning cannot beat
        // (it passes over both tables to split them, then merges anyway): measured on 2 cores, weekly KPIs at 1M
        // rows (77K groups) took 23 ms partitioned against 18 ms folded. From three workers the fold is a chain
        // of merges that partitioning runs side by side.
        guard aggregators.count > 2, !keyFields.isEmpty, groups >= minimum else {
            for (position, other) in aggregators.enumerated().dropFirst() {
                try aggregators[0].merge(other, last: position == aggregators.count - 1)
            }
            return aggregators[0].finish(keyFields: keyFields, aggregateFields: aggregateFields)
        }
        let partitions = partitionCount(workers: aggregators.count)
        let split = WorkerSplit.each(aggregators, partitions: partitions)
        let specs = aggregators[0].specs
        let keyTypes = keyFields.map(\.type)
        var results = [Result<Batch, QueryError>?](repeating: nil, count: partitions)
        results.withUnsafeMutableBufferPointer { results in
            let workers = min(Parallel.threadCount, partitions)
            Parallel.forEachWorker(workers) { worker in
                for partition in stride(from: worker, to: partitions, by: workers) {
                    let merged = Aggregator(keyTypes: keyTypes, specs: specs)
                    do throws(QueryError) {
                        for (source, parts) in zip(aggregators, split) {
                            try merged.absorb(source, members: parts.members[partition], distinctPairs: parts.distinctPairs.map { $0?[partition] })
                        }
                        results[partition] = .success(merged.finish(keyFields: keyFields, aggregateFields: aggregateFields))
                    } catch {
                        results[partition] = .failure(error)
                    }
                }
            }
        }
        var batches: [Batch] = []
        for result in results {
            switch result {
            case .success(let batch)?: batches.append(batch)
            case .failure(let error)?: throw error
            case nil: preconditionFailure("every partition is merged")
            }
        }
        return Batch.concatenate(batches, schema: Schema(keyFields + aggregateFields))
    }

    /// The partitions for `workers` workers: a power of two, four per worker (so that an uneven partition does
    /// not hold the others up), between 2 and 256.
    static func partitionCount(workers: Int) -> Int {
        var count = 2
        while count < 4 * workers && count < 256 { count *= 2 }
        return count
    }

    /// One worker's groups split by partition.
    private struct WorkerSplit {
        /// `members[p]`: the worker's groups in partition `p`, in first-seen order.
        var members: [[UInt32]]
        /// Per DISTINCT aggregate, `[p]`: the worker's (group, value code) pairs of groups in partition `p`, each
        /// group given as its position in `members[p]`.
        var distinctPairs: [[[UInt64]]?]

        /// The split of every worker, computed on every core.
        static func each(_ aggregators: [Aggregator], partitions: Int) -> [WorkerSplit] {
            var splits = [WorkerSplit?](repeating: nil, count: aggregators.count)
            splits.withUnsafeMutableBufferPointer { splits in
                Parallel.forEachWorker(aggregators.count) { worker in
                    splits[worker] = WorkerSplit(aggregators[worker], partitions: partitions)
                }
            }
            let done = splits.compactMap { $0 }
            precondition(done.count == aggregators.count, "every worker's groups are split")
            return done
        }

        init(_ aggregator: Aggregator, partitions: Int) {
            let shift = UInt64(64 - partitions.trailingZeroBitCount)
            let hashes = GroupHash.hashes(of: aggregator)
            var partitionOf = [UInt32](repeating: 0, count: aggregator.groupCount)
            var position = [UInt32](repeating: 0, count: aggregator.groupCount)
            members = Array(repeating: [], count: partitions)
            for group in 0..<aggregator.groupCount {
                let partition = Int(hashes[group] >> shift)
                partitionOf[group] = UInt32(partition)
                position[group] = UInt32(members[partition].count)
                members[partition].append(UInt32(group))
            }
            distinctPairs = aggregator.distinctEncoders.indices.map { index in
                guard aggregator.distinctEncoders[index] != nil else { return nil }
                var split = [[UInt64]](repeating: [], count: partitions)
                for pair in aggregator.distinctSeen[index].groupKeys {
                    let group = Int(pair >> 32)
                    split[Int(partitionOf[group])].append(UInt64(position[group]) << 32 | (pair & 0xFFFF_FFFF))
                }
                return split
            }
        }
    }
}

/// A hash of each group's key values that does not depend on which worker saw the group (its codes do): text by
/// its bytes, other values by their bits (-0.0 as 0.0, since they group together), NULL alike everywhere. Fixed,
/// not seeded per process, so that the partitions — and the order of a GROUP BY's rows — are the same on every run.
enum GroupHash {
    static func hashes(of aggregator: Aggregator) -> [UInt64] {
        var hashes = [UInt64](repeating: 0x243F_6A88_85A3_08D3, count: aggregator.groupCount)
        for (key, encoder) in aggregator.encoders.enumerated() {
            let values = valueHashes(encoder.column(Array(0..<encoder.count)))
            let codes = aggregator.groupCodes[key]
            for group in hashes.indices { hashes[group] = mix(hashes[group] ^ values[Int(codes[group])]) }
        }
        return hashes
    }

    /// The hash of each value of `column`.
    private static func valueHashes(_ column: Column) -> [UInt64] {
        let null: UInt64 = 0x9E37_79B9_7F4A_7C15
        let validity = column.validity
        func each<Element>(_ values: [Element], _ bits: (Element) -> UInt64) -> [UInt64] {
            values.indices.map { row in
                if let validity, validity[row] == 0 { return null }
                return mix(bits(values[row]))
            }
        }
        switch column {
        case .string(let text):
            let entries = text.dictionary.map(bytesHash)
            return text.codes.indices.map { row in
                if let validity, validity[row] == 0 { return null }
                return entries[Int(text.codes[row])]
            }
        case .int64(let values): return each(values.values) { UInt64(bitPattern: $0) }
        case .double(let values): return each(values.values) { ($0 == 0 ? 0.0 : $0).bitPattern }
        case .date(let values): return each(values.values) { UInt64(UInt32(bitPattern: $0)) }
        case .bool(let values): return each(values.values) { UInt64($0) }
        }
    }

    /// FNV-1a over UTF-8 bytes.
    private static func bytesHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return mix(hash)
    }

    /// SplitMix64's finaliser: every input bit reaches the top bits, which pick the partition.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
