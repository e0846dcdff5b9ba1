// OpenSSL's libcrypto loaded with dlopen the first time a digest or a signature is asked for, not linked: mapping
// and relocating it cost every process about 0.6 ms and 120 page faults, and a query computes no digest. The
// headers supply the types; the fifteen functions used are looked up once. A libcrypto that cannot be loaded is a
// broken installation (libssl3 is a dependency, as it was when the binary linked it): the first use stops the
// process with what is missing, as the dynamic loader did before.
#include "aurum_crypto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
    unsigned char *(*SHA256)(const unsigned char *, size_t, unsigned char *);
    EVP_MD_CTX *(*EVP_MD_CTX_new)(void);
    void (*EVP_MD_CTX_free)(EVP_MD_CTX *);
    const EVP_MD *(*EVP_sha256)(void);
    int (*EVP_DigestInit_ex)(EVP_MD_CTX *, const EVP_MD *, ENGINE *);
    int (*EVP_DigestUpdate)(EVP_MD_CTX *, const void *, size_t);
    int (*EVP_DigestFinal_ex)(EVP_MD_CTX *, unsigned char *, unsigned int *);
    int (*EVP_DigestSignInit)(EVP_MD_CTX *, EVP_PKEY_CTX **, const EVP_MD *, ENGINE *, EVP_PKEY *);
    int (*EVP_DigestSign)(EVP_MD_CTX *, unsigned char *, size_t *, const unsigned char *, size_t);
    void (*EVP_PKEY_free)(EVP_PKEY *);
    int (*EVP_PKEY_get_base_id)(const EVP_PKEY *);
    EVP_PKEY *(*PEM_read_bio_PrivateKey)(BIO *, EVP_PKEY **, pem_password_cb *, void *);
    BIO *(*BIO_new_mem_buf)(const void *, int);
    int (*BIO_free)(BIO *);
    void (*ERR_clear_error)(void);
    char error[256];
    int loaded;
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    const char *names[] = {"libcrypto.so.3", "libcrypto.so"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(api.error, sizeof api.error, "libcrypto could not be loaded (%s); install libssl3", dlerror());
        return;
    }
#define FIND(name)                                                                                            \
    *(void **)(&api.name) = dlsym(library, #name);                                                            \
    if (!api.name) {                                                                                          \
        snprintf(api.error, sizeof api.error, "libcrypto has no %s; install libssl3", #name);                 \
        return;                                                                                               \
    }
    FIND(SHA256)
    FIND(EVP_MD_CTX_new)
    FIND(EVP_MD_CTX_free)
    FIND(EVP_sha256)
    FIND(EVP_DigestInit_ex)
    FIND(EVP_DigestUpdate)
    FIND(EVP_DigestFinal_ex)
    FIND(EVP_DigestSignInit)
    FIND(EVP_DigestSign)
    FIND(EVP_PKEY_free)
    FIND(EVP_PKEY_get_base_id)
    FIND(PEM_read_bio_PrivateKey)
    FIND(BIO_new_mem_buf)
    FIND(BIO_free)
    FIND(ERR_clear_error)
#undef FIND
    api.loaded = 1;
}

int aurum_crypto_load(void) {
    pthread_once(&load_once, load);
    return api.loaded;
}

const char *aurum_crypto_error(void) { return api.error; }

/// Every wrapper loads first; without libcrypto there is no digest to give, so the process stops saying why.
static void need(void) {
    if (aurum_crypto_load()) return;
    fprintf(stderr, "aurum: %s\n", api.error);
    exit(127);
}

unsigned char *aurum_SHA256(const unsigned char *data, size_t count, unsigned char *digest) {
    need();
    return api.SHA256(data, count, digest);
}
EVP_MD_CTX *aurum_EVP_MD_CTX_new(void) {
    need();
    return api.EVP_MD_CTX_new();
}
void aurum_EVP_MD_CTX_free(EVP_MD_CTX *context) {
    need();
    api.EVP_MD_CTX_free(context);
}
const EVP_MD *aurum_EVP_sha256(void) {
    need();
    return api.EVP_sha256();
}
int aurum_EVP_DigestInit_ex(EVP_MD_CTX *context, const EVP_MD *type, ENGINE *engine) {
    need();
    return api.EVP_DigestInit_ex(context, type, engine);
}
int aurum_EVP_DigestUpdate(EVP_MD_CTX *context, const void *data, size_t count) {
    need();
    return api.EVP_DigestUpdate(context, data, count);
}
int aurum_EVP_DigestFinal_ex(EVP_MD_CTX *context, unsigned char *digest, unsigned int *length) {
    need();
    return api.EVP_DigestFinal_ex(context, digest, length);
}
int aurum_EVP_DigestSignInit(EVP_MD_CTX *context, EVP_PKEY_CTX **key_context, const EVP_MD *type, ENGINE *engine, EVP_PKEY *key) {
    need();
    return api.EVP_DigestSignInit(context, key_context, type, engine, key);
}
int aurum_EVP_DigestSign(EVP_MD_CTX *context, unsigned char *signature, size_t *length, const unsigned char *data, size_t count) {
    need();
    return api.EVP_DigestSign(context, signature, length, data, count);
}
void aurum_EVP_PKEY_free(EVP_PKEY *key) {
    need();
    api.EVP_PKEY_free(key);
}
int aurum_EVP_PKEY_get_base_id(const EVP_PKEY *key) {
    need();
    return api.EVP_PKEY_get_base_id(key);
}
EVP_PKEY *aurum_PEM_read_bio_PrivateKey(BIO *bio, EVP_PKEY **key, pem_password_cb *callback, void *user) {
    need();
    return api.PEM_read_bio_PrivateKey(bio, key, callback, user);
}
BIO *aurum_BIO_new_mem_buf(const void *bytes, int count) {
    need();
    return api.BIO_new_mem_buf(bytes, count);
}
int aurum_BIO_free(BIO *bio) {
    need();
    return api.BIO_free(bio);
}
void aurum_ERR_clear_error(void) {
    need();
    api.ERR_clear_error();
}
