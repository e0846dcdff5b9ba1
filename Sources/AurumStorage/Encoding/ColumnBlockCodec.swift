import AurumCore

/// Turns one column of a row group into the uncompressed bytes of a block and back.
///
/// Block payload (before zstd): UInt8 `hasValidity`; if 1, the validity bitmap (bit i of byte i/8 set = row i
/// is not NULL); then the values in the encoding of the column's type: ``IntegerEncoding`` for BIGINT, DATE and
/// BOOLEAN, ``DoubleEncoding`` for DOUBLE, ``DictionaryEncoding`` for VARCHAR. Before encoding, NULL slots of
/// BIGINT, DATE and DOUBLE take the previous non-NULL value so they do not widen the frame of reference;
/// decoding sets every NULL slot to zero, as the column builders do, because kernels that sum a whole buffer
/// rely on it.
public enum ColumnBlockCodec {
    public static func encode(_ column: Column) -> [UInt8] { encodeWithStats(column).payload }

    /// The block's payload and its zone map (``ColumnStats``); a text column's bounds come from the dictionary
    /// encoder's sort, not from comparing its texts again.
    public static func encodeWithStats(_ column: Column) -> (payload: [UInt8], stats: ColumnStats) {
        var writer = ByteWriter(capacity: column.count * 2 + 16)
        let validity: [UInt8]? = {
            switch column {
            case .int64(let c): c.validity
            case .double(let c): c.validity
            case .date(let c): c.validity
            case .bool(let c): c.validity
            case .string(let c): c.validity
            }
        }()
        if let validity, validity.contains(0) {
            writer.append(UInt8(1))
            var bitmap = [UInt8](repeating: 0, count: (validity.count + 7) / 8)
            for (row, valid) in validity.enumerated() where valid != 0 { bitmap[row >> 3] |= 1 << UInt8(row & 7) }
            writer.append(bytes: bitmap)
        } else {
            writer.append(UInt8(0))
        }
        switch column {
        case .int64(let c): IntegerEncoding.encode(filled(c.values, c.validity), into: &writer)
        case .date(let c): IntegerEncoding.encode(filled(c.values, c.validity).map(Int64.init), into: &writer)
        case .bool(let c): IntegerEncoding.encode(c.values.map { Int64($0 != 0 ? 1 : 0) }, into: &writer)
        case .double(let c): filled(c.values, c.validity).withUnsafeBufferPointer { DoubleEncoding.encode($0, into: &writer) }
        case .string(let c):
            let bounds = DictionaryEncoding.encode(c, into: &writer)
            let stats = ColumnStats(
                text: bounds.map { c.dictionary[$0.first] }, bounds.map { c.dictionary[$0.last] }, nullCount: c.nullCount)
            return (writer.bytes, stats)
        }
        return (writer.bytes, ColumnStats(of: column))
    }

    /// Decodes a block's payload; text is coded in `sharing` as it is read, when given
    /// (``DictionaryEncoding/decode(from:count:validity:sharing:)``).
    public static func decode(
        _ payload: UnsafeRawBufferPointer, type: DataType, rowCount: Int, file: String, location: String,
        sharing: SharedDictionary? = nil
    ) throws -> Column {
        try read(payload, rowCount: rowCount, file: file, location: location) { reader, validity in
            try values(type, from: &reader, rowCount: rowCount, validity: validity, sharing: sharing)
        }.result
    }

    /// A DOUBLE block's payload as an `.int64` column of its values at `form`'s decimal places (``FixedPoint``),
    /// NULL slots zero; nil when the block does not store decimals of at most that many places within the
    /// limit (plain doubles, a larger scale, a larger magnitude), for the caller to decode the doubles.
    ///
    /// The stored integers `n` of scale `s` become `n × 10^(places - s)`: the exact decimal of each value, which
    /// decodes as `Double(n) / 10^s`. Each `n` is checked against `limit / 10^(places - s)` before it is scaled —
    /// all at once through a frame of reference's bounds, else in the same branch-free pass — so no product can
    /// have overflowed when the block is accepted.
    public static func decodeFixedPoint(
        _ payload: UnsafeRawBufferPointer, rowCount: Int, as form: FixedPoint, file: String, location: String
    ) throws -> Column? {
        try read(payload, rowCount: rowCount, file: file, location: location) { reader, validity -> Column? in
            let scheme: UInt8 = try reader.read()
            let scale: Int?
            switch scheme {
            case DoubleEncoding.plain: scale = nil
            case DoubleEncoding.decimal:
                let decimalScale = Int(try reader.read(UInt8.self))
                guard decimalScale <= DoubleEncoding.maximumScale else {
                    throw reader.corrupt("decimal scale \(decimalScale) > \(DoubleEncoding.maximumScale)")
                }
                scale = decimalScale
            default: throw reader.corrupt("unknown double scheme \(scheme)")
            }
            guard let scale, scale <= form.places, var integers = try scaledIntegers(from: &reader, count: rowCount, scale: scale, as: form) else {
                // Not given so: the rest of the block is left for the caller's usual decode.
                _ = try reader.readBytes(reader.remaining)
                return nil
            }
            zeroNulls(&integers, validity)
            return .int64(PrimitiveColumn(values: integers, validity: validity))
        }.result
    }

    /// A decimal block's `count` integers at `scale`, `reader` past the scale byte, as integers at `form`'s places;
    /// nil when any lies at or past the limit (``decodeFixedPoint(_:rowCount:as:file:location:)``).
    private static func scaledIntegers(from reader: inout ByteReader, count: Int, scale: Int, as form: FixedPoint) throws -> [Int64]? {
        var factor: Int64 = 1
        for _ in scale..<form.places { factor &*= 10 }
        // |n| ≤ bound ⇔ |n × factor| < limit; n + bound then lies in 0...2 × bound, one unsigned comparison.
        let bound = (form.magnitudeLimit - 1) / UInt64(factor)
        func within(_ integer: Int64) -> Bool { UInt64(bitPattern: integer) &+ bound <= 2 &* bound }
        // Frame of reference, what money almost always takes: when the frame itself (base … base + 2^width − 1)
        // lies within the bound, so does every value, and they are unpacked and scaled in one pass.
        if reader.remaining > 0, reader.bytes[reader.offset] == IntegerEncoding.Scheme.frameOfReference.rawValue {
            var frameReader = reader
            _ = try frameReader.read(UInt8.self)
            let (base, width, packed) = try IntegerEncoding.readFrame(from: &frameReader, count: count)
            if width < 63, case let (top, overflow) = base.addingReportingOverflow((1 << Int64(width)) - 1), !overflow,
                within(base), within(top) {
                reader = frameReader
                return [Int64](unsafeUninitializedCapacity: count) { integers, initialized in
                    if let start = integers.baseAddress {
                        BitUnpacker.unpack(packed, count: count, width: width, into: ScaledOffsetSink(base: base, factor: factor, output: start))
                    }
                    initialized = count
                }
            }
        }
        var outside: UInt64 = 0
        let integers = try [Int64](unsafeUninitializedCapacity: count) { integers, initialized in
            try IntegerEncoding.decode(from: &reader, count: count, into: integers)
            initialized = count
            for row in 0..<count {
                let integer = integers[row]
                outside |= within(integer) ? 0 : 1
                integers[row] = integer &* factor
            }
        }
        return outside == 0 ? integers : nil
    }

    /// Decodes only rows `rows` (ascending positions in the block) of a block's payload: a text column makes a
    /// String only for the entries they use (``DictionaryEncoding/decode(from:count:validity:rows:)``). Also the
    /// block's NULL count, over all its rows.
    public static func decode(
        _ payload: UnsafeRawBufferPointer, type: DataType, rowCount: Int, file: String, location: String, rows: [Int]
    ) throws -> (column: Column, nullCount: Int) {
        let read = try read(payload, rowCount: rowCount, file: file, location: location) { reader, validity in
            guard type == .string else { return try values(type, from: &reader, rowCount: rowCount, validity: validity, sharing: nil).gather(rows) }
            return .string(try DictionaryEncoding.decode(from: &reader, count: rowCount, validity: validity, rows: rows))
        }
        return (read.result, nullCount(read.validity))
    }

    /// The rows (ascending) of a text block's payload whose text is one of `probe`'s
    /// (``DictionaryEncoding/rows(from:count:validity:in:)``: no String is made), and the block's NULL count.
    public static func rows(
        _ payload: UnsafeRawBufferPointer, rowCount: Int, file: String, location: String, whereTextIn probe: TextProbe
    ) throws -> (rows: [Int], nullCount: Int) {
        let read = try read(payload, rowCount: rowCount, file: file, location: location) { reader, validity in
            try DictionaryEncoding.rows(from: &reader, count: rowCount, validity: validity, in: probe)
        }
        return (read.result, nullCount(read.validity))
    }

    /// `body` over the UTF-8 bytes of each text a non-NULL row of a text block's payload admitted by `admitted`
    /// holds (every row's when nil), each once (``DictionaryEncoding/forEachEntry(from:count:validity:admitted:_:)``:
    /// no String is made); returns the block's NULL count.
    public static func forEachText(
        _ payload: UnsafeRawBufferPointer, rowCount: Int, file: String, location: String, admitted: [Bool]?,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        let read = try read(payload, rowCount: rowCount, file: file, location: location) { reader, validity in
            try DictionaryEncoding.forEachEntry(from: &reader, count: rowCount, validity: validity, admitted: admitted, body)
        }
        return nullCount(read.validity)
    }

    private static func nullCount(_ validity: [UInt8]?) -> Int { validity?.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } ?? 0 }

    /// Reads a payload's validity, then its values through `body`, and checks that nothing follows them; also
    /// the validity (one flag a row: 0 = NULL; nil when no row is).
    private static func read<Result>(
        _ payload: UnsafeRawBufferPointer, rowCount: Int, file: String, location: String,
        _ body: (inout ByteReader, [UInt8]?) throws -> Result
    ) throws -> (result: Result, validity: [UInt8]?) {
        var reader = ByteReader(payload, file: file, location: location)
        let hasValidity: UInt8 = try reader.read()
        var validity: [UInt8]?
        switch hasValidity {
        case 0: validity = nil
        case 1:
            let bitmap = try reader.readBytes((rowCount + 7) / 8)
            validity = [UInt8](unsafeUninitializedCapacity: rowCount) { flags, initialized in
                for row in 0..<rowCount { flags[row] = (bitmap[row >> 3] >> UInt8(row & 7)) & 1 }
                initialized = rowCount
            }
        default: throw reader.corrupt("validity flag \(hasValidity)")
        }
        let result = try body(&reader, validity)
        guard reader.remaining == 0 else { throw reader.corrupt("\(reader.remaining) unexpected bytes after the values") }
        return (result, validity)
    }

    /// The values of a block of `type`, `reader` past its validity.
    private static func values(
        _ type: DataType, from reader: inout ByteReader, rowCount: Int, validity: [UInt8]?, sharing: SharedDictionary?
    ) throws -> Column {
        switch type {
        case .int64:
            var values = try IntegerEncoding.decode(from: &reader, count: rowCount)
            zeroNulls(&values, validity)
            return .int64(PrimitiveColumn(values: values, validity: validity))
        case .date:
            let raw = try IntegerEncoding.decode(from: &reader, count: rowCount)
            // Narrowed without a branch per row (the loop vectorises): a day fits Int32 when adding 2^31
            // leaves nothing above the low 32 bits.
            var outside: UInt64 = 0
            var days = [Int32](unsafeUninitializedCapacity: rowCount) { days, initialized in
                raw.withUnsafeBufferPointer { raw in
                    for row in 0..<rowCount {
                        outside |= (UInt64(bitPattern: raw[row]) &+ 0x8000_0000) >> 32
                        days[row] = Int32(truncatingIfNeeded: raw[row])
                    }
                }
                initialized = rowCount
            }
            guard outside == 0 else { throw reader.corrupt("date out of range") }
            zeroNulls(&days, validity)
            return .date(PrimitiveColumn(values: days, validity: validity))
        case .bool:
            let raw = try IntegerEncoding.decode(from: &reader, count: rowCount)
            var flags: [UInt8] = raw.map { $0 != 0 ? 1 : 0 }
            zeroNulls(&flags, validity)
            return .bool(PrimitiveColumn(values: flags, validity: validity))
        case .double:
            var values = try DoubleEncoding.decode(from: &reader, count: rowCount)
            zeroNulls(&values, validity)
            return .double(PrimitiveColumn(values: values, validity: validity))
        case .string:
            return .string(try DictionaryEncoding.decode(from: &reader, count: rowCount, validity: validity, sharing: sharing))
        }
    }

    /// Sets each NULL slot of `values` to zero (all bits clear), in place: `values` is freshly decoded and
    /// uniquely referenced, so this copies nothing.
    private static func zeroNulls<T: BitwiseCopyable & ExpressibleByIntegerLiteral>(_ values: inout [T], _ validity: [UInt8]?) {
        guard let validity else { return }
        for row in 0..<values.count where validity[row] == 0 { values[row] = 0 }
    }

    /// `values` with each NULL slot replaced by the previous non-NULL value (the first non-NULL for leading ones).
    private static func filled<T: BitwiseCopyable>(_ values: [T], _ validity: [UInt8]?) -> [T] {
        guard let validity, let firstValid = validity.firstIndex(of: 1) else { return values }
        var result = values
        var previous = values[firstValid]
        for row in 0..<result.count {
            if validity[row] != 0 { previous = result[row] } else { result[row] = previous }
        }
        return result
    }
}
