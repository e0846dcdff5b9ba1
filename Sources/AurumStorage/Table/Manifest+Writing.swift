import AurumCore

/// Writing the manifest's JSON line by hand, the twin of ``Manifest/init(reading:)``: the member names are the
/// ones it reads, each object's members in byte order (so equal manifests are equal bytes), no whitespace.
///
/// Foundation's `JSONEncoder` wrote it before, at some 500 instructions a byte through its boxed containers; a
/// store of 10M rows lists some 10,000 Bronze file keys, and every commit (a one-day ingest too) serialized them
/// all. Stores written either way read the same: the reader takes members in any order and `\/` or `/`.
extension Manifest {
    /// The JSON line of the manifest file.
    func jsonLine() -> [UInt8] {
        var writer = ManifestJSONWriter()
        writer.object {
            $0.member("blobPacks") { $0.array(blobPacks) { $0.write($1) } }
            $0.member("generation") { $0.integer(generation) }
            $0.member("properties") { writer in
                writer.object { writer in
                    for (name, value) in properties.sorted(by: { ExactText.bytesPrecede($0.key, $1.key) }) {
                        writer.member(name) { $0.string(value) }
                    }
                }
            }
            $0.member("tables") { writer in
                writer.object { writer in
                    for (name, table) in tables.sorted(by: { ExactText.bytesPrecede($0.key, $1.key) }) {
                        writer.member(name) { $0.write(table) }
                    }
                }
            }
        }
        return writer.bytes
    }
}

/// Appends JSON to a byte buffer: objects and arrays written through closures, so that commas and brackets are
/// always balanced.
struct ManifestJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written has no member or element yet.
    private var first = true

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    mutating func object(_ body: (inout ManifestJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let outer = first
        first = true
        body(&self)
        first = outer
        bytes.append(UInt8(ascii: "}"))
    }

    /// One member of the object being written; members must come in byte order of their names.
    mutating func member(_ name: String, _ value: (inout ManifestJSONWriter) -> Void) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        string(name)
        bytes.append(UInt8(ascii: ":"))
        value(&self)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout ManifestJSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `value` in decimal digits.
    mutating func integer<Value: BinaryInteger>(_ value: Value) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// `text` as a JSON string: `"` and `\` escaped, control characters as `\uXXXX`, the rest as its UTF-8.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func write(_ checksum: Checksum64) {
        string(checksum.description)
    }

    mutating func write(_ pack: BlobPackInfo) {
        object {
            $0.member("byteCount") { $0.integer(pack.byteCount) }
            $0.member("file") { $0.string(pack.file) }
            $0.member("footerChecksum") { $0.write(pack.footerChecksum) }
            $0.member("keys") { $0.array(pack.keys) { $0.integer($1) } }
        }
    }

    mutating func write(_ table: TableManifest) {
        object {
            $0.member("columns") {
                $0.array(table.columns) { writer, column in
                    writer.object {
                        $0.member("name") { $0.string(column.name) }
                        $0.member("nullable") { $0.bool(column.nullable) }
                        $0.member("type") { $0.integer(column.type) }
                    }
                }
            }
            $0.member("segments") { $0.array(table.segments) { $0.write($1) } }
        }
    }

    mutating func write(_ entry: SegmentEntry) {
        object { writer in
            if let deletes = entry.deletes {
                writer.member("deletes") {
                    $0.object {
                        $0.member("checksum") { $0.write(deletes.checksum) }
                        $0.member("count") { $0.integer(deletes.count) }
                        $0.member("file") { $0.string(deletes.file) }
                    }
                }
            }
            writer.member("segment") {
                $0.object {
                    $0.member("byteCount") { $0.integer(entry.segment.byteCount) }
                    $0.member("file") { $0.string(entry.segment.file) }
                    $0.member("footerChecksum") { $0.write(entry.segment.footerChecksum) }
                    $0.member("rowCount") { $0.integer(entry.segment.rowCount) }
                }
            }
        }
    }
}
