/// Writes Thrift's compact protocol, the encoding of every Parquet page header and of the file footer.
///
/// Only what Parquet's metadata needs: structs, fields, lists, booleans, i8/i16/i32/i64, double and binary.
/// Integers are zigzag ULEB128 varints; a field header packs the distance from the previous field id (1–15)
/// with the type in one byte, else the type byte is followed by the id as a zigzag varint; a struct ends with a
/// STOP byte (0). A boolean field carries its value in the type nibble (1 true, 2 false).
/// See https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md.
struct ThriftCompactWriter: Sendable {
    /// The compact protocol's type codes, as they appear in field and list headers.
    enum FieldType: UInt8, Sendable {
        case booleanTrue = 1
        case booleanFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case `struct` = 12
    }

    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// The id of the last field written in each open struct (innermost last).
    private var lastFieldIDs: [Int16] = [0]

    init() {}

    // MARK: Structs and fields

    /// Opens a nested struct (the value of a struct field or a list element): its field ids start again from 0.
    mutating func beginStruct() { lastFieldIDs.append(0) }

    /// Writes the STOP byte that closes the innermost struct.
    mutating func endStruct() {
        precondition(lastFieldIDs.count > 1, "endStruct without beginStruct")
        bytes.append(0)
        lastFieldIDs.removeLast()
    }

    /// Writes the header of field `id` of type `type` (not for booleans: see ``field(_:bool:)``).
    mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let last = lastFieldIDs[lastFieldIDs.count - 1]
        let delta = Int(id) - Int(last)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            varint(zigzag(Int64(id)))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    /// A boolean field: its value is the header's type nibble.
    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// An i8 field (one byte, two's complement).
    mutating func field(_ id: Int16, i8 value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    /// An i16 field.
    mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        varint(zigzag(Int64(value)))
    }

    /// An i32 field (also every Thrift enum).
    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        varint(zigzag(Int64(value)))
    }

    /// An i64 field.
    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        varint(zigzag(value))
    }

    /// A double field (8 bytes, little-endian, as the compact protocol writes doubles).
    mutating func field(_ id: Int16, double value: Double) {
        fieldHeader(id, .double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A binary field: its length as a varint, then the bytes.
    mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        binary(value)
    }

    /// A string field (binary holding UTF-8).
    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// A struct field whose fields `body` writes.
    mutating func field(_ id: Int16, struct body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .struct)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// A list field of `count` elements of type `elementType`, which `body` writes (for structs, each between
    /// ``beginStruct()`` and ``endStruct()``).
    mutating func field(_ id: Int16, listOf elementType: FieldType, count: Int, _ body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .list)
        listHeader(elementType, count: count)
        body(&self)
    }

    /// A list field of i32 values (Parquet's lists of enums).
    mutating func field(_ id: Int16, i32List values: [Int32]) {
        field(id, listOf: .i32, count: values.count) { writer in
            for value in values { writer.varint(writer.zigzag(Int64(value))) }
        }
    }

    /// A list field of strings.
    mutating func field(_ id: Int16, stringList values: [String]) {
        field(id, listOf: .binary, count: values.count) { writer in
            for value in values { writer.binary(Array(value.utf8)) }
        }
    }

    /// The bytes of the top-level struct written so far, closed by its STOP byte.
    func finished() -> [UInt8] {
        precondition(lastFieldIDs.count == 1, "a nested struct is still open")
        return bytes + [0]
    }

    // MARK: Primitive encodings

    /// A list header: size and element type in one byte below 15 elements, else 0xF plus a varint size.
    mutating func listHeader(_ elementType: FieldType, count: Int) {
        precondition(count >= 0 && count <= Int(Int32.max), "a Thrift list holds at most 2^31-1 elements")
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            varint(UInt64(count))
        }
    }

    /// A length-prefixed byte string (a list element or a field value).
    mutating func binary(_ value: [UInt8]) {
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// An unsigned varint (ULEB128).
    mutating func varint(_ value: UInt64) { ULEB128.append(value, to: &bytes) }

    /// Zigzag: 0, -1, 1, -2, … map to 0, 1, 2, 3, … so that small negative numbers stay short varints.
    func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}
