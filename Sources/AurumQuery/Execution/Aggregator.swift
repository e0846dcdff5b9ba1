import AurumCore
import AurumKernels

/// Hash aggregation over batches: group keys → dense group ids (``KeyEncoder`` per key column, then
/// ``MultiKeyGroupIndex`` for several keys), then every aggregate updates dense per-group arrays — with the
/// ``GroupedSum`` kernels when a column has no NULLs. Memory grows with the number of groups, not rows.
final class Aggregator {
    private let specs: [AggregateSpec]
    private var encoders: [KeyEncoder]
    private var combined: MultiKeyGroupIndex?
    /// `groupCodes[k][g]`: the code of key `k` for group `g`.
    private var groupCodes: [[UInt32]]
    private(set) var groupCount = 0
    private var states: [State]
    private var distinctEncoders: [KeyEncoder?]
    /// (group, value code) pairs seen, per DISTINCT aggregate.
    private var distinctSeen: [GroupIndex]

    private enum State {
        case count([Int64])
        case sumInt([Int64], [Bool])
        case sumDouble([Double], [Bool])
        case average([Double], [Int64])
        /// A decimal column's sum and average (``AggregateSpec/decimal``): exact, as Gold's.
        case sumDecimal(DecimalSums, [Bool])
        case averageDecimal(DecimalSums, [Int64])
        case extremeInt([Int64], [Bool], isMax: Bool)
        case extremeDouble([Double], [Bool], isMax: Bool)
        case extremeText([String?], isMax: Bool)
    }

    init(keyTypes: [DataType], specs: [AggregateSpec]) {
        self.specs = specs
        encoders = keyTypes.map { KeyEncoder(type: $0) }
        combined = keyTypes.count > 1 ? MultiKeyGroupIndex(keyCount: keyTypes.count) : nil
        groupCodes = keyTypes.map { _ in [] }
        states = specs.map { spec in
            switch spec.kind {
            case .count: .count([])
            case .sum: spec.decimal ? .sumDecimal(DecimalSums(), []) : spec.type == .int64 ? .sumInt([], []) : .sumDouble([], [])
            case .avg: spec.decimal ? .averageDecimal(DecimalSums(), []) : .average([], [])
            case .min, .max:
                switch spec.type {
                case .double: .extremeDouble([], [], isMax: spec.kind == .max)
                case .string: .extremeText([], isMax: spec.kind == .max)
                default: .extremeInt([], [], isMax: spec.kind == .max)
                }
            }
        }
        // DISTINCT changes count, sum and avg; min and max are the same without it, so they skip its bookkeeping.
        distinctEncoders = specs.map { spec in
            spec.distinct && spec.kind != .min && spec.kind != .max ? KeyEncoder(type: spec.argument?.type ?? .int64) : nil
        }
        distinctSeen = specs.map { _ in GroupIndex(capacity: 64) }
        if keyTypes.isEmpty { grow(to: 1) }  // no GROUP BY: one group, even over no rows
    }

    /// Adds one batch: its key columns, each aggregate's argument column (nil for count(*)) and the rows its
    /// `FILTER (WHERE …)` keeps (nil: no FILTER). Groups come from every row, so a group whose rows all fail a
    /// FILTER still appears (with count 0 and NULL for the others), as in DuckDB.
    func add(keys: [Column], arguments: [Column?], filters: [[Int]?], rowCount: Int, offset: Int) throws(QueryError) {
        let groups = groupIDs(keys, rowCount: rowCount)
        grow(to: groupCount)
        for index in specs.indices {
            if let rows = filters[index], rows.count != rowCount {
                // The filtered rows only: each state's loops then run as over an unfiltered batch.
                let kept = rows.map { groups[$0] }
                try update(index, argument: arguments[index].map { $0.gather(rows) }, groups: kept, offset: offset)
            } else {
                try update(index, argument: arguments[index], groups: groups, offset: offset)
            }
        }
    }

    private func groupIDs(_ keys: [Column], rowCount: Int) -> [UInt32] {
        guard !keys.isEmpty else { return [UInt32](repeating: 0, count: rowCount) }
        let codes = keys.indices.map { encoders[$0].codes(keys[$0]) }
        if keys.count == 1 {
            // Codes are dense and each belongs to a value some row holds: a code is its group.
            while groupCount < Int(encoders[0].count) {
                groupCodes[0].append(UInt32(groupCount))
                groupCount += 1
            }
            return codes[0]
        }
        var groups = [UInt32](repeating: 0, count: rowCount)
        combined!.ids(codes: codes, limits: encoders.map(\.count), rowCount: rowCount, into: &groups)
        // New groups, in first-seen order: ids were handed out in row order.
        guard combined!.count > groupCount else { return groups }
        for row in 0..<rowCount where Int(groups[row]) == groupCount {
            for key in 0..<keys.count { groupCodes[key].append(codes[key][row]) }
            groupCount += 1
        }
        return groups
    }

    /// Groups the state arrays have room for.
    private var allocatedGroups = 0

    /// State `index`, taken out of ``states`` (left holding an empty placeholder) so that its arrays are
    /// uniquely referenced while they change: a `switch` binding `var` arrays out of `states[index]` itself
    /// would copy every array — all groups — on each batch.
    private func takeState(_ index: Int) -> State {
        var taken = State.count([])
        swap(&taken, &states[index])
        return taken
    }

    private func grow(to count: Int) {
        groupCount = max(groupCount, count)
        guard groupCount > allocatedGroups else { return }
        allocatedGroups = groupCount
        for index in states.indices {
            let state = takeState(index)
            switch consume state {
            case .count(var counts):
                extend(&counts, to: groupCount, with: 0)
                states[index] = .count(counts)
            case .sumInt(var sums, var has):
                extend(&sums, to: groupCount, with: 0)
                extend(&has, to: groupCount, with: false)
                states[index] = .sumInt(sums, has)
            case .sumDouble(var sums, var has):
                extend(&sums, to: groupCount, with: 0)
                extend(&has, to: groupCount, with: false)
                states[index] = .sumDouble(sums, has)
            case .average(var sums, var counts):
                extend(&sums, to: groupCount, with: 0)
                extend(&counts, to: groupCount, with: 0)
                states[index] = .average(sums, counts)
            case .sumDecimal(var sums, var has):
                sums.grow(to: groupCount)
                extend(&has, to: groupCount, with: false)
                states[index] = .sumDecimal(sums, has)
            case .averageDecimal(var sums, var counts):
                sums.grow(to: groupCount)
                extend(&counts, to: groupCount, with: 0)
                states[index] = .averageDecimal(sums, counts)
            case .extremeInt(var values, var has, let isMax):
                extend(&values, to: groupCount, with: 0)
                extend(&has, to: groupCount, with: false)
                states[index] = .extremeInt(values, has, isMax: isMax)
            case .extremeDouble(var values, var has, let isMax):
                extend(&values, to: groupCount, with: 0)
                extend(&has, to: groupCount, with: false)
                states[index] = .extremeDouble(values, has, isMax: isMax)
            case .extremeText(var values, let isMax):
                extend(&values, to: groupCount, with: nil)
                states[index] = .extremeText(values, isMax: isMax)
            }
        }
    }

    private func extend<T>(_ array: inout [T], to count: Int, with value: T) {
        if array.count < count { array.append(contentsOf: repeatElement(value, count: count - array.count)) }
    }

    private func update(_ index: Int, argument: Column?, groups: [UInt32], offset: Int) throws(QueryError) {
        // Without GROUP BY every row is in group 0: whole-column kernels, no per-row group lookups; min and max
        // of numbers then take the column's validity themselves.
        let single = encoders.isEmpty
        let spec = specs[index]
        let wholeColumnExtreme = single && (spec.kind == .min || spec.kind == .max) && spec.type != .string
        var rows: [Int]?  // nil: every row counts
        if let argument, !wholeColumnExtreme {
            // NULLs never count; with DISTINCT, only a group's first sight of a value counts.
            if distinctEncoders[index] != nil {
                rows = firstSights(index, argument: argument, groups: groups)
            } else if let validity = argument.validity {
                rows = (0..<groups.count).filter { validity[$0] != 0 }
            }
        }
        let state = takeState(index)
        switch consume state {
        case .count(var counts):
            if single {
                counts[0] += Int64(rows?.count ?? groups.count)
            } else {
                counts.withUnsafeMutableBufferPointer { counts in
                    groups.withUnsafeBufferPointer { groups in
                        if let rows {
                            for row in rows { counts[Int(groups[row])] += 1 }
                        } else {
                            GroupedSum.count(groups: groups, into: counts)
                        }
                    }
                }
            }
            states[index] = .count(counts)
        case .sumInt(var sums, var has):
            let values = argument?.int64Values.values ?? []
            var overflow = false
            sums.withUnsafeMutableBufferPointer { sums in
                has.withUnsafeMutableBufferPointer { has in
                    values.withUnsafeBufferPointer { values in
                        groups.withUnsafeBufferPointer { groups in
                            forEachRow(rows, count: groups.count) { row in
                                let group = single ? 0 : Int(groups[row])
                                let (sum, overflowed) = sums[group].addingReportingOverflow(values[row])
                                overflow = overflow || overflowed
                                sums[group] = sum
                                has[group] = true
                            }
                        }
                    }
                }
            }
            if overflow { throw .execution(message: "integer overflow in sum()", offset: offset) }
            states[index] = .sumInt(sums, has)
        case .sumDouble(var sums, var has):
            let values = argument?.doubleValues.values ?? []
            sums.withUnsafeMutableBufferPointer { sums in
                has.withUnsafeMutableBufferPointer { has in
                    values.withUnsafeBufferPointer { values in
                        groups.withUnsafeBufferPointer { groups in
                            if let rows {
                                for row in rows {
                                    let group = single ? 0 : Int(groups[row])
                                    sums[group] += values[row]
                                    has[group] = true
                                }
                            } else if single {
                                sums[0] += Sum.simd(values)
                                has[0] = has[0] || !values.isEmpty
                            } else {
                                GroupedSum.add(values, groups: groups, into: sums)
                                for group in groups { has[Int(group)] = true }
                            }
                        }
                    }
                }
            }
            states[index] = .sumDouble(sums, has)
        case .average(var sums, var counts):
            let values = argument?.doubleValues.values ?? []
            sums.withUnsafeMutableBufferPointer { sums in
                counts.withUnsafeMutableBufferPointer { counts in
                    values.withUnsafeBufferPointer { values in
                        groups.withUnsafeBufferPointer { groups in
                            if single, rows == nil {
                                sums[0] += Sum.simd(values)
                                counts[0] += Int64(values.count)
                                return
                            }
                            forEachRow(rows, count: groups.count) { row in
                                let group = single ? 0 : Int(groups[row])
                                sums[group] += values[row]
                                counts[group] += 1
                            }
                        }
                    }
                }
            }
            states[index] = .average(sums, counts)
        case .sumDecimal(var sums, var has):
            Self.addDecimals(argument, groups: groups, rows: rows, into: &sums)
            forEachRow(rows, count: groups.count) { has[Int(groups[$0])] = true }
            states[index] = .sumDecimal(sums, has)
        case .averageDecimal(var sums, var counts):
            Self.addDecimals(argument, groups: groups, rows: rows, into: &sums)
            forEachRow(rows, count: groups.count) { counts[Int(groups[$0])] += 1 }
            states[index] = .averageDecimal(sums, counts)
        case .extremeInt(var values, var has, let isMax):
            let input: [Int64]
            switch argument {
            case .date(let c)?: input = c.values.map(Int64.init)
            case .bool(let c)?: input = c.values.map(Int64.init)
            default: input = argument?.int64Values.values ?? []
            }
            if wholeColumnExtreme {
                // One SIMD pass over the column (NULLs skipped by its validity).
                let validity = argument?.validity
                let extreme = input.withUnsafeBufferPointer { input in
                    withOptionalBuffer(validity) { isMax ? Maximum.simd(input, validity: $0) : Minimum.simd(input, validity: $0) }
                }
                if let extreme, !has[0] || (isMax ? extreme > values[0] : extreme < values[0]) {
                    values[0] = extreme
                    has[0] = true
                }
                states[index] = .extremeInt(values, has, isMax: isMax)
                return
            }
            values.withUnsafeMutableBufferPointer { values in
                has.withUnsafeMutableBufferPointer { has in
                    input.withUnsafeBufferPointer { input in
                        groups.withUnsafeBufferPointer { groups in
                            forEachRow(rows, count: groups.count) { row in
                                let group = single ? 0 : Int(groups[row])
                                let value = input[row]
                                if !has[group] || (isMax ? value > values[group] : value < values[group]) {
                                    values[group] = value
                                    has[group] = true
                                }
                            }
                        }
                    }
                }
            }
            states[index] = .extremeInt(values, has, isMax: isMax)
        case .extremeDouble(var values, var has, let isMax):
            // DuckDB's order: NaN above every number (see ``Maximum``).
            let input = argument?.doubleValues.values ?? []
            let pick = Self.extremeRule(isMax: isMax)
            if wholeColumnExtreme {
                // One SIMD pass over the column (NULLs skipped by its validity).
                let validity = argument?.validity
                let extreme = input.withUnsafeBufferPointer { input in
                    withOptionalBuffer(validity) { isMax ? Maximum.simd(input, validity: $0) : Minimum.simd(input, validity: $0) }
                }
                if let extreme {
                    values[0] = has[0] ? pick(values[0], extreme) : extreme
                    has[0] = true
                }
                states[index] = .extremeDouble(values, has, isMax: isMax)
                return
            }
            values.withUnsafeMutableBufferPointer { values in
                has.withUnsafeMutableBufferPointer { has in
                    input.withUnsafeBufferPointer { input in
                        groups.withUnsafeBufferPointer { groups in
                            forEachRow(rows, count: groups.count) { row in
                                let group = single ? 0 : Int(groups[row])
                                values[group] = has[group] ? pick(values[group], input[row]) : input[row]
                                has[group] = true
                            }
                        }
                    }
                }
            }
            states[index] = .extremeDouble(values, has, isMax: isMax)
        case .extremeText(var values, let isMax):
            guard let strings = argument?.stringValues else { break }
            forEachRow(rows, count: groups.count) { row in
                let group = Int(groups[row])
                let value = strings.dictionary[Int(strings.codes[row])]
                if let current = values[group] {
                    let order = textCompare(value, current)
                    if isMax ? order > 0 : order < 0 { values[group] = value }
                } else {
                    values[group] = value
                }
            }
            states[index] = .extremeText(values, isMax: isMax)
        }
    }

    /// Adds the doubles of `argument` at `rows` (every row when nil) into their groups' exact decimal sums.
    private static func addDecimals(_ argument: Column?, groups: [UInt32], rows: [Int]?, into sums: inout DecimalSums) {
        let values = argument?.doubleValues.values ?? []
        let picked = rows.map { rows in rows.map { values[$0] } } ?? values
        let pickedGroups = rows.map { rows in rows.map { groups[$0] } } ?? groups
        picked.withUnsafeBufferPointer { picked in pickedGroups.withUnsafeBufferPointer { sums.add(picked, groups: $0) } }
    }

    /// DISTINCT aggregate `index`: the rows (in order) whose (group, value) pair no earlier row of this aggregator
    /// has had; NULL values never count.
    private func firstSights(_ index: Int, argument: Column, groups: [UInt32]) -> [Int] {
        let codes = distinctEncoders[index]!.codes(argument)  // in place: a copy would duplicate the encoder's tables
        let validity = argument.validity
        let count = groups.count
        // Only a row whose pair differs from the last valid row's can be a first sight: sorted or clustered
        // rows (an ad's days) repeat their pair, and the rest are looked up.
        var candidates: [Int] = []
        let pairs = [UInt64](unsafeUninitializedCapacity: count) { pairs, written in
            written = 0
            var previous: UInt64?
            for row in 0..<count where validity.map({ $0[row] != 0 }) ?? true {
                let pair = UInt64(groups[row]) << 32 | UInt64(codes[row])
                if pair == previous { continue }
                previous = pair
                pairs[written] = pair
                candidates.append(row)
                written += 1
            }
        }
        var ids = [UInt32](repeating: 0, count: pairs.count)
        var next = UInt32(distinctSeen[index].count)
        pairs.withUnsafeBufferPointer { pairs in ids.withUnsafeMutableBufferPointer { distinctSeen[index].ids(of: pairs, into: $0) } }
        // A pair counts on its first sight: ids handed out now, each the first time it appears.
        var rows: [Int] = []
        for (position, row) in candidates.enumerated() where ids[position] == next {
            rows.append(row)
            next += 1
        }
        return rows
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

    /// `body(row)` for each of `rows`, or for every row below `count` when `rows` is nil (without building that
    /// list).
    @inline(__always)
    private func forEachRow(_ rows: [Int]?, count: Int, _ body: (Int) -> Void) {
        if let rows {
            for row in rows { body(row) }
        } else {
            for row in 0..<count { body(row) }
        }
    }

    /// max's or min's choice between two doubles, in DuckDB's order.
    private static func extremeRule(isMax: Bool) -> (Double, Double) -> Double {
        if isMax { return { Maximum.larger($0, $1) } }
        return { Minimum.smaller($0, $1) }
    }

    /// `body` with `array`'s buffer, or with nil.
    private func withOptionalBuffer<Result>(_ array: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0) }
    }

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
        for index in specs.indices {
            if let encoder = other.distinctEncoders[index] {
                let pairs = other.distinctSeen[index].groupKeys
                // Only pairs new here change anything; for text, which those are is found on every core.
                let unseen = unseenPairs(index, pairs, of: encoder, mapped: mapped)
                let fresh = unseen ?? Array(pairs.indices)
                if last, unseen != nil, case .count = states[index], case .count(var counts) = takeState(index) {
                    for position in fresh { counts[Int(mapped[Int(pairs[position] >> 32)])] += 1 }
                    states[index] = .count(counts)
                } else {
                    let argument = encoder.column(fresh.map { UInt32(truncatingIfNeeded: pairs[$0]) })
                    try update(index, argument: argument, groups: fresh.map { mapped[Int(pairs[$0] >> 32)] }, offset: 0)
                }
                continue
            }
            states[index] = try Self.combine(takeState(index), other.states[index], mapped: mapped)
        }
    }

    /// `into` with each group `g` of `from` combined into group `mapped[g]` (`into` is consumed, so its arrays
    /// change in place rather than being copied).
    private static func combine(_ into: consuming State, _ from: State, mapped: [UInt32]) throws(QueryError) -> State {
        switch (consume into, from) {
        case (.count(var counts), .count(let more)):
            for (group, count) in more.enumerated() { counts[Int(mapped[group])] += count }
            return .count(counts)
        case (.sumInt(var sums, var has), .sumInt(let more, let moreHas)):
            for group in more.indices where moreHas[group] {
                let (sum, overflow) = sums[Int(mapped[group])].addingReportingOverflow(more[group])
                if overflow { throw .execution(message: "integer overflow in sum()", offset: 0) }
                sums[Int(mapped[group])] = sum
                has[Int(mapped[group])] = true
            }
            return .sumInt(sums, has)
        case (.sumDouble(var sums, var has), .sumDouble(let more, let moreHas)):
            for group in more.indices where moreHas[group] {
                sums[Int(mapped[group])] += more[group]
                has[Int(mapped[group])] = true
            }
            return .sumDouble(sums, has)
        case (.average(var sums, var counts), .average(let more, let moreCounts)):
            for group in more.indices {
                sums[Int(mapped[group])] += more[group]
                counts[Int(mapped[group])] += moreCounts[group]
            }
            return .average(sums, counts)
        case (.sumDecimal(var sums, var has), .sumDecimal(let more, let moreHas)):
            for group in moreHas.indices where moreHas[group] {
                sums.merge(more, group: group, into: Int(mapped[group]))
                has[Int(mapped[group])] = true
            }
            return .sumDecimal(sums, has)
        case (.averageDecimal(var sums, var counts), .averageDecimal(let more, let moreCounts)):
            for group in moreCounts.indices where moreCounts[group] > 0 {
                sums.merge(more, group: group, into: Int(mapped[group]))
                counts[Int(mapped[group])] += moreCounts[group]
            }
            return .averageDecimal(sums, counts)
        case (.extremeInt(var values, var has, let isMax), .extremeInt(let more, let moreHas, _)):
            for group in more.indices where moreHas[group] {
                let target = Int(mapped[group])
                if !has[target] || (isMax ? more[group] > values[target] : more[group] < values[target]) {
                    values[target] = more[group]
                    has[target] = true
                }
            }
            return .extremeInt(values, has, isMax: isMax)
        case (.extremeDouble(var values, var has, let isMax), .extremeDouble(let more, let moreHas, _)):
            let pick = Self.extremeRule(isMax: isMax)
            for group in more.indices where moreHas[group] {
                let target = Int(mapped[group])
                values[target] = has[target] ? pick(values[target], more[group]) : more[group]
                has[target] = true
            }
            return .extremeDouble(values, has, isMax: isMax)
        case (.extremeText(var values, let isMax), .extremeText(let more, _)):
            for (group, value) in more.enumerated() {
                guard let value else { continue }
                let target = Int(mapped[group])
                if let current = values[target] {
                    let order = textCompare(value, current)
                    if isMax ? order > 0 : order < 0 { values[target] = value }
                } else {
                    values[target] = value
                }
            }
            return .extremeText(values, isMax: isMax)
        default:
            preconditionFailure("aggregators of different queries")
        }
    }

    /// The group keys and aggregates, one row per group (in first-seen order).
    func finish(keyFields: [Field], aggregateFields: [Field]) -> Batch {
        var columns: [Column] = []
        for key in keyFields.indices { columns.append(encoders[key].column(groupCodes[key])) }
        for (index, spec) in specs.enumerated() {
            switch states[index] {
            case .count(let counts): columns.append(.int64(PrimitiveColumn(values: counts)))
            case .sumInt(let sums, let has): columns.append(.int64(PrimitiveColumn(values: sums, validity: mask(has))))
            case .sumDouble(let sums, let has): columns.append(.double(PrimitiveColumn(values: sums, validity: mask(has))))
            case .average(let sums, let counts):
                columns.append(.double(PrimitiveColumn(
                    values: zip(sums, counts).map { $1 == 0 ? 0 : $0 / Double($1) }, validity: mask(counts.map { $0 > 0 }))))
            case .sumDecimal(let sums, let has):
                columns.append(.double(PrimitiveColumn(values: has.indices.map(sums.value), validity: mask(has))))
            case .averageDecimal(let sums, let counts):
                columns.append(.double(PrimitiveColumn(
                    values: counts.indices.map { counts[$0] == 0 ? 0 : sums.value($0) / Double(counts[$0]) }, validity: mask(counts.map { $0 > 0 }))))
            case .extremeInt(let values, let has, _):
                switch spec.type {
                case .date: columns.append(.date(PrimitiveColumn(values: values.map { Int32(truncatingIfNeeded: $0) }, validity: mask(has))))
                case .bool: columns.append(.bool(PrimitiveColumn(values: values.map { UInt8(truncatingIfNeeded: $0) }, validity: mask(has))))
                default: columns.append(.int64(PrimitiveColumn(values: values, validity: mask(has))))
                }
            case .extremeDouble(let values, let has, _): columns.append(.double(PrimitiveColumn(values: values, validity: mask(has))))
            case .extremeText(let values, _):
                var builder = StringColumnBuilder()
                for value in values { builder.append(value) }
                columns.append(.string(builder.finish()))
            }
        }
        return Batch(schema: Schema(keyFields + aggregateFields), columns: columns)
    }

    private func mask(_ has: [Bool]) -> [UInt8]? {
        has.contains(false) ? has.map { $0 ? 1 : 0 } : nil
    }
}
