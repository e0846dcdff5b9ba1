#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text read from a store file: bytes accepted only when they are valid UTF-8, kept exactly.
enum UTF8Text {
    /// `bytes` as a String when they are valid UTF-8, else nil.
    ///
    /// `String(validating:as:)` cost about 1,000 instructions a call in a release build (generic metadata
    /// looked up at run time; measured with callgrind), which a block pays for each of its thousands of short
    /// dictionary entries. Decoding with repair is specialised and cheap, and repair always changes the bytes
    /// of invalid input (an invalid sequence becomes U+FFFD, whose own bytes EF BF BD would have been valid
    /// there), so comparing the bytes back tells valid from invalid exactly.
    @inline(__always)
    static func validated(_ bytes: UnsafeRawBufferPointer) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let unchanged = text.withUTF8 { decoded -> Bool in
            guard decoded.count == bytes.count else { return false }
            guard let decodedStart = decoded.baseAddress, let start = bytes.baseAddress else { return true }
            return memcmp(decodedStart, start, bytes.count) == 0
        }
        return unchanged ? text : nil
    }

    /// Whether `bytes` are valid UTF-8: ASCII (ids, mostly) eight bytes at a time, with no String made; other
    /// text through ``validated(_:)``.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var position = 0
        var high: UInt64 = 0
        while position + 8 <= bytes.count {
            high |= bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            position += 8
        }
        while position < bytes.count {
            high |= UInt64(bytes[position])
            position += 1
        }
        return high & 0x8080_8080_8080_8080 == 0 || validated(bytes) != nil
    }
}
