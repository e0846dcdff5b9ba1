// OpenSSL's libcrypto: SHA-256 of Bronze files (Sources/AurumStorage/Checksum/SHA256.swift), and RS256 signing of
// the service-account JWT of `aurum push bigquery` (Sources/AurumBigQuery/RS256Signer.swift).
#include <openssl/sha.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>
