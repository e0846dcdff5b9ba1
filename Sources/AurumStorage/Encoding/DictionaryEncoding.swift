import AurumCore

/// Strings as a sorted dictionary of distinct values plus one integer code per row.
///
/// Layout: UInt32 `entryCount`; the entries' byte lengths in ``IntegerEncoding``; UInt32 total byte count and
/// the entries' UTF-8 bytes back to back; then the codes in ``IntegerEncoding``. The writer keeps only the
/// entries that rows use and sorts them by their UTF-8 bytes, so the first and last entries are the block's
/// min and max, and low-cardinality columns (source, ids, currency) pack to a few bits a row.
public enum DictionaryEncoding {
    /// Encodes `column`'s rows (NULL rows take code 0; the validity mask is stored separately); returns the
    /// positions in `column.dictionary` of the first and last texts the rows hold in byte order (nil when every
    /// row is NULL): the block's zone map.
    @discardableResult
    public static func encode(_ column: StringColumn, into writer: inout ByteWriter) -> (first: Int, last: Int)? {
        // Which dictionary entries are used?
        var used = [Bool](repeating: false, count: column.dictionary.count)
        for row in 0..<column.codes.count where !column.isNull(row) { used[Int(column.codes[row])] = true }
        let usedCodes = (0..<column.dictionary.count).filter { used[$0] }
        // Their bytes, read out of the Strings once: sorted and written from there.
        let packed = PackedUTF8(column.dictionary, at: usedCodes)
        let sorted = packed.byteOrder()
        var remap = [Int64](repeating: 0, count: column.dictionary.count)
        for (newCode, entry) in sorted.enumerated() { remap[usedCodes[entry]] = Int64(newCode) }

        writer.append(UInt32(sorted.count))
        IntegerEncoding.encode(sorted.map { Int64(packed.length($0)) }, into: &writer)
        let text = [UInt8](unsafeUninitializedCapacity: packed.bytes.count) { text, initialized in
            packed.bytes.withUnsafeBufferPointer { bytes in
                for entry in sorted {
                    let (start, length) = (packed.start(entry), packed.length(entry))
                    if length > 0 { (text.baseAddress! + initialized).update(from: bytes.baseAddress! + start, count: length) }
                    initialized += length
                }
            }
        }
        writer.append(UInt32(text.count))
        writer.append(bytes: text)
        var codes = [Int64](repeating: 0, count: column.codes.count)
        for row in 0..<column.codes.count where !column.isNull(row) { codes[row] = remap[Int(column.codes[row])] }
        // Byte-aligned codes: rows of low-cardinality text repeat in patterns zstd can only see whole bytes of.
        IntegerEncoding.encode(codes, byteAligned: true, into: &writer)
        guard let first = sorted.first, let last = sorted.last else { return nil }
        return (usedCodes[first], usedCodes[last])
    }

    /// Decodes a block of `count` rows. With `sharing`, the dictionary's entries are coded in it as they are
    /// read (``SharedDictionary/codes(ofEntries:bounds:admit:)``) and the column carries those codes, its Strings
    /// made from them only when asked for (``StringColumn/init(sharedEntries:codes:validity:)``): a column that is
    /// grouped, counted or compared by code makes no String at all.
    public static func decode(
        from reader: inout ByteReader, count: Int, validity: [UInt8]?, sharing: SharedDictionary? = nil
    ) throws -> StringColumn {
        let entries = try Entries(from: &reader, count: count)
        if let sharing {
            let found = entries.bounds.withUnsafeBufferPointer { bounds in
                sharing.codes(ofEntries: entries.text, bounds: bounds, admit: UTF8Text.isValid)
            }
            guard let found else { throw reader.corrupt("invalid UTF-8 in dictionary") }
            let codes = try self.codes(from: &reader, count: count, validity: validity, entryCount: entries.count)
            let shared = SharedCodes(in: sharing, codes: found, textBytes: entries.text.count)
            return StringColumn(sharedEntries: shared, codes: codes, validity: validity, everyEntryUsed: true)
        }
        let dictionary = try (0..<entries.count).map { try entries.string($0, reader) }
        let codes = try self.codes(from: &reader, count: count, validity: validity, entryCount: entries.count)
        return StringColumn(dictionary: dictionary, codes: codes, validity: validity, everyEntryUsed: true)
    }

    /// Decodes only rows `rows` (ascending positions in the block of `count` rows): a String is made only for
    /// the entries they use, so a caller after a few rows of a column of distinct names pays for those alone.
    public static func decode(from reader: inout ByteReader, count: Int, validity: [UInt8]?, rows: [Int]) throws -> StringColumn {
        let entries = try Entries(from: &reader, count: count)
        let codes = try self.codes(from: &reader, count: count, validity: validity, entryCount: entries.count)
        func valid(_ row: Int) -> Bool { validity.map { $0[row] != 0 } ?? true }
        // The entries the rows use, renumbered in dictionary order.
        var renumbered = [UInt32](repeating: .max, count: entries.count)
        for row in rows where valid(row) { renumbered[Int(codes[row])] = 0 }
        var dictionary: [String] = []
        for entry in 0..<entries.count where renumbered[entry] == 0 {
            renumbered[entry] = UInt32(dictionary.count)
            dictionary.append(try entries.string(entry, reader))
        }
        return StringColumn(
            dictionary: dictionary, codes: rows.map { valid($0) ? renumbered[Int(codes[$0])] : 0 },
            validity: validity.map { validity in rows.map { validity[$0] } })
    }

    /// The rows (ascending) of a block of `count` rows whose text is one of `probe`'s, found by its bytes: no
    /// String is made. NULL rows never match.
    public static func rows(from reader: inout ByteReader, count: Int, validity: [UInt8]?, in probe: TextProbe) throws -> [Int] {
        let entries = try Entries(from: &reader, count: count)
        let kept = probe.matches(entryCount: entries.count) { entries.bytes($0) }
        let codes = try self.codes(from: &reader, count: count, validity: validity, entryCount: entries.count)
        var rows: [Int] = []
        kept.withUnsafeBufferPointer { kept in
            codes.withUnsafeBufferPointer { codes in
                if let validity {
                    for row in 0..<count where validity[row] != 0 && kept[Int(codes[row])] { rows.append(row) }
                } else {
                    for row in 0..<count where kept[Int(codes[row])] { rows.append(row) }
                }
            }
        }
        return rows
    }

    /// `body` over the UTF-8 bytes of each entry that a non-NULL row admitted by `admitted` uses (every row's
    /// when nil), each entry once, in dictionary order: no String is made.
    public static func forEachEntry(
        from reader: inout ByteReader, count: Int, validity: [UInt8]?, admitted: [Bool]?, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let entries = try Entries(from: &reader, count: count)
        let codes = try self.codes(from: &reader, count: count, validity: validity, entryCount: entries.count)
        var used = [Bool](repeating: false, count: entries.count)
        for row in 0..<count where (validity?[row] ?? 1) != 0 && (admitted?[row] ?? true) { used[Int(codes[row])] = true }
        for entry in 0..<entries.count where used[entry] { try body(entries.bytes(entry)) }
    }

    /// A block's dictionary as stored: its entries' UTF-8 bytes back to back, and where each starts.
    private struct Entries {
        let text: UnsafeRawBufferPointer
        /// Entry `e` is `text[bounds[e]..<bounds[e + 1]]`.
        let bounds: [Int]

        var count: Int { bounds.count - 1 }

        /// Reads the entry count, lengths and bytes (a block of `count` rows holds at most `count` entries),
        /// every length checked before any is used.
        init(from reader: inout ByteReader, count rowCount: Int) throws {
            // Only entries that rows use are written, so there are at most `count`.
            let entryCount = try reader.readCount(minimumItemBytes: 0, limit: rowCount)
            let lengths = try IntegerEncoding.decode(from: &reader, count: entryCount)
            let textCount = try reader.readCount()
            text = try reader.readBytes(textCount)
            var outside = false
            bounds = [Int](unsafeUninitializedCapacity: entryCount + 1) { bounds, initialized in
                var offset = 0
                bounds[0] = 0
                for (entry, length) in lengths.enumerated() {
                    guard length >= 0, length <= Int64(textCount - offset) else {
                        outside = true
                        break
                    }
                    offset += Int(length)
                    bounds[entry + 1] = offset
                }
                initialized = outside ? 0 : entryCount + 1
            }
            guard !outside else { throw reader.corrupt("dictionary entry overruns its bytes") }
            guard bounds[entryCount] == textCount else {
                throw reader.corrupt("\(textCount - bounds[entryCount]) dictionary bytes belong to no entry")
            }
        }

        func bytes(_ entry: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: text[bounds[entry]..<bounds[entry + 1]]) }

        /// Entry `entry` as a String; throws (through `reader`, for the block's name) when it is not UTF-8.
        func string(_ entry: Int, _ reader: ByteReader) throws -> String {
            guard let validated = UTF8Text.validated(bytes(entry)) else { throw reader.corrupt("invalid UTF-8 in dictionary") }
            return validated
        }
    }

    /// The rows' codes, each checked to lie in the dictionary (0 for NULL rows).
    private static func codes(from reader: inout ByteReader, count: Int, validity: [UInt8]?, entryCount: Int) throws -> [UInt32] {
        try byteAlignedCodes(from: &reader, count: count, validity: validity, entryCount: entryCount)
            ?? narrowedCodes(from: &reader, count: count, validity: validity, entryCount: entryCount)
    }

    /// The rows' codes in any ``IntegerEncoding``: decoded as Int64, then narrowed to UInt32 and checked (0 for
    /// NULL rows, whose codes are not checked); throws naming a code that lies outside the dictionary.
    private static func narrowedCodes(from reader: inout ByteReader, count: Int, validity: [UInt8]?, entryCount: Int) throws -> [UInt32] {
        let rawCodes = try IntegerEncoding.decode(from: &reader, count: count)
        var inRange = true
        let codes = [UInt32](unsafeUninitializedCapacity: count) { codes, initialized in
            inRange = narrow(rawCodes, validity: validity, entryCount: entryCount, into: codes)
            initialized = count
        }
        // The narrowing loop has no branch per row: the bad code is looked for only once one is known to exist.
        if !inRange, let row = (0..<count).first(where: { (validity?[$0] ?? 1) != 0 && !(0..<Int64(entryCount)).contains(rawCodes[$0]) }) {
            throw reader.corrupt("code \(rawCodes[row]) outside a dictionary of \(entryCount)")
        }
        return codes
    }

    /// `rawCodes` as UInt32 codes, 0 for NULL rows, without a branch per row (so the loop vectorises); returns
    /// whether every non-NULL code lies in `0..<entryCount`. Out-of-range codes are written truncated and
    /// must not be used when it returns false.
    private static func narrow(_ rawCodes: [Int64], validity: [UInt8]?, entryCount: Int, into codes: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        let limit = UInt64(entryCount)
        // 1 while every code checked so far fits: `code < limit` is the sign bit of `code - limit` (both below
        // 2^63), and a negative Int64 (sign bit set in `code`) never fits.
        var allFit: UInt64 = 1
        rawCodes.withUnsafeBufferPointer { raw in
            if let validity {
                validity.withUnsafeBufferPointer { flags in
                    for row in 0..<raw.count {
                        let code = UInt64(bitPattern: raw[row])
                        let valid: UInt64 = flags[row] != 0 ? 1 : 0
                        allFit &= ((~code & (code &- limit)) >> 63) | (1 &- valid)
                        codes[row] = UInt32(truncatingIfNeeded: code) & UInt32(truncatingIfNeeded: 0 &- valid)
                    }
                }
            } else {
                for row in 0..<raw.count {
                    let code = UInt64(bitPattern: raw[row])
                    allFit &= (~code & (code &- limit)) >> 63
                    codes[row] = UInt32(truncatingIfNeeded: code)
                }
            }
        }
        return allFit == 1
    }
}
