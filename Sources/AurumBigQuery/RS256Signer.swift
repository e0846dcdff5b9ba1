import CCrypto

/// RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures with an RSA private key in PEM, through OpenSSL's EVP API:
/// the signature of a service-account JWT. libcrypto is already linked for SHA-256, so no Swift dependency.
struct RS256Signer: ~Copyable {
    private let key: OpaquePointer

    /// Reads the PEM private key (a PKCS#8 "PRIVATE KEY" block, as Google's key files hold it); nil when it is not
    /// one OpenSSL can read.
    init?(pem: String) {
        var bytes = Array(pem.utf8)
        guard let bio = bytes.withUnsafeMutableBytes({ aurum_BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else { return nil }
        defer { aurum_BIO_free(bio) }
        guard let key = aurum_PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
            aurum_ERR_clear_error()
            return nil
        }
        guard aurum_EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            aurum_EVP_PKEY_free(key)
            return nil
        }
        self.key = key
    }

    deinit { aurum_EVP_PKEY_free(key) }

    /// The signature of `message`; nil when OpenSSL fails.
    func sign(_ message: [UInt8]) -> [UInt8]? {
        guard let context = aurum_EVP_MD_CTX_new() else { return nil }
        defer { aurum_EVP_MD_CTX_free(context) }
        guard aurum_EVP_DigestSignInit(context, nil, aurum_EVP_sha256(), nil, key) == 1 else { return nil }
        var length = 0
        let sized = message.withUnsafeBufferPointer { aurum_EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }
        guard sized == 1, length > 0 else { return nil }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = signature.withUnsafeMutableBufferPointer { output in
            message.withUnsafeBufferPointer { aurum_EVP_DigestSign(context, output.baseAddress, &length, $0.baseAddress, $0.count) }
        }
        guard signed == 1 else { return nil }
        return Array(signature.prefix(length))
    }
}
