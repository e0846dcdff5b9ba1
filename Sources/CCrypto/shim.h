// OpenSSL's libcrypto, for SHA-256 only (Sources/AurumStorage/Checksum/SHA256.swift).
#include <openssl/sha.h>
