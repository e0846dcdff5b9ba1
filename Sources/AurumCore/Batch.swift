/// A set of equally long columns under one schema: the unit that flows between storage, kernels and output.
public struct Batch: Sendable {
    public var schema: Schema
    public var columns: [Column]

    public init(schema: Schema, columns: [Column]) {
        precondition(schema.count == columns.count, "one column per field")
        precondition(columns.allSatisfy { $0.count == columns[0].count }, "columns of a batch have the same length")
        for (field, column) in zip(schema.fields, columns) {
            precondition(field.type == column.type, "column \(field.name) is \(column.type), schema says \(field.type)")
        }
        self.schema = schema
        self.columns = columns
    }

    /// An empty batch of `schema`.
    public init(empty schema: Schema) {
        self.init(schema: schema, columns: schema.fields.map { Column.empty($0.type) })
    }

    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The column called `name`, or nil.
    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Batch {
        // A large gather is random access over every column: the columns go to all cores.
        guard indices.count >= Self.parallelGatherRows else { return Batch(schema: schema, columns: columns.map { $0.gather(indices) }) }
        let columns = columns
        return Batch(schema: schema, columns: Parallel.map(columns.count) { columns[$0].gather(indices) })
    }

    /// The rows in `range`, as a batch of their own.
    public func rows(_ range: Range<Int>) -> Batch {
        precondition(range.lowerBound >= 0 && range.upperBound <= rowCount, "rows out of range")
        return Batch(schema: schema, columns: columns.map { $0.rows(range) })
    }

    /// The batch cut into consecutive pieces of at most `rows` rows (itself, whole, when it has no more), for
    /// the query engine's workers to share: one batch is otherwise one worker's work.
    public func morsels(of rows: Int) -> [Batch] {
        precondition(rows > 0)
        guard rowCount > rows else { return [self] }
        return stride(from: 0, to: rowCount, by: rows).map { self.rows($0..<Swift.min($0 + rows, rowCount)) }
    }

    /// Rows from which ``gather(_:)`` spreads columns over cores.
    static let parallelGatherRows = 1 << 20

    /// Only the columns named, in that order.
    public func project(_ names: [String]) -> Batch {
        let indices = names.map { name in
            guard let index = schema.index(of: name) else { preconditionFailure("no column \(name)") }
            return index
        }
        return Batch(schema: Schema(indices.map { schema.fields[$0] }), columns: indices.map { columns[$0] })
    }
}

extension Batch {
    /// The rows of `batches`, one after the other, under `schema` (which must match every batch).
    public static func concatenate(_ batches: [Batch], schema: Schema) -> Batch {
        guard batches.count != 1 else { return batches[0] }
        let columns = schema.fields.indices.map { index in
            Column.concatenate(batches.map { $0.columns[index] }, type: schema.fields[index].type)
        }
        return Batch(schema: schema, columns: columns)
    }
}

extension Column {
    /// The rows of `columns`, one after the other. String dictionaries are merged by their shared codes when they
    /// have them (``concatenatingShared(_:)``), else by bytes; never by canonical equivalence. Unless every piece
    /// holds the very same dictionary, the result's dictionary holds only the entries some row holds.
    public static func concatenate(_ columns: [Column], type: DataType) -> Column {
        func primitive<T>(_ extract: (Column) -> PrimitiveColumn<T>) -> PrimitiveColumn<T> {
            let parts = columns.map(extract)
            var values: [T] = []
            values.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { values.append(contentsOf: part.values) }
            guard parts.contains(where: { $0.validity != nil }) else { return PrimitiveColumn(values: values) }
            var validity: [UInt8] = []
            validity.reserveCapacity(values.count)
            for part in parts { validity.append(contentsOf: part.validity ?? [UInt8](repeating: 1, count: part.count)) }
            return PrimitiveColumn(values: values, validity: validity)
        }
        switch type {
        case .int64: return .int64(primitive { if case .int64(let c) = $0 { c } else { preconditionFailure("type") } })
        case .double: return .double(primitive { if case .double(let c) = $0 { c } else { preconditionFailure("type") } })
        case .date: return .date(primitive { if case .date(let c) = $0 { c } else { preconditionFailure("type") } })
        case .bool: return .bool(primitive { if case .bool(let c) = $0 { c } else { preconditionFailure("type") } })
        case .string:
            if let sameDictionary = concatenatingSameDictionary(columns) { return .string(sameDictionary) }
            if let throughShared = concatenatingShared(columns) { return .string(throughShared) }
            var parts: [StringColumn] = []
            for case .string(let part) in columns { parts.append(part) }
            var dictionary = TextInterner()
            // Only the entries some row holds are looked up: a piece may carry a large dictionary for a few rows
            // (a table's every name, say), and hashing all of it would cost more than the rows.
            let dictionaries = parts.map(\.dictionary)
            let (codes, validity) = joinedCodes(parts) { part, entry in dictionary.code(of: dictionaries[part][entry]) }!
            return .string(StringColumn(dictionary: dictionary.strings, codes: codes, validity: validity))
        }
    }

    /// The codes of text columns `parts` one after the other, and their validity (nil when no row is NULL; a
    /// NULL row's code is 0): a row's code is `code(part, entry)` of its entry, asked once per entry of each part,
    /// at the first row holding it, so that an entry no row holds is never asked for. Nil as soon as `code` is.
    static func joinedCodes(
        _ parts: [StringColumn], code: (_ part: Int, _ entry: Int) -> UInt32?
    ) -> (codes: [UInt32], validity: [UInt8]?)? {
        // Written in place, not appended row by row: a merge of two workers' groups joins columns of ~1M rows.
        let total = parts.reduce(0) { $0 + $1.count }
        var codes = [UInt32](repeating: 0, count: total)
        var validity = [UInt8](repeating: 1, count: parts.contains { $0.validity != nil } ? total : 0)
        var hasNull = false
        var offset = 0
        for (index, part) in parts.enumerated() {
            var remap = [UInt32](repeating: .max, count: part.entryCount)
            let flags = part.validity
            let done = codes.withUnsafeMutableBufferPointer { codes in
                validity.withUnsafeMutableBufferPointer { validity in
                    part.codes.withUnsafeBufferPointer { entries in
                        remap.withUnsafeMutableBufferPointer { remap in
                            for row in 0..<part.count {
                                if let flags, flags[row] == 0 {
                                    validity[offset + row] = 0  // (its code stays 0)
                                    hasNull = true
                                    continue
                                }
                                let entry = Int(entries[row])
                                if remap[entry] == .max {
                                    guard let found = code(index, entry) else { return false }
                                    remap[entry] = found
                                }
                                codes[offset + row] = remap[entry]
                            }
                            return true
                        }
                    }
                }
            }
            guard done else { return nil }
            offset += part.count
        }
        return (codes, hasNull ? validity : nil)
    }

    /// Text columns that all hold the very same dictionary (pieces of one column, cut by rows), concatenated by
    /// their codes: no entry is looked up again. Nil when any holds other entries (``StringColumn/hasSameEntries(as:)``).
    private static func concatenatingSameDictionary(_ columns: [Column]) -> StringColumn? {
        var parts: [StringColumn] = []
        for case .string(let part) in columns { parts.append(part) }
        guard let first = parts.first, parts.count == columns.count, parts.allSatisfy({ $0.hasSameEntries(as: first) }) else {
            return nil
        }
        var codes: [UInt32] = []
        codes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { codes.append(contentsOf: part.codes) }
        // The shared codes too when every part has the same (always so for entries not made into Strings yet).
        func joined(_ validity: [UInt8]?) -> StringColumn {
            parts.allSatisfy { $0.shared === first.shared }
                ? first.withRows(codes: codes, validity: validity)
                : StringColumn(dictionary: first.dictionary, codes: codes, validity: validity)
        }
        guard parts.contains(where: { $0.validity != nil }) else { return joined(nil) }
        var validity: [UInt8] = []
        validity.reserveCapacity(codes.count)
        for part in parts { validity.append(contentsOf: part.validity ?? [UInt8](repeating: 1, count: part.count)) }
        for row in codes.indices where validity[row] == 0 { codes[row] = 0 }  // (a NULL row's code is 0, as below)
        return joined(validity)
    }
}
