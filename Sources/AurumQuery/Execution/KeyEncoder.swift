import AurumCore
import AurumKernels

/// Maps the values of one group-by column to dense codes (0, 1, 2, …; NULL has its own; every code is given to a
/// value some row holds) across batches. Text is coded per dictionary entry once per batch (bytes, not Unicode
/// equivalence), so the per-row work is an array lookup; other types go through a ``GroupIndex`` on their bit
/// pattern. ``column(_:)`` turns codes back into a column of their values.
///
/// Text whose batches share a dictionary (``SharedCodes``: the blocks of a stored column) is coded by its
/// shared code, an array lookup per entry. Other text is interned by its bytes; an encoder that meets such text
/// after shared text interns what it has coded so far, and stays with bytes.
struct KeyEncoder: Sendable {
    let type: DataType
    private var text = TextInterner()
    /// The code of each ``text`` entry (`UInt32.max`: none yet).
    private var codeOfEntry: [UInt32] = []
    /// The dictionary that text has been coded through so far (nil: none, or through ``text``).
    private var shared: SharedDictionary?
    /// The code of each ``shared`` code (`UInt32.max`: none yet), and the shared code of each code (`UInt32.max`
    /// for NULL's), while coding through ``shared``.
    private var codeOfShared: [UInt32] = []
    private var sharedOfCode: [UInt32] = []
    private var index = GroupIndex(capacity: 64)
    private(set) var count: UInt32 = 0
    /// The text of each code (text keys; "" for NULL's code), while not coding through ``shared``: then the
    /// shared codes stand for the text, and Strings are made from them only when asked for (``texts(_:)``).
    private var strings: [String] = []
    /// The bit pattern of each code's value as first seen (other keys; 0 for NULL's code).
    private var patterns: [UInt64] = []
    /// The hash of each code's value (``ValueHash``), for the codes ``hashNewCodes()`` has seen: alike for equal
    /// values on every worker, whatever code each gave them, so that a group's partition is told from its codes.
    private(set) var hashes: [UInt64] = []

    /// Extends ``hashes`` to every code given so far: once per code, and only for an encoder whose groups are
    /// sorted into partitions.
    mutating func hashNewCodes() {
        guard hashes.count < Int(count) else { return }
        let first = hashes.count
        let texts = type == .string ? self.texts(first..<Int(count)) : []
        hashes.reserveCapacity(Int(count))
        for code in first..<Int(count) {
            if UInt32(code) == nullSlot {
                hashes.append(ValueHash.null)
            } else if type == .string {
                hashes.append(ValueHash.text(texts[code - first]))
            } else if type == .double {
                // -0.0 groups with 0.0 (its code keeps the pattern first seen): hashed alike.
                let value = Double(bitPattern: patterns[code])
                hashes.append(ValueHash.bits((value == 0 ? 0.0 : value).bitPattern))
            } else {
                hashes.append(ValueHash.bits(patterns[code]))
            }
        }
    }

    init(type: DataType) { self.type = type }

    /// The text of codes `range` ("" for NULL's): made from their shared codes while coding through ``shared``.
    private func texts(_ range: Range<Int>) -> [String] {
        guard let shared else { return Array(strings[range]) }
        return shared.strings(of: Array(sharedOfCode[range]))
    }

    /// A column of the values whose codes are `codes` (text: entries this encoder's codes, as shared codes whose
    /// Strings are made when asked for, or sharing this encoder's strings).
    func column(_ codes: [UInt32]) -> Column {
        let validity: [UInt8]? = nullSlot.flatMap { null in codes.contains(null) ? codes.map { $0 == null ? 0 : 1 } : nil }
        func values<Element>(_ decode: (UInt64) -> Element) -> PrimitiveColumn<Element> {
            PrimitiveColumn(values: patterns.withUnsafeBufferPointer { patterns in codes.map { decode(patterns[Int($0)]) } }, validity: validity)
        }
        switch type {
        case .string:
            if let shared {
                // Its Strings made when (and if) it is printed: a key that is only grouped by makes none.
                let entries = SharedCodes(in: shared, codes: sharedOfCode)
                return .string(StringColumn(sharedEntries: entries, codes: codes, validity: validity))
            }
            return .string(StringColumn(dictionary: strings, codes: codes, validity: validity))
        case .int64: return .int64(values { Int64(bitPattern: $0) })
        case .double: return .double(values { Double(bitPattern: $0) })
        case .date: return .date(values { Int32(bitPattern: UInt32(truncatingIfNeeded: $0)) })
        case .bool: return .bool(values { UInt8(truncatingIfNeeded: $0) })
        }
    }

    /// Readies this encoder for ``existingCodes(ofTextIn:_:)`` on `other`: unless both code through the same
    /// shared dictionary, this one goes over to bytes.
    mutating func prepareToLookUp(in other: KeyEncoder) {
        if shared != nil && other.shared !== shared { leaveShared() }
    }

    /// For codes `range` of `other` (an encoder of the same text key that saw other rows), this encoder's code
    /// for the same text, or `UInt32.max` where this one has none (and for `other`'s NULL code). Read-only,
    /// so several threads may look up at once; ``prepareToLookUp(in:)`` first.
    func existingCodes(ofTextIn other: KeyEncoder, _ range: Range<Int>) -> [UInt32] {
        precondition(type == .string && other.type == .string, "text keys only")
        if let shared {
            precondition(other.shared === shared, "prepareToLookUp(in:) first")
            return codeOfShared.withUnsafeBufferPointer { codeOfShared in
                range.map { code in
                    let sharedCode = Int(other.sharedOfCode[code])  // (NULL's is UInt32.max: beyond the table)
                    return sharedCode < codeOfShared.count ? codeOfShared[sharedCode] : UInt32.max
                }
            }
        }
        let interned = text.existingCodes(of: other.texts(range), at: Array(0..<range.count))
        return zip(range, interned).map { code, entry in
            entry == UInt32.max || UInt32(code) == other.nullSlot ? UInt32.max : codeOfEntry[Int(entry)]
        }
    }

    /// The code of every row of `column`.
    mutating func codes(_ column: Column) -> [UInt32] {
        let rows = column.count
        // Every case below writes every row's code: the array is not zero-filled first.
        var codes = [UInt32](unsafeUninitializedCapacity: rows) { _, initialized in initialized = rows }
        switch column {
        case .string(let strings):
            // The code of each dictionary entry once per batch, then a table lookup per row (an empty dictionary:
            // every row is NULL).
            let local = entryCodes(strings)
            if local.isEmpty {
                codes = [UInt32](repeating: 0, count: rows)
            } else {
                local.withUnsafeBufferPointer { local in
                    strings.codes.withUnsafeBufferPointer { entries in
                        codes.withUnsafeMutableBufferPointer { codes in
                            for row in 0..<rows { codes[row] = local[Int(entries[row])] }
                        }
                    }
                }
            }
            if let validity = strings.validity {
                for row in 0..<rows where validity[row] == 0 { codes[row] = nullCode() }
            }
        case .int64(let values):
            if !encodeSmallRange(values, into: &codes, bits: { UInt64(bitPattern: $0) }) {
                encode(values, into: &codes) { UInt64(bitPattern: $0) }
            }
        case .double(let values):
            // -0.0 groups with 0.0; the group shows the value its first row held.
            encode(values, into: &codes, pattern: { $0.bitPattern }) { ($0 == 0 ? 0.0 : $0).bitPattern }
        case .date(let values):
            if !encodeSmallRange(values, into: &codes, bits: { UInt64(UInt32(bitPattern: $0)) }) {
                encode(values, into: &codes) { UInt64(UInt32(bitPattern: $0)) }
            }
        case .bool(let values):
            if !encodeSmallRange(values, into: &codes, bits: { UInt64($0) }) { encode(values, into: &codes) { UInt64($0) } }
        }
        return codes
    }

    /// The code of each entry of `strings`' dictionary that some non-NULL row uses (`UInt32.max` for the
    /// others), found once per batch: what makes the per-row work a table lookup.
    private mutating func entryCodes(_ strings: StringColumn) -> [UInt32] {
        let (rows, entryCount) = (strings.codes.count, strings.entryCount)
        // One entry and no NULL (a sorted key through its row group), or a stored block's dictionary (which holds
        // only entries its rows use): every entry is used, with no pass over the rows.
        let everyEntry = strings.everyEntryUsed || (entryCount == 1 && strings.validity == nil && rows > 0)
        var used = [Bool](repeating: everyEntry, count: entryCount)
        if !everyEntry {
            used.withUnsafeMutableBufferPointer { used in
                strings.codes.withUnsafeBufferPointer { entries in
                    if let validity = strings.validity {
                        for row in 0..<rows where validity[row] != 0 { used[Int(entries[row])] = true }
                    } else if !used.isEmpty {
                        for entry in entries { used[Int(entry)] = true }
                    }
                }
            }
        }
        var local = [UInt32](repeating: UInt32.max, count: entryCount)
        let entries = everyEntry ? Array(0..<entryCount) : used.indices.filter { used[$0] }
        if let sharing = strings.shared, text.count == 0, shared == nil || shared === sharing.dictionary {
            codeThroughShared(strings, sharing, entries: entries, into: &local)
        } else {
            leaveShared()
            let dictionary = strings.dictionary
            let interned = text.codes(of: dictionary, at: entries)
            for (entry, code) in zip(entries, interned) {
                if Int(code) == codeOfEntry.count {
                    codeOfEntry.append(count)
                    self.strings.append(dictionary[entry])
                    count += 1
                }
                local[entry] = codeOfEntry[Int(code)]
            }
        }
        return local
    }

    /// `local[entry]`, for each of `entries` of `strings`' dictionary: the code of its shared code.
    private mutating func codeThroughShared(_ strings: StringColumn, _ sharing: SharedCodes, entries: [Int], into local: inout [UInt32]) {
        if shared == nil {
            shared = sharing.dictionary
            sharedOfCode = [UInt32](repeating: UInt32.max, count: Int(count))  // (NULL's code, if any yet)
            self.strings = []
        }
        let sharedCodes = sharing.codes(of: strings.dictionary)
        for entry in entries {
            let sharedCode = Int(sharedCodes[entry])
            if sharedCode >= codeOfShared.count {
                codeOfShared.append(contentsOf: repeatElement(UInt32.max, count: max(sharedCode + 1, 2 * codeOfShared.count) - codeOfShared.count))
            }
            if codeOfShared[sharedCode] == UInt32.max {
                codeOfShared[sharedCode] = count
                sharedOfCode.append(UInt32(sharedCode))
                count += 1
            }
            local[entry] = codeOfShared[sharedCode]
        }
    }

    /// Goes over from coding text through ``shared`` to coding it by its bytes: the texts coded so far are
    /// interned, keeping their codes.
    private mutating func leaveShared() {
        guard shared != nil else { return }
        strings = texts(0..<Int(count))
        for code in 0..<Int(count) where UInt32(code) != nullSlot {
            let entry = text.code(of: strings[code])
            precondition(Int(entry) == codeOfEntry.count, "a shared dictionary gives one code per text")
            codeOfEntry.append(UInt32(code))
        }
        shared = nil
        codeOfShared = []
        sharedOfCode = []
    }

    /// The smallest value of `typed`'s non-NULL rows and how far the largest lies above it, when that is below
    /// 2^16 (dates and small counts); nil when the values span more, or every row is NULL.
    private static func smallRange<Element: FixedWidthInteger>(_ typed: PrimitiveColumn<Element>) -> (low: Element, span: Int)? {
        guard let (low, high) = typed.valueRange else { return nil }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span >= 0, span < 1 << 16 else { return nil }
        return (low, Int(span))
    }

    /// Codes of an integer column whose values in this batch span fewer than 2^16: a table indexed by value
    /// minus the smallest, filled once per distinct value from the index, then one lookup per row (dates and
    /// small counts). False, and nothing done, when the values span more.
    private mutating func encodeSmallRange<Element: FixedWidthInteger>(
        _ typed: PrimitiveColumn<Element>, into codes: inout [UInt32], bits: (Element) -> UInt64
    ) -> Bool {
        guard let (low, span) = Self.smallRange(typed) else { return false }
        let validity = typed.validity
        var local = [UInt32](repeating: UInt32.max, count: span + 1)
        typed.values.withUnsafeBufferPointer { values in
            codes.withUnsafeMutableBufferPointer { codes in
                local.withUnsafeMutableBufferPointer { local in
                    for row in 0..<values.count {
                        if let validity, validity[row] == 0 {
                            codes[row] = nullCode()  // (given on first use: every code belongs to some row)
                            continue
                        }
                        let slot = Int(truncatingIfNeeded: values[row] &- low)
                        if local[slot] == UInt32.max { local[slot] = code(ofBits: bits(values[row])) }
                        codes[row] = local[slot]
                    }
                }
            }
        }
        return true
    }

    /// The code of each value `low + slot` of a small range (``smallRange(_:)``) that some non-NULL row of
    /// `typed` holds (`UInt32.max` for the others): its distinct values coded once, in value order.
    private mutating func smallRangeCodes<Element: FixedWidthInteger>(
        _ typed: PrimitiveColumn<Element>, low: Element, span: Int, bits: (Element) -> UInt64
    ) -> [UInt32] {
        let validity = typed.validity
        var local = [UInt32](repeating: UInt32.max, count: span + 1)
        // Values some row holds are marked 0 first, then given their codes.
        local.withUnsafeMutableBufferPointer { local in
            typed.values.withUnsafeBufferPointer { values in
                if let validity {
                    for row in 0..<values.count where validity[row] != 0 { local[Int(truncatingIfNeeded: values[row] &- low)] = 0 }
                } else {
                    for value in values { local[Int(truncatingIfNeeded: value &- low)] = 0 }
                }
            }
        }
        for slot in local.indices where local[slot] == 0 {
            local[slot] = code(ofBits: bits(low &+ Element(truncatingIfNeeded: slot)))
        }
        return local
    }

    /// The rows of `column` as codes, for packing several keys into one (``KeyRowCodes``): through a table of
    /// codes for text (one per dictionary entry) and for integers and dates whose values in this batch span fewer
    /// than 2^16 (one per value), else written out by ``codes(_:)``. Each value gets the code ``codes(_:)`` would
    /// give it; a batch's new values may take theirs in another order (dictionary or value order, not row order).
    mutating func rowCodes(_ column: Column) -> KeyRowCodes {
        let validity = column.validity
        switch column {
        case .string(let strings) where strings.entryCount > 0:
            let table = entryCodes(strings)
            if strings.entryCount == 1 && validity == nil {
                return KeyRowCodes(rows: .constant(count: strings.codes.count), table: table, validity: nil, nullCode: 0)
            }
            return KeyRowCodes(rows: .entries(strings.codes), table: table, validity: validity, nullCode: nullCodeIfAnyRowIsNull(validity))
        case .int64(let values):
            if let (low, span) = Self.smallRange(values) {
                let table = smallRangeCodes(values, low: low, span: span) { UInt64(bitPattern: $0) }
                return KeyRowCodes(rows: .int64(values.values, low: low), table: table, validity: validity, nullCode: nullCodeIfAnyRowIsNull(validity))
            }
        case .date(let values):
            if let (low, span) = Self.smallRange(values) {
                let table = smallRangeCodes(values, low: low, span: span) { UInt64(UInt32(bitPattern: $0)) }
                return KeyRowCodes(rows: .date(values.values, low: low), table: table, validity: validity, nullCode: nullCodeIfAnyRowIsNull(validity))
            }
        case .string, .double, .bool:
            break
        }
        return KeyRowCodes(rows: .codes(codes(column)), table: [], validity: nil, nullCode: 0)
    }

    /// NULL's code when some row of `validity` is NULL (given now, so that the codes' limit counts it); 0 when none is.
    private mutating func nullCodeIfAnyRowIsNull(_ validity: [UInt8]?) -> UInt32 {
        validity.map { $0.contains(0) } == true ? nullCode() : 0
    }

    /// The code of one fixed-width value's key bits, given the next code when new.
    private mutating func code(ofBits bits: UInt64) -> UInt32 {
        code(ofID: Int(index.id(of: bits)), pattern: bits)
    }

    /// The code of ``index`` id `id`, given the next code (keeping `pattern` to rebuild its value) when new.
    private mutating func code(ofID id: Int, pattern: @autoclosure () -> UInt64) -> UInt32 {
        while codeOfID.count <= id { codeOfID.append(UInt32.max) }
        if codeOfID[id] == UInt32.max {
            codeOfID[id] = count
            patterns.append(pattern())
            count += 1
        }
        return codeOfID[id]
    }

    /// Codes of a fixed-width column: ``GroupIndex`` ids of each value's key bits (`bits`), mapped to codes
    /// (NULL, which has no bit pattern of its own, takes a code outside the index). `pattern` is what a code
    /// keeps to rebuild its value (by default the key bits).
    private mutating func encode<Element>(
        _ typed: PrimitiveColumn<Element>, into codes: inout [UInt32],
        pattern: ((Element) -> UInt64)? = nil, bits: (Element) -> UInt64
    ) {
        let keys = typed.values.map(bits)
        var ids = [UInt32](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { keys in ids.withUnsafeMutableBufferPointer { index.ids(of: keys, into: $0) } }
        let validity = typed.validity
        for row in 0..<ids.count {
            if let validity, validity[row] == 0 {
                codes[row] = nullCode()
                continue
            }
            // (A NULL row's slot holds an arbitrary value that may have taken an id: such ids get no code.)
            codes[row] = code(ofID: Int(ids[row]), pattern: pattern?(typed.values[row]) ?? keys[row])
        }
    }

    /// The code of each ``index`` id (`UInt32.max`: none yet).
    private var codeOfID: [UInt32] = []

    private var nullSlot: UInt32?

    private mutating func nullCode() -> UInt32 {
        if let nullSlot { return nullSlot }
        // Reserve the next code for NULL, keeping codes dense.
        let code = count
        if type == .string {
            if shared != nil { sharedOfCode.append(UInt32.max) } else { strings.append("") }
        } else {
            patterns.append(0)
        }
        count += 1
        nullSlot = code
        return code
    }
}
