/// A column of fixed-width values in one contiguous buffer, with an optional validity mask.
///
/// `validity[i] == 1` means row `i` holds a value; `validity == nil` means no row is NULL. The value slot of a
/// NULL row is unspecified (zero when Aurum writes it). Kernels read `values` through
/// `withUnsafeBufferPointer`; keep the arrays uniquely referenced when mutating them (see STYLE.md).
public struct PrimitiveColumn<Element: BitwiseCopyable & Sendable>: Sendable {
    public var values: [Element]
    public var validity: [UInt8]?

    public init(values: [Element], validity: [UInt8]? = nil) {
        precondition(validity == nil || validity!.count == values.count, "validity must cover every row")
        self.values = values
        self.validity = validity
    }

    public var count: Int { values.count }

    @inlinable
    public func isNull(_ row: Int) -> Bool { validity.map { $0[row] == 0 } ?? false }

    /// The number of NULL rows.
    public var nullCount: Int {
        guard let validity else { return 0 }
        var valid = 0
        for byte in validity { valid &+= Int(byte) }
        return validity.count - valid
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> PrimitiveColumn<Element> {
        PrimitiveColumn(values: gathered(values, indices), validity: validity.map { gathered($0, indices) })
    }

    /// The rows in `range`, copied.
    public func rows(_ range: Range<Int>) -> PrimitiveColumn<Element> {
        PrimitiveColumn(values: Array(values[range]), validity: validity.map { Array($0[range]) })
    }
}

/// `source[indices[i]]` for every `i`, through raw buffers with one range check per row.
@inlinable
func gathered<Element: BitwiseCopyable>(_ source: [Element], _ indices: [Int]) -> [Element] {
    source.withUnsafeBufferPointer { source in
        indices.withUnsafeBufferPointer { indices in
            [Element](unsafeUninitializedCapacity: indices.count) { result, count in
                for (position, index) in indices.enumerated() {
                    precondition(index >= 0 && index < source.count, "gather index out of range")
                    result[position] = source[index]
                }
                count = indices.count
            }
        }
    }
}

/// A column of text, dictionary-encoded: row `i` is `dictionary[codes[i]]` unless it is NULL.
///
/// The dictionary holds each distinct value once (in first-seen order unless said otherwise), so codes serve
/// as dense group keys for the aggregation kernels and a comparison with a constant is one dictionary lookup
/// plus an integer compare per row.
public struct StringColumn: Sendable {
    /// The dictionary's Strings; nil for a column whose entries are its ``shared`` codes' texts, made on first use.
    let madeDictionary: [String]?
    public var codes: [UInt32]
    public var validity: [UInt8]?
    /// The dictionary's entries coded in a dictionary shared with other columns (a stored column's blocks), when
    /// there is one: text is then matched across those columns by integer.
    public let shared: SharedCodes?
    /// Whether every dictionary entry is held by some non-NULL row, as in a stored block (whose writer keeps only
    /// those): a reader need not walk the rows to find which are. False when not known.
    public let everyEntryUsed: Bool

    public init(
        dictionary: [String], codes: [UInt32], validity: [UInt8]? = nil, shared: SharedCodes? = nil, everyEntryUsed: Bool = false
    ) {
        self.init(madeDictionary: dictionary, codes: codes, validity: validity, shared: shared, everyEntryUsed: everyEntryUsed)
    }

    /// A column whose entries are the texts of `entries` (shared codes known), in that order: their Strings are
    /// made when ``dictionary`` is first asked for, so a column that is only grouped, counted or compared by code
    /// never makes them.
    public init(sharedEntries entries: SharedCodes, codes: [UInt32], validity: [UInt8]? = nil, everyEntryUsed: Bool = false) {
        precondition(entries.knownCodes != nil, "a column's shared entries have their codes known")
        self.init(madeDictionary: nil, codes: codes, validity: validity, shared: entries, everyEntryUsed: everyEntryUsed)
    }

    private init(
        madeDictionary: [String]?, codes: [UInt32], validity: [UInt8]?, shared: SharedCodes?, everyEntryUsed: Bool = false
    ) {
        precondition(validity == nil || validity!.count == codes.count, "validity must cover every row")
        self.madeDictionary = madeDictionary
        self.codes = codes
        self.validity = validity
        self.shared = shared
        self.everyEntryUsed = everyEntryUsed
    }

    /// The text of each entry (code), in first-seen order unless said otherwise; made on first use for a column
    /// of ``init(sharedEntries:codes:validity:)`` (hoist it out of a loop over rows).
    public var dictionary: [String] { madeDictionary ?? shared!.strings }

    /// The number of dictionary entries, without making any String.
    public var entryCount: Int { madeDictionary?.count ?? shared!.knownCodes!.count }

    /// About how many bytes the dictionary holds (its text and 16 a String), made or to be made.
    var dictionaryBytes: Int {
        if madeDictionary == nil, let textBytes = shared?.textBytes { return textBytes + 16 * entryCount }
        return dictionary.reduce(0) { $0 + $1.utf8.count + 16 }
    }

    /// Whether `other` holds the very same entries as this column (the same array, or the same shared entries
    /// not made yet): codes of the one are codes of the other.
    public func hasSameEntries(as other: StringColumn) -> Bool {
        if madeDictionary == nil || other.madeDictionary == nil {
            return madeDictionary == nil && other.madeDictionary == nil && shared === other.shared
        }
        let base = madeDictionary!.withUnsafeBufferPointer { $0.baseAddress }
        return base != nil && madeDictionary!.count == other.madeDictionary!.count
            && other.madeDictionary!.withUnsafeBufferPointer { $0.baseAddress } == base
    }

    /// The rows at `indices`, in that order, with a dictionary of just their text: of a column whose Strings are
    /// not made yet, only these rows' are made (a table shows 40 rows of a result of thousands).
    public func gatherMade(_ indices: [Int]) -> StringColumn {
        guard madeDictionary == nil, let shared, let known = shared.knownCodes else { return gather(indices) }
        let validity = self.validity.map { gathered($0, indices) }
        let entries = indices.enumerated().map { position, row in validity?[position] == 0 ? UInt32.max : known[Int(codes[row])] }
        let dictionary = shared.dictionary.strings(of: entries)
        return StringColumn(dictionary: dictionary, codes: Array(0..<UInt32(indices.count)), validity: validity)
    }

    /// These entries (made or not) with other rows: `codes` and `validity` (which may not hold every entry).
    public func withRows(codes: [UInt32], validity: [UInt8]?) -> StringColumn {
        StringColumn(madeDictionary: madeDictionary, codes: codes, validity: validity, shared: shared)
    }

    /// A column holding `values` (nil = NULL), dictionary-encoded in first-seen order.
    public init(_ values: [String?]) {
        var builder = StringColumnBuilder()
        for value in values { builder.append(value) }
        self = builder.finish()
    }

    public var count: Int { codes.count }

    @inlinable
    public func isNull(_ row: Int) -> Bool { validity.map { $0[row] == 0 } ?? false }

    /// The text of row `row`, or nil when it is NULL.
    public subscript(row: Int) -> String? {
        isNull(row) ? nil : dictionary[Int(codes[row])]
    }

    public var nullCount: Int {
        guard let validity else { return 0 }
        return validity.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    }

    /// The rows at `indices`, in that order, sharing this column's dictionary (and its shared codes).
    public func gather(_ indices: [Int]) -> StringColumn {
        withRows(codes: gathered(codes, indices), validity: validity.map { gathered($0, indices) })
    }

    /// The rows in `range`, their codes copied, sharing this column's dictionary (and its shared codes).
    public func rows(_ range: Range<Int>) -> StringColumn {
        withRows(codes: Array(codes[range]), validity: validity.map { Array($0[range]) })
    }
}

/// Builds a ``StringColumn`` row by row, interning each distinct value (by its bytes) once.
public struct StringColumnBuilder: Sendable {
    private var interner = TextInterner()
    private var codes: [UInt32] = []
    private var validity: [UInt8] = []
    private var hasNull = false
    /// The last value interned and its code: rows in order often repeat it (same account, campaign, source),
    /// and a byte compare is much cheaper than hashing.
    private var last: (value: String, code: UInt32)?

    public init() {}

    public var count: Int { codes.count }

    /// Room for `rows` rows in all without growing (the dictionary grows as values come).
    public mutating func reserveCapacity(_ rows: Int) {
        codes.reserveCapacity(rows)
        validity.reserveCapacity(rows)
    }

    /// Appends `value` (nil = NULL) and returns its dictionary code (0 for NULL).
    @discardableResult
    public mutating func append(_ value: String?) -> UInt32 {
        guard let value else {
            codes.append(0)
            validity.append(0)
            hasNull = true
            return 0
        }
        let code = intern(value)
        codes.append(code)
        validity.append(1)
        return code
    }

    /// Appends `values` (nil = NULL) and returns their codes: what ``append(_:)`` on each in turn gives, but
    /// the values that differ from the row before are looked up together, in prefetched runs
    /// (``TextInterner/codes(of:at:)``), so that their cache misses overlap.
    @discardableResult
    public mutating func append(contentsOf values: [String?]) -> [UInt32] {
        // Each row's value as an index into `texts`, the values to look up; -1: `last`'s, -2: NULL.
        var lookup = [Int](repeating: -2, count: values.count)
        var texts: [String] = []
        var previous = last?.value
        var previousIndex = -1
        for (row, value) in values.enumerated() {
            guard let value else { continue }
            if let previous, ExactText.sameBytes(previous, value) {
                lookup[row] = previousIndex
                continue
            }
            texts.append(value)
            previous = value
            previousIndex = texts.count - 1
            lookup[row] = previousIndex
        }
        let found = interner.codes(of: texts)
        let lastCode = last?.code ?? 0
        if let text = texts.last { last = (text, found[found.count - 1]) }
        let codes = lookup.map { index in index >= 0 ? found[index] : index == -1 ? lastCode : 0 }
        self.codes.append(contentsOf: codes)
        for index in lookup {
            validity.append(index == -2 ? 0 : 1)
            if index == -2 { hasNull = true }
        }
        return codes
    }

    /// The code of `value`, adding it to the dictionary (but no row) when new.
    public mutating func intern(_ value: String) -> UInt32 {
        if let last, ExactText.sameBytes(last.value, value) { return last.code }
        let code = interner.code(of: value)
        last = (value, code)
        return code
    }

    /// The code of `value` if it is in the dictionary.
    public func existingCode(of value: String) -> UInt32? { interner.existingCode(of: value) }

    /// The text of dictionary entry `code`.
    public func entry(_ code: UInt32) -> String { interner.strings[Int(code)] }

    public func finish() -> StringColumn {
        StringColumn(dictionary: interner.strings, codes: codes, validity: hasNull ? validity : nil)
    }
}

/// Builds a ``PrimitiveColumn`` row by row.
public struct PrimitiveColumnBuilder<Element: BitwiseCopyable & Sendable>: Sendable {
    private var values: [Element] = []
    private var validity: [UInt8] = []
    private var hasNull = false
    private let zero: Element

    public init(zero: Element) { self.zero = zero }

    public var count: Int { values.count }

    public mutating func reserveCapacity(_ count: Int) {
        values.reserveCapacity(count)
        validity.reserveCapacity(count)
    }

    public mutating func append(_ value: Element?) {
        if let value {
            values.append(value)
            validity.append(1)
        } else {
            values.append(zero)
            validity.append(0)
            hasNull = true
        }
    }

    public func finish() -> PrimitiveColumn<Element> {
        PrimitiveColumn(values: values, validity: hasNull ? validity : nil)
    }
}

/// A column of any ``DataType``.
public enum Column: Sendable {
    case int64(PrimitiveColumn<Int64>)
    case double(PrimitiveColumn<Double>)
    case date(PrimitiveColumn<Int32>)
    case bool(PrimitiveColumn<UInt8>)
    case string(StringColumn)

    public var type: DataType {
        switch self {
        case .int64: .int64
        case .double: .double
        case .date: .date
        case .bool: .bool
        case .string: .string
        }
    }

    public var count: Int {
        switch self {
        case .int64(let column): column.count
        case .double(let column): column.count
        case .date(let column): column.count
        case .bool(let column): column.count
        case .string(let column): column.count
        }
    }

    public var nullCount: Int {
        switch self {
        case .int64(let column): column.nullCount
        case .double(let column): column.nullCount
        case .date(let column): column.nullCount
        case .bool(let column): column.nullCount
        case .string(let column): column.nullCount
        }
    }

    /// The validity mask (nil: no row is NULL).
    public var validity: [UInt8]? {
        switch self {
        case .int64(let column): column.validity
        case .double(let column): column.validity
        case .date(let column): column.validity
        case .bool(let column): column.validity
        case .string(let column): column.validity
        }
    }

    public func isNull(_ row: Int) -> Bool {
        switch self {
        case .int64(let column): column.isNull(row)
        case .double(let column): column.isNull(row)
        case .date(let column): column.isNull(row)
        case .bool(let column): column.isNull(row)
        case .string(let column): column.isNull(row)
        }
    }

    /// About how many bytes of memory the column holds (values, codes, validity and dictionary text).
    public var byteSize: Int {
        func validityBytes(_ validity: [UInt8]?) -> Int { validity?.count ?? 0 }
        switch self {
        case .int64(let column): return column.count * 8 + validityBytes(column.validity)
        case .double(let column): return column.count * 8 + validityBytes(column.validity)
        case .date(let column): return column.count * 4 + validityBytes(column.validity)
        case .bool(let column): return column.count + validityBytes(column.validity)
        case .string(let column):
            return column.count * 4 + validityBytes(column.validity) + column.dictionaryBytes
        }
    }

    /// Row `row` as a ``Value`` (slow path: printing, tests, zone maps).
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch self {
        case .int64(let column): return .int64(column.values[row])
        case .double(let column): return .double(column.values[row])
        case .date(let column): return .date(Date32(days: column.values[row]))
        case .bool(let column): return .bool(column.values[row] != 0)
        case .string(let column): return .string(column.dictionary[Int(column.codes[row])])
        }
    }

    /// Reads rows known not to be NULL as ``Value``s, for a loop over many rows: the type is looked at once and
    /// the arrays captured once, where ``value(at:)`` switches on the type, and copies the column, on every call.
    public func valueReader() -> (Int) -> Value {
        switch self {
        case .int64(let column):
            let values = column.values
            return { .int64(values[$0]) }
        case .double(let column):
            let values = column.values
            return { .double(values[$0]) }
        case .date(let column):
            let values = column.values
            return { .date(Date32(days: values[$0])) }
        case .bool(let column):
            let values = column.values
            return { .bool(values[$0] != 0) }
        case .string(let column):
            let (dictionary, codes) = (column.dictionary, column.codes)
            return { .string(dictionary[Int(codes[$0])]) }
        }
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Column {
        switch self {
        case .int64(let column): .int64(column.gather(indices))
        case .double(let column): .double(column.gather(indices))
        case .date(let column): .date(column.gather(indices))
        case .bool(let column): .bool(column.gather(indices))
        case .string(let column): .string(column.gather(indices))
        }
    }

    /// The rows in `range` (codes and values copied, a text dictionary shared).
    public func rows(_ range: Range<Int>) -> Column {
        switch self {
        case .int64(let column): .int64(column.rows(range))
        case .double(let column): .double(column.rows(range))
        case .date(let column): .date(column.rows(range))
        case .bool(let column): .bool(column.rows(range))
        case .string(let column): .string(column.rows(range))
        }
    }

    /// `count` rows of zero (of the empty text) standing for a column that was not decoded because nothing
    /// reads it: a WHERE-only column of a row group that zone maps proved passes the whole WHERE.
    public static func unread(_ type: DataType, count: Int) -> Column {
        switch type {
        case .int64: .int64(PrimitiveColumn(values: [Int64](repeating: 0, count: count)))
        case .double: .double(PrimitiveColumn(values: [Double](repeating: 0, count: count)))
        case .date: .date(PrimitiveColumn(values: [Int32](repeating: 0, count: count)))
        case .bool: .bool(PrimitiveColumn(values: [UInt8](repeating: 0, count: count)))
        case .string: .string(StringColumn(dictionary: [""], codes: [UInt32](repeating: 0, count: count)))
        }
    }

    /// An empty column of `type`.
    public static func empty(_ type: DataType) -> Column {
        switch type {
        case .int64: .int64(PrimitiveColumn(values: []))
        case .double: .double(PrimitiveColumn(values: []))
        case .date: .date(PrimitiveColumn(values: []))
        case .bool: .bool(PrimitiveColumn(values: []))
        case .string: .string(StringColumn(dictionary: [], codes: []))
        }
    }
}
