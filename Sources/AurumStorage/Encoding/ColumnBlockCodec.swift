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
    public static func encode(_ column: Column) -> [UInt8] {
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
        case .string(let c): DictionaryEncoding.encode(c, into: &writer)
        }
        return writer.bytes
    }

    public static func decode(_ payload: UnsafeRawBufferPointer, type: DataType, rowCount: Int, file: String, location: String) throws -> Column {
        var reader = ByteReader(payload, file: file, location: location)
        let hasValidity: UInt8 = try reader.read()
        var validity: [UInt8]?
        switch hasValidity {
        case 0: validity = nil
        case 1:
            let bitmap = try reader.readBytes((rowCount + 7) / 8)
            validity = (0..<rowCount).map { (bitmap[$0 >> 3] >> UInt8($0 & 7)) & 1 }
        default: throw reader.corrupt("validity flag \(hasValidity)")
        }
        let column: Column
        switch type {
        case .int64:
            let values = try IntegerEncoding.decode(from: &reader, count: rowCount)
            column = .int64(PrimitiveColumn(values: zeroingNulls(values, validity), validity: validity))
        case .date:
            let raw = try IntegerEncoding.decode(from: &reader, count: rowCount)
            var days = [Int32](repeating: 0, count: rowCount)
            for row in 0..<rowCount {
                guard let value = Int32(exactly: raw[row]) else { throw reader.corrupt("date out of range") }
                days[row] = value
            }
            column = .date(PrimitiveColumn(values: zeroingNulls(days, validity), validity: validity))
        case .bool:
            let raw = try IntegerEncoding.decode(from: &reader, count: rowCount)
            column = .bool(PrimitiveColumn(values: zeroingNulls(raw.map { $0 != 0 ? 1 : 0 }, validity), validity: validity))
        case .double:
            let values = try DoubleEncoding.decode(from: &reader, count: rowCount)
            column = .double(PrimitiveColumn(values: zeroingNulls(values, validity), validity: validity))
        case .string:
            column = .string(try DictionaryEncoding.decode(from: &reader, count: rowCount, validity: validity))
        }
        guard reader.remaining == 0 else { throw reader.corrupt("\(reader.remaining) unexpected bytes after the values") }
        return column
    }

    /// `values` with each NULL slot set to zero (all bits clear).
    private static func zeroingNulls<T: BitwiseCopyable & ExpressibleByIntegerLiteral>(_ values: [T], _ validity: [UInt8]?) -> [T] {
        guard let validity else { return values }
        var result = values
        for row in 0..<result.count where validity[row] == 0 { result[row] = 0 }
        return result
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
