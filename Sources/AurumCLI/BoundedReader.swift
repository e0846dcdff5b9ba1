import AurumQuery
import Foundation

/// Reads query text from a file or standard input, stopping at ``QueryLimits/maxQueryBytes``: a query is
/// refused past that size anyway, and `aurum query < /dev/zero` must end with an error, not fill memory.
enum BoundedReader {
    /// All of `handle`'s bytes, or an error naming `source` once there are more than the query size limit.
    static func queryText(from handle: FileHandle, source: String) throws -> String {
        let limit = QueryLimits.maxQueryBytes
        var data = Data()
        while data.count <= limit {
            guard let chunk = try handle.read(upToCount: min(1 << 16, limit + 1 - data.count)), !chunk.isEmpty else { break }
            data.append(chunk)
        }
        guard data.count <= limit else {
            throw CLIError.invalidOption("\(source) holds more than \(limit) bytes (1 MiB), the longest query allowed")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
