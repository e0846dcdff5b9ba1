import AurumCore

/// Strings as a sorted dictionary of distinct values plus one integer code per row.
///
/// Layout: UInt32 `entryCount`; the entries' byte lengths in ``IntegerEncoding``; UInt32 total byte count and
/// the entries' UTF-8 bytes back to back; then the codes in ``IntegerEncoding``. The writer keeps only the
/// entries that rows use and sorts them by their UTF-8 bytes, so the first and last entries are the block's
/// min and max, and low-cardinality columns (source, ids, currency) pack to a few bits a row.
public enum DictionaryEncoding {
    /// Encodes `column`'s rows (NULL rows take code 0; the validity mask is stored separately).
    /// Returns the sorted dictionary actually written.
    @discardableResult
    public static func encode(_ column: StringColumn, into writer: inout ByteWriter) -> [String] {
        // Which dictionary entries are used?
        var used = [Bool](repeating: false, count: column.dictionary.count)
        for row in 0..<column.codes.count where !column.isNull(row) { used[Int(column.codes[row])] = true }
        let usedCodes = (0..<column.dictionary.count).filter { used[$0] }
        let sortedCodes = ExactText.byteOrder(of: usedCodes, in: column.dictionary)
        var remap = [Int64](repeating: 0, count: column.dictionary.count)
        for (newCode, oldCode) in sortedCodes.enumerated() { remap[oldCode] = Int64(newCode) }
        let entries = sortedCodes.map { column.dictionary[$0] }

        writer.append(UInt32(entries.count))
        var lengths = [Int64]()
        lengths.reserveCapacity(entries.count)
        var text = [UInt8]()
        for entry in entries {
            let utf8 = entry.utf8
            lengths.append(Int64(utf8.count))
            text.append(contentsOf: utf8)
        }
        IntegerEncoding.encode(lengths, into: &writer)
        writer.append(UInt32(text.count))
        writer.append(bytes: text)
        var codes = [Int64](repeating: 0, count: column.codes.count)
        for row in 0..<column.codes.count where !column.isNull(row) { codes[row] = remap[Int(column.codes[row])] }
        // Byte-aligned codes: rows of low-cardinality text repeat in patterns zstd can only see whole bytes of.
        IntegerEncoding.encode(codes, byteAligned: true, into: &writer)
        return entries
    }

    public static func decode(from reader: inout ByteReader, count: Int, validity: [UInt8]?) throws -> StringColumn {
        // Only entries that rows use are written, so there are at most `count`.
        let entryCount = try reader.readCount(minimumItemBytes: 0, limit: count)
        let lengths = try IntegerEncoding.decode(from: &reader, count: entryCount)
        let textCount = try reader.readCount()
        let text = try reader.readBytes(textCount)
        var dictionary = [String]()
        dictionary.reserveCapacity(entryCount)
        var offset = 0
        for length in lengths {
            guard length >= 0, length <= Int64(textCount - offset) else { throw reader.corrupt("dictionary entry overruns its bytes") }
            let slice = UnsafeRawBufferPointer(rebasing: text[offset..<(offset + Int(length))])
            guard let entry = UTF8Text.validated(slice) else { throw reader.corrupt("invalid UTF-8 in dictionary") }
            dictionary.append(entry)
            offset += Int(length)
        }
        guard offset == textCount else { throw reader.corrupt("\(textCount - offset) dictionary bytes belong to no entry") }
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
        return StringColumn(dictionary: dictionary, codes: codes, validity: validity)
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
