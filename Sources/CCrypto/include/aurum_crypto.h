#ifndef AURUM_CRYPTO_H
#define AURUM_CRYPTO_H

// OpenSSL's libcrypto, loaded at first use (see crypto.c): SHA-256 of Bronze files
// (Sources/AurumStorage/Checksum/SHA256.swift) and RS256 signing of the service-account JWT of `aurum push
// bigquery` (Sources/AurumBigQuery/RS256Signer.swift). Each function is libcrypto's of the same name without the
// prefix; the headers give the types.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

/// Loads libcrypto once; 1 when every function below is there. Otherwise the error says what is missing, and the
/// functions below must not be called.
int aurum_crypto_load(void);
const char *aurum_crypto_error(void);

unsigned char *aurum_SHA256(const unsigned char *data, size_t count, unsigned char *digest);
EVP_MD_CTX *aurum_EVP_MD_CTX_new(void);
void aurum_EVP_MD_CTX_free(EVP_MD_CTX *context);
const EVP_MD *aurum_EVP_sha256(void);
int aurum_EVP_DigestInit_ex(EVP_MD_CTX *context, const EVP_MD *type, ENGINE *engine);
int aurum_EVP_DigestUpdate(EVP_MD_CTX *context, const void *data, size_t count);
int aurum_EVP_DigestFinal_ex(EVP_MD_CTX *context, unsigned char *digest, unsigned int *length);
int aurum_EVP_DigestSignInit(EVP_MD_CTX *context, EVP_PKEY_CTX **key_context, const EVP_MD *type, ENGINE *engine, EVP_PKEY *key);
int aurum_EVP_DigestSign(EVP_MD_CTX *context, unsigned char *signature, size_t *length, const unsigned char *data, size_t count);
void aurum_EVP_PKEY_free(EVP_PKEY *key);
int aurum_EVP_PKEY_get_base_id(const EVP_PKEY *key);
EVP_PKEY *aurum_PEM_read_bio_PrivateKey(BIO *bio, EVP_PKEY **key, pem_password_cb *callback, void *user);
BIO *aurum_BIO_new_mem_buf(const void *bytes, int count);
int aurum_BIO_free(BIO *bio);
void aurum_ERR_clear_error(void);

#endif
