/// Appends little-endian fixed-width values and length-prefixed strings to a byte array.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ value: Double) { append(value.bitPattern) }

    public mutating func append(bytes other: [UInt8]) { bytes.append(contentsOf: other) }

    public mutating func append(bytes other: UnsafeRawBufferPointer) { bytes.append(contentsOf: other) }

    /// A UTF-8 string prefixed by its byte length as UInt32.
    public mutating func append(string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Appends `count` zero bytes and returns where they start (for values patched in later).
    public mutating func reserve(_ count: Int) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        return start
    }

    public mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { source in
            for index in 0..<source.count { bytes[offset + index] = source[index] }
        }
    }
}

/// Reads what ``ByteWriter`` wrote, checking every bound: a damaged file yields
/// ``StorageError/corrupt(file:location:reason:)``, never a crash or an out-of-range read.
public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var offset: Int
    private let file: String
    private let location: String

    public init(_ bytes: UnsafeRawBufferPointer, file: String, location: String, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.file = file
        self.location = location
    }

    public var remaining: Int { bytes.count - offset }

    public func corrupt(_ reason: String) -> StorageError {
        .corrupt(file: file, location: location, reason: reason)
    }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw corrupt("truncated at byte \(offset) (needed \(size) more bytes)") }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: value)
    }

    public mutating func readDouble() throws -> Double { Double(bitPattern: try read(UInt64.self)) }

    /// A count that must fit what is left (each item taking at least `minimumItemBytes`).
    public mutating func readCount(minimumItemBytes: Int = 1, limit: Int = Int(Int32.max)) throws -> Int {
        let count = Int(try read(UInt32.self))
        guard count <= limit, count * max(minimumItemBytes, 0) <= remaining else {
            throw corrupt("count \(count) at byte \(offset - 4) exceeds what the file holds")
        }
        return count
    }

    public mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else {
            throw corrupt("truncated at byte \(offset) (needed \(count) more bytes)")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    public mutating func readString() throws -> String {
        let length = Int(try read(UInt32.self))
        let slice = try readBytes(length)
        guard let text = UTF8Text.validated(slice) else {
            throw corrupt("invalid UTF-8 in a string at byte \(offset - length)")
        }
        return text
    }
}
