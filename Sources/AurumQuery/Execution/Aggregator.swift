import AurumCore
import AurumKernels

/// Hash aggregation over batches: group keys → dense group ids (``KeyEncoder`` per key column, then
/// ``MultiKeyGroupIndex`` for several keys), then each aggregate's ``AggregateState`` (from the registry,
/// ``AggregateFunctions``) updates its dense per-group arrays, a whole batch per call — with the kernels when a
/// column has no NULLs. DISTINCT is kept here, for every aggregate alike: only a (group, value) pair's first
/// sight reaches the state. Memory grows with the number of groups, not rows.
///
/// One of several workers' aggregators (``partitionCount`` above 1) also sorts its groups into partitions by
/// the top bits of a hash of their key values (``ValueHash``, kept per code by the encoders) as they appear, once
/// it holds ``partitionFromGroups`` groups, so that ``PartitionedMerge`` can merge each partition on its own.
final class Aggregator {
    let specs: [AggregateSpec]
    private(set) var encoders: [KeyEncoder]
    private var combined: MultiKeyGroupIndex?
    /// `groupCodes[k][g]`: the code of key `k` for group `g`.
    private(set) var groupCodes: [[UInt32]]
    private(set) var groupCount = 0
    private(set) var states: [any AggregateState]
    private(set) var distinctEncoders: [KeyEncoder?]
    /// (group, value code) pairs seen, per DISTINCT aggregate.
    private(set) var distinctSeen: [KeySet]
    /// The partitions groups are sorted into (a power of two; 1: none).
    let partitionCount: Int
    /// `members[p]`: the groups of partition `p`, in first-seen order (of the groups sorted so far).
    private(set) var members: [[UInt32]]
    /// Each sorted group's partition, and its position in that partition's ``members``.
    private(set) var partitionOf: [UInt32] = []
    private(set) var positionInPartition: [UInt32] = []
    /// Groups from which a worker starts sorting its groups into partitions: below, the merge folds whole tables,
    /// which is cheaper, and the per-group bookkeeping is saved.
    static let partitionFromGroups = 4096

    /// An aggregator for `keyTypes` and `specs`; a worker's sorts its groups into `partitions`. `directKeyBits`
    /// bounds the key space looked up in a direct table (``MultiKeyGroupIndex``): smaller for one partition's
    /// share of the groups.
    init(keyTypes: [DataType], specs: [AggregateSpec], partitions: Int = 1, directKeyBits: Int = MultiKeyGroupIndex.directBits) {
        precondition(partitions > 0 && partitions & (partitions - 1) == 0, "a power of two")
        self.specs = specs
        partitionCount = keyTypes.isEmpty ? 1 : partitions
        members = Array(repeating: [], count: partitionCount)
        encoders = keyTypes.map { KeyEncoder(type: $0) }
        combined = keyTypes.count > 1 ? MultiKeyGroupIndex(keyCount: keyTypes.count, directBits: directKeyBits) : nil
        groupCodes = keyTypes.map { _ in [] }
        states = specs.map { AggregateFunctions.function(for: $0).makeState(for: $0) }
        // DISTINCT changes count, sum and avg; min and max are the same without it, so they skip its bookkeeping.
        distinctEncoders = specs.map { spec in
            spec.distinct && spec.kind != .min && spec.kind != .max ? KeyEncoder(type: spec.argument?.type ?? .int64) : nil
        }
        distinctSeen = specs.map { _ in KeySet(capacity: 64) }
        if keyTypes.isEmpty { grow(to: 1) }  // no GROUP BY: one group, even over no rows
    }

    /// Adds one batch: its key columns, each aggregate's argument column (nil for count(*)) and the rows its
    /// `FILTER (WHERE …)` keeps (nil: no FILTER). Groups come from every row, so a group whose rows all fail a
    /// FILTER still appears (with count 0 and NULL for the others), as in DuckDB.
    /// `orderKeys`: each aggregate's key column for `arg_max(value, key)` and `arg_min` (nil for the others;
    /// empty when no aggregate has one).
    func add(keys: [Column], arguments: [Column?], orderKeys: [Column?] = [], filters: [[Int]?], rowCount: Int, offset: Int) throws(QueryError) {
        let groups = groupIDs(keys, rowCount: rowCount)
        grow(to: groupCount)
        if partitionCount > 1, groupCount >= Self.partitionFromGroups { sortIntoPartitions() }
        for index in specs.indices {
            let orderKey = orderKeys.isEmpty ? nil : orderKeys[index]
            if let rows = filters[index], rows.count != rowCount {
                // The filtered rows only: each state's loops then run as over an unfiltered batch.
                let kept = rows.map { groups[$0] }
                try update(index, argument: arguments[index].map { $0.gather(rows) }, key: orderKey.map { $0.gather(rows) },
                           groups: kept, offset: offset)
            } else {
                try update(index, argument: arguments[index], key: orderKey, groups: groups, offset: offset)
            }
        }
    }

    /// Sorts the groups not yet in a partition into theirs: the top bits of their key values' hashes combined.
    func sortIntoPartitions() {
        let sorted = partitionOf.count
        guard partitionCount > 1, groupCount > sorted else { return }
        let shift = UInt64(64 - partitionCount.trailingZeroBitCount)
        var hashes = [UInt64](repeating: ValueHash.seed, count: groupCount - sorted)
        for key in encoders.indices {
            encoders[key].hashNewCodes()
            let values = encoders[key].hashes
            groupCodes[key].withUnsafeBufferPointer { codes in
                values.withUnsafeBufferPointer { values in
                    for group in sorted..<groupCount {
                        hashes[group - sorted] = ValueHash.combine(hashes[group - sorted], values[Int(codes[group])])
                    }
                }
            }
        }
        // Moved into locals for the loop: a stored property appended to per group costs exclusivity and
        // uniqueness checks.
        var partitions = partitionOf, positions = positionInPartition, lists = members
        (partitionOf, positionInPartition, members) = ([], [], [])
        defer { (partitionOf, positionInPartition, members) = (partitions, positions, lists) }
        partitions.reserveCapacity(groupCount)
        positions.reserveCapacity(groupCount)
        for (offset, hash) in hashes.enumerated() {
            let partition = Int(hash >> shift)
            partitions.append(UInt32(partition))
            positions.append(UInt32(lists[partition].count))
            lists[partition].append(UInt32(sorted + offset))
        }
    }

    private func groupIDs(_ keys: [Column], rowCount: Int) -> [UInt32] {
        guard !keys.isEmpty else { return [UInt32](repeating: 0, count: rowCount) }
        if keys.count == 1 {
            let codes = encoders[0].codes(keys[0])
            // Codes are dense and each belongs to a value some row holds: a code is its group.
            while groupCount < Int(encoders[0].count) {
                groupCodes[0].append(UInt32(groupCount))
                groupCount += 1
            }
            return codes
        }
        // Several keys: each row's codes packed into one integer, one pass per key reading its codes through a
        // table (no array of codes per key), then one lookup per row.
        let rows = keys.indices.map { encoders[$0].rowCodes(keys[$0]) }
        guard let shifts = combined!.fieldShifts(limits: encoders.map(\.count)) else {
            return pairwiseGroupIDs(rows.map { $0.codes() }, rowCount: rowCount)
        }
        let packed = Self.packed(rows, shifts: shifts, rowCount: rowCount)
        let groups = [UInt32](unsafeUninitializedCapacity: rowCount) { groups, written in
            packed.withUnsafeBufferPointer { combined!.ids(packed: $0, into: UnsafeMutableBufferPointer(rebasing: groups[0..<rowCount])) }
            written = rowCount
        }
        // New groups, in first-seen order (ids are handed out in row order): their codes from their packed keys.
        guard combined!.count > groupCount else { return groups }
        let fresh = combined!.keyCodes(ofGroups: groupCount..<combined!.count)
        for key in fresh.indices { groupCodes[key].append(contentsOf: fresh[key]) }
        groupCount = combined!.count
        return groups
    }

    /// Each row's key codes packed into one integer, key `k`'s at bit `shifts[k]`
    /// (``MultiKeyGroupIndex/fieldShifts(limits:)``). Keys of one code through the batch (a sorted column through
    /// its row group) are ORed together once and written with the first other key. (The array is not cleared
    /// first: the first key packed writes every packed key.)
    private static func packed(_ rows: [KeyRowCodes], shifts: [Int], rowCount: Int) -> [UInt64] {
        var base: UInt64 = 0
        var varying: [Int] = []
        for key in rows.indices {
            if let code = rows[key].constantCode { base |= UInt64(code) << UInt64(shifts[key]) } else { varying.append(key) }
        }
        return [UInt64](unsafeUninitializedCapacity: rowCount) { packed, written in
            let rowsPacked = UnsafeMutableBufferPointer(rebasing: packed[0..<rowCount])
            if varying.isEmpty { rowsPacked.initialize(repeating: base) }
            for (position, key) in varying.enumerated() {
                rows[key].pack(into: rowsPacked, shift: shifts[key], base: position == 0 ? base : nil)
            }
            written = rowCount
        }
    }

    /// Group ids of rows whose keys' codes are `codes[k]`, when the codes no longer pack into 64 bits.
    private func pairwiseGroupIDs(_ codes: [[UInt32]], rowCount: Int) -> [UInt32] {
        var groups = [UInt32](repeating: 0, count: rowCount)
        combined!.ids(codes: codes, limits: encoders.map(\.count), rowCount: rowCount, into: &groups)
        // New groups, in first-seen order: ids were handed out in row order.
        guard combined!.count > groupCount else { return groups }
        for row in 0..<rowCount where Int(groups[row]) == groupCount {
            for key in 0..<codes.count { groupCodes[key].append(codes[key][row]) }
            groupCount += 1
        }
        return groups
    }

    /// Groups the state arrays have room for.
    private var allocatedGroups = 0

    private func grow(to count: Int) {
        groupCount = max(groupCount, count)
        guard groupCount > allocatedGroups else { return }
        allocatedGroups = groupCount
        for state in states { state.grow(to: groupCount) }
    }

    private func update(_ index: Int, argument: Column?, key: Column? = nil, groups: [UInt32], offset: Int) throws(QueryError) {
        // NULLs never count (each state skips them); with DISTINCT, only a group's first sight of a value counts.
        let distinctRows = argument.flatMap { argument in
            distinctEncoders[index] != nil ? firstSights(index, argument: argument, groups: groups) : nil
        }
        try states[index].update(AggregateInput(
            argument: argument, key: key, groups: groups, distinctRows: distinctRows, single: encoders.isEmpty, offset: offset))
    }

    /// DISTINCT aggregate `index`: the rows (in order) whose (group, value) pair no earlier row of this aggregator
    /// has had; NULL values never count.
    ///
    /// Only a row whose pair differs from the last valid row's can be a first sight: sorted or clustered rows
    /// (an ad's days) repeat their pair, and only the rest are looked up. Text is compared by dictionary entry
    /// (within a batch, one entry is one code) and only those rows' entries are turned into codes, through the
    /// encoder's table (``KeyEncoder/rowCodes(_:)``, the codes ``KeyEncoder/codes(_:)`` gives), rather than every
    /// row's code written out first.
    private func firstSights(_ index: Int, argument: Column, groups: [UInt32]) -> [Int] {
        var candidates: [Int]
        var pairs: [UInt64]
        // (The encoder is used in place: a copy would duplicate its tables.)
        if case .string = argument, case let rowCodes = distinctEncoders[index]!.rowCodes(argument), let entries = rowCodes.entries {
            (candidates, pairs) = entries.withUnsafeBufferPointer { Self.changes(groups: groups, values: $0, validity: argument.validity) }
            rowCodes.table.withUnsafeBufferPointer { table in
                pairs.withUnsafeMutableBufferPointer { pairs in
                    for position in pairs.indices {
                        let entry = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: pairs[position]))
                        pairs[position] = pairs[position] & 0xFFFF_FFFF_0000_0000 | UInt64(table[entry])
                    }
                }
            }
        } else {
            let codes = distinctEncoders[index]!.codes(argument)
            (candidates, pairs) = codes.withUnsafeBufferPointer { Self.changes(groups: groups, values: $0, validity: argument.validity) }
        }
        var added = [Bool](unsafeUninitializedCapacity: pairs.count) { _, written in written = pairs.count }
        pairs.withUnsafeBufferPointer { pairs in added.withUnsafeMutableBufferPointer { distinctSeen[index].insert(pairs, added: $0) } }
        // A pair counts on its first sight.
        return candidates.indices.compactMap { added[$0] ? candidates[$0] : nil }
    }

    /// The valid rows (`validity`, nil: all) whose `(groups[row], values[row])` pair differs from the previous
    /// valid row's, and those pairs (group in the high 32 bits): without a branch per row, each row is written
    /// and the count advances past the changes only.
    private static func changes(groups: [UInt32], values: UnsafeBufferPointer<UInt32>, validity: [UInt8]?) -> (rows: [Int], pairs: [UInt64]) {
        let count = groups.count
        var taken = 0
        var pairs: [UInt64] = []
        let rows = [Int](unsafeUninitializedCapacity: count) { rows, rowsWritten in
            pairs = [UInt64](unsafeUninitializedCapacity: count) { pairs, pairsWritten in
                groups.withUnsafeBufferPointer { groups in
                    // No pair equals the sentinel (group ids stay below 2^32 - 1): the first valid row is a change.
                    var previous = UInt64.max
                    @inline(__always) func visit(_ row: Int) {
                        let pair = UInt64(groups[row]) << 32 | UInt64(values[row])
                        pairs[taken] = pair
                        rows[taken] = row
                        taken &+= pair != previous ? 1 : 0
                        previous = pair
                    }
                    if let validity {
                        for row in 0..<count where validity[row] != 0 { visit(row) }
                    } else {
                        for row in 0..<count { visit(row) }
                    }
                }
                pairsWritten = taken
            }
            rowsWritten = taken
        }
        return (rows, pairs)
    }

    /// The positions in `pairs` (another aggregator's distinct (group, value code) pairs of DISTINCT aggregate
    /// `index`, its values coded by `encoder`, its groups ours through `mapped`) of the pairs this aggregator
    /// has not had; nil for values other than text. Looked up read-only on every core, in pieces.
    private func unseenPairs(_ index: Int, _ pairs: [UInt64], of encoder: KeyEncoder, mapped: [UInt32]) -> [Int]? {
        guard encoder.type == .string, distinctEncoders[index] != nil else { return nil }
        distinctEncoders[index]!.prepareToLookUp(in: encoder)
        let own = distinctEncoders[index]!
        func pieces(_ count: Int) -> [Range<Int>] {
            let size = max(Self.mergePieceRows, (count + Parallel.threadCount - 1) / Parallel.threadCount)
            return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
        }
        let valuePieces = pieces(Int(encoder.count))
        let values = Parallel.map(valuePieces.count) { own.existingCodes(ofTextIn: encoder, valuePieces[$0]) }.flatMap { $0 }
        let seen = distinctSeen[index]
        let pairPieces = pieces(pairs.count)
        return Parallel.map(pairPieces.count) { piece in
            let range = pairPieces[piece]
            var keys = [UInt64](repeating: 0, count: range.count)
            var known = [Bool](repeating: false, count: range.count)
            for (slot, position) in range.enumerated() {
                let value = values[Int(UInt32(truncatingIfNeeded: pairs[position]))]
                // (A value new here makes the pair new: its key is left 0, and the answer ignored.)
                if value != UInt32.max { keys[slot] = UInt64(mapped[Int(pairs[position] >> 32)]) << 32 | UInt64(value) }
            }
            keys.withUnsafeBufferPointer { keys in known.withUnsafeMutableBufferPointer { seen.contains(keys, into: $0) } }
            return range.enumerated().compactMap { slot, position in
                let value = values[Int(UInt32(truncatingIfNeeded: pairs[position]))]
                return value == UInt32.max || !known[slot] ? position : nil
            }
        }.flatMap { $0 }
    }

    /// The fewest pairs or values a core looks up in a merge.
    private static let mergePieceRows = 16_384

    /// Folds `other` — an aggregator of the same query that saw other rows — into this one: its groups are
    /// looked up (or added) here by their key values, and their states combined. DISTINCT aggregates take
    /// `other`'s distinct (group, value) pairs as new input, so a value both saw counts once. With `last` (no
    /// merge follows, only ``finish(keyFields:aggregateFields:)``), a DISTINCT count adds its new pairs to the
    /// counts without recording them.
    func merge(_ other: Aggregator, last: Bool) throws(QueryError) {
        guard other.groupCount > 0 else { return }
        let keys = encoders.indices.map { other.encoders[$0].column(other.groupCodes[$0]) }
        let mapped = keys.isEmpty ? [UInt32](repeating: 0, count: other.groupCount) : groupIDs(keys, rowCount: other.groupCount)
        grow(to: groupCount)
        // Each aggregate's states are combined on their own (on every core, with many groups), those with DISTINCT
        // one after the other first: their bookkeeping is this aggregator's. The first error by aggregate is thrown.
        var failures = [QueryError?](repeating: nil, count: specs.count)
        for index in specs.indices {
            do throws(QueryError) { try mergeDistinct(index, of: other, mapped: mapped, last: last) } catch { failures[index] = error }
        }
        let combined = specs.indices.filter { other.distinctEncoders[$0] == nil }
        for (index, failure) in zip(combined, combineStates(combined, of: other, sources: nil, targets: mapped)) {
            failures[index] = failure
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    /// Combines `other`'s states of aggregates `indices` into this one's — its group `sources[i]` (nil: its
    /// groups in order) into group `targets[i]` — an aggregate per core with many groups (``IndependentWork``);
    /// each one's error, in the order of `indices`.
    private func combineStates(_ indices: [Int], of other: Aggregator, sources: [UInt32]?, targets: [UInt32]) -> [QueryError?] {
        let (states, otherStates) = (self.states, other.states)
        return IndependentWork.map(indices.count, rows: targets.count) { position -> QueryError? in
            do throws(QueryError) {
                try states[indices[position]].combine(otherStates[indices[position]], sources: sources, targets: targets)
                return nil
            } catch {
                return error
            }
        }
    }

    /// The grouped rows of this aggregator and `other` (another worker's, fed other rows of the same query): what
    /// ``merge(_:last:)`` then ``finish(keyFields:aggregateFields:)`` give, row for row, when `other` has many
    /// groups of several keys and no aggregate is DISTINCT; nil otherwise (then merge and finish).
    ///
    /// Workers read different row groups, and rows sorted by month and account put most groups (a campaign's
    /// week, an account's day) in one worker's row groups only: merging entered ~400K of the weekly KPIs' 774K
    /// groups into this table one by one, on one core. Here `other`'s groups are looked up (on every core when
    /// hashed), adding nothing; those found are combined into theirs, and the rest are finished by `other` and
    /// appended after this aggregator's rows — where merging would have added them, in the same order.
    ///
    /// With `shown`, a result of more rows holds only the rows a table shows (``ShownRows``): only those groups'
    /// keys and aggregates are finished. Returns the rows and how many the result has.
    func mergedRows(
        with other: Aggregator, keyFields: [Field], aggregateFields: [Field], shown: ShownRows? = nil
    ) throws(QueryError) -> (batch: Batch, rowCount: Int)? {
        guard other.groupCount >= IndependentWork.parallelFromRows, encoders.count > 1,
            !distinctEncoders.contains(where: { $0 != nil })
        else { return nil }
        let keys = encoders.indices.map { other.encoders[$0].column(other.groupCodes[$0]) }
        let rows = keys.indices.map { encoders[$0].rowCodes(keys[$0]) }
        guard let shifts = combined!.fieldShifts(limits: encoders.map(\.count)),
            let found = Self.packed(rows, shifts: shifts, rowCount: other.groupCount).withUnsafeBufferPointer({ combined!.existingIDs(packed: $0) })
        else { return nil }
        var (sources, targets, missing) = ([UInt32](), [UInt32](), [Int]())
        for (group, id) in found.enumerated() {
            if id == UInt32.max {
                missing.append(group)
            } else {
                sources.append(UInt32(group))
                targets.append(id)
            }
        }
        if let failure = combineStates(Array(specs.indices), of: other, sources: sources, targets: targets).compactMap({ $0 }).first {
            throw failure
        }
        let rowCount = groupCount + missing.count
        // The rows kept: all, or the shown ones, this aggregator's groups first, then `other`'s missing here.
        let kept = shown.flatMap { rowCount > $0.count ? $0.rows(of: rowCount) : nil }
        let own = finish(keyFields: keyFields, aggregateFields: aggregateFields, groups: kept?.filter { $0 < groupCount })
        let appendedGroups = kept.map { $0.filter { $0 >= groupCount }.map { missing[$0 - groupCount] } } ?? missing
        let (otherEncoders, otherCodes, otherStates) = (other.encoders, other.groupCodes, other.states)
        let appended = IndependentWork.map(keyFields.count + otherStates.count, rows: appendedGroups.count) { index in
            index < keyFields.count
                ? otherEncoders[index].column(appendedGroups.map { otherCodes[index][$0] })
                : otherStates[index - keyFields.count].finish(groups: appendedGroups)
        }
        let fields = keyFields + aggregateFields
        let result = Batch(schema: Schema(fields), columns: IndependentWork.map(fields.count, rows: own.rowCount + appendedGroups.count) { index in
            Column.concatenate([own.columns[index], appended[index]], type: fields[index].type)
        })
        return (result, rowCount)
    }

    /// DISTINCT aggregate `index` (if it is one) takes `other`'s distinct (group, value) pairs, its groups ours
    /// through `mapped`, as new input (``merge(_:last:)``).
    private func mergeDistinct(_ index: Int, of other: Aggregator, mapped: [UInt32], last: Bool) throws(QueryError) {
        guard let encoder = other.distinctEncoders[index] else { return }
        let pairs = other.distinctSeen[index].keys
        // Only pairs new here change anything; for text, which those are is found on every core.
        let unseen = unseenPairs(index, pairs, of: encoder, mapped: mapped)
        let fresh = unseen ?? Array(pairs.indices)
        if last, unseen != nil, specs[index].kind == .count {
            // Each new pair is one more value: counted as count(*) counts rows, without recording it.
            try states[index].update(AggregateInput(
                argument: nil, groups: fresh.map { mapped[Int(pairs[$0] >> 32)] }, distinctRows: nil, single: false, offset: 0))
        } else {
            let argument = encoder.column(fresh.map { UInt32(truncatingIfNeeded: pairs[$0]) })
            try update(index, argument: argument, groups: fresh.map { mapped[Int(pairs[$0] >> 32)] }, offset: 0)
        }
    }

    /// Folds groups `members` of `other` (an aggregator of the same query that saw other rows) into this one:
    /// looked up (or added) here by their key values, their states combined; each DISTINCT aggregate `index` takes
    /// `distinctPairs[index]` — `other`'s (position in `members` << 32 | value code) pairs of those groups — as
    /// new input, so a value both saw counts once. Reads `other` only, so several aggregators may fold disjoint
    /// parts of one `other` at once (``PartitionedMerge``).
    func absorb(_ other: Aggregator, members: [UInt32], distinctPairs: [[UInt64]?]) throws(QueryError) {
        guard !members.isEmpty else { return }
        let keys = encoders.indices.map { key in Self.compacted(other.encoders[key].column(members.map { other.groupCodes[key][Int($0)] })) }
        let mapped = keys.isEmpty ? [UInt32](repeating: 0, count: members.count) : groupIDs(keys, rowCount: members.count)
        grow(to: groupCount)
        for index in specs.indices {
            if let encoder = other.distinctEncoders[index] {
                let pairs = distinctPairs[index] ?? []
                guard !pairs.isEmpty else { continue }
                let argument = Self.compacted(encoder.column(pairs.map { UInt32(truncatingIfNeeded: $0) }))
                try update(index, argument: argument, groups: pairs.map { mapped[Int($0 >> 32)] }, offset: 0)
                continue
            }
            try states[index].combine(other.states[index], sources: members, targets: mapped)
        }
    }

    /// `column` — text from ``KeyEncoder/column(_:)``, whose dictionary is all the text the encoder has seen —
    /// with a dictionary of just its rows' text (and their shared codes), so that coding it costs its rows, not
    /// the other worker's whole dictionary, however many partitions read that worker. Other columns as they are.
    private static func compacted(_ column: Column) -> Column {
        guard case .string(let text) = column else { return column }
        let rows = Array(0..<UInt32(text.codes.count))
        if let sharing = text.shared {
            // Text not made into Strings yet stays so: its rows' shared codes are its entries.
            let known = sharing.codes(of: text.dictionary)
            let entries = SharedCodes(in: sharing.dictionary, codes: text.codes.map { known[Int($0)] })
            return .string(StringColumn(sharedEntries: entries, codes: rows, validity: text.validity))
        }
        let dictionary = text.dictionary
        return .string(StringColumn(dictionary: text.codes.map { dictionary[Int($0)] }, codes: rows, validity: text.validity))
    }

    /// The group keys and aggregates, one row per group (in first-seen order), or per group of `groups` (in that
    /// order). Each column is made on its own (on every core, with many groups).
    func finish(keyFields: [Field], aggregateFields: [Field], groups: [Int]? = nil) -> Batch {
        let (encoders, groupCodes, states) = (self.encoders, self.groupCodes, self.states)
        let columns = IndependentWork.map(keyFields.count + states.count, rows: groups?.count ?? groupCount) { index in
            guard index >= keyFields.count else {
                return encoders[index].column(groups.map { $0.map { groupCodes[index][$0] } } ?? groupCodes[index])
            }
            let state = states[index - keyFields.count]
            return groups.map(state.finish(groups:)) ?? state.finish()
        }
        return Batch(schema: Schema(keyFields + aggregateFields), columns: columns)
    }
}
