#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the text between a JSON string's quotes: every escape, including `\uXXXX` surrogate pairs.
///
/// The input has passed ``JSONScanner``, so it is well formed; the decoder still never traps on malformed input
/// (a broken escape becomes U+FFFD), because it is cheap to be safe here.
enum JSONStringDecoder {
    /// The decoded string of `content` (the bytes between the quotes, escapes included).
    static func decode(_ content: UnsafeRawBufferPointer) -> String {
        // Every escape decodes to fewer bytes than it spells (`\n` 2→1, `\u00e7` 6→2, a surrogate pair 12→4,
        // U+FFFD for a broken 2+ byte escape 3), so the content's length always suffices.
        String(unsafeUninitializedCapacity: max(content.count, 1)) { output in
            var read = 0
            var write = 0
            func emit(_ scalar: Unicode.Scalar) {
                for unit in scalar.utf8 {
                    output[write] = unit
                    write += 1
                }
            }
            while read < content.count {
                // The plain run up to the next backslash in one copy: long names with a few escapes (or text with
                // many `\uXXXX` between plain words) would otherwise go byte by byte.
                let start = content.baseAddress! + read
                let run = memchr(start, Int32(ASCII.backslash), content.count - read).map { UnsafeRawPointer($0) - start }
                    ?? content.count - read
                if run > 0 {
                    UnsafeMutableRawPointer(output.baseAddress! + write).copyMemory(from: start, byteCount: run)
                    read += run
                    write += run
                    continue
                }
                guard read + 1 < content.count else { break }
                let escape = content[read + 1]
                read += 2
                switch escape {
                case UInt8(ascii: "b"): emit("\u{08}")
                case UInt8(ascii: "f"): emit("\u{0C}")
                case UInt8(ascii: "n"): emit("\n")
                case UInt8(ascii: "r"): emit("\r")
                case UInt8(ascii: "t"): emit("\t")
                case UInt8(ascii: "u"):
                    guard let unit = hex4(content, at: read) else {
                        emit("\u{FFFD}")
                        continue
                    }
                    read += 4
                    var value = unit
                    if (0xD800...0xDBFF).contains(unit), read + 6 <= content.count,
                        content[read] == ASCII.backslash, content[read + 1] == UInt8(ascii: "u"),
                        let low = hex4(content, at: read + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        read += 6
                    }
                    emit(Unicode.Scalar(value) ?? "\u{FFFD}")
                default:
                    // `\"`, `\\`, `\/` stand for themselves.
                    output[write] = escape
                    write += 1
                }
            }
            return write
        }
    }

    private static func hex4(_ content: UnsafeRawBufferPointer, at index: Int) -> UInt32? {
        guard index + 4 <= content.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = ASCII.hexValue(content[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
