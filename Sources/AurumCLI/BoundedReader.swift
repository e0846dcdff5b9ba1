#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import AurumQuery
import AurumStorage

/// Reads query text from a file or standard input as a stream (so a FIFO or `-f <(…)` works), stopping at
/// ``QueryLimits/maxQueryBytes``: a query is refused past that size anyway, and `aurum query < /dev/zero` must end
/// with an error, not fill memory.
enum BoundedReader {
    /// All of the file at `path`; a failure to open or read it says why.
    static func queryText(path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError.unreadable(path: path, reason: FileIO.reason(errno: errno)) }
        defer { close(descriptor) }
        return try queryText(descriptor: descriptor, source: path)
    }

    /// All of standard input.
    static func standardInputText() throws -> String {
        try queryText(descriptor: STDIN_FILENO, source: "standard input")
    }

    /// All of `descriptor`'s bytes, or an error naming `source` once there are more than the query size limit.
    private static func queryText(descriptor: Int32, source: String) throws -> String {
        let limit = QueryLimits.maxQueryBytes
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, min($0.count, limit + 1 - bytes.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError.unreadable(path: source, reason: FileIO.reason(errno: errno))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard bytes.count <= limit else {
            throw CLIError.invalidOption("\(source) holds more than \(limit) bytes (1 MiB), the longest query allowed")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
