/// A 64-bit checksum that JSON carries as 16 hex digits (JSON numbers lose bits past 2^53); the manifest's
/// reader parses them (`Checksum64(reading:)`).
public struct Checksum64: Sendable, Hashable, Encodable, CustomStringConvertible {
    public var value: UInt64

    public init(_ value: UInt64) { self.value = value }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
