#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CCrypto

extension SHA256 {
    /// The digest of the file at `path` as 64 lower-case hex digits, read `chunkBytes` at a time, so a file of any
    /// size is hashed in bounded memory (the same digest ``hex(_:)`` gives of its bytes).
    public static func hex(ofFile path: String, chunkBytes: Int = 1 << 20) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw StorageError.missingFile(file: path) }
            throw StorageError.io(file: path, operation: "open", errno: errno)
        }
        defer { close(descriptor) }
        // OpenSSL 3's EVP interface: its SHA256_Init/Update/Final are deprecated.
        guard let context = aurum_EVP_MD_CTX_new() else { throw StorageError.io(file: path, operation: "SHA-256", errno: ENOMEM) }
        defer { aurum_EVP_MD_CTX_free(context) }
        guard aurum_EVP_DigestInit_ex(context, aurum_EVP_sha256(), nil) == 1 else { throw StorageError.io(file: path, operation: "SHA-256", errno: EINVAL) }
        var buffer = [UInt8](repeating: 0, count: max(1, chunkBytes))
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError.io(file: path, operation: "read", errno: errno)
            }
            if count == 0 { break }
            _ = buffer.withUnsafeBytes { aurum_EVP_DigestUpdate(context, $0.baseAddress, count) }
        }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard aurum_EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else {
            throw StorageError.io(file: path, operation: "SHA-256", errno: EINVAL)
        }
        return hex(digest)
    }
}
