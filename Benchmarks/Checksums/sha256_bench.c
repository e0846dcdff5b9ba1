// SHA-256: Aurum's own C (Sources/CAurumSHA256/sha256.c, included by path) against OpenSSL's libcrypto, the
// library libcurl already brings. Prints one line per (implementation, size, repetition): MB/s.
// Built and run by run.sh; not part of the package build.
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include AURUM_SHA256_C

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

typedef void (*hash_fn)(const unsigned char *, size_t, unsigned char *);
static void aurum(const unsigned char *p, size_t n, unsigned char *out) { aurum_sha256(p, n, out); }
static void openssl(const unsigned char *p, size_t n, unsigned char *out) { SHA256(p, n, out); }

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 3;
    size_t sizes[] = {4096, 1 << 20, 64 << 20};
    size_t largest = 64 << 20;
    unsigned char *data = malloc(largest);
    for (size_t i = 0; i < largest; i++) data[i] = (unsigned char)(i * 2654435761u >> 13);
    unsigned char a[32], b[32];
    // Same digests first: a measurement of a wrong hash is no measurement.
    for (int s = 0; s < 3; s++) {
        aurum(data, sizes[s], a);
        openssl(data, sizes[s], b);
        if (memcmp(a, b, 32) != 0) { fprintf(stderr, "digests differ at %zu bytes\n", sizes[s]); return 1; }
    }
    struct { const char *name; hash_fn fn; } impls[] = {{"aurum-c", aurum}, {"openssl", openssl}};
    for (int r = 0; r < reps; r++)
        for (int s = 0; s < 3; s++)
            for (int i = 0; i < 2; i++) {
                // About 256 MiB hashed per measurement, at least one call.
                size_t calls = (256u << 20) / sizes[s];
                if (calls == 0) calls = 1;
                double start = now();
                for (size_t c = 0; c < calls; c++) impls[i].fn(data, sizes[s], a);
                double seconds = now() - start;
                printf("sha256 %s %zu %d %.1f\n", impls[i].name, sizes[s], r, calls * (double)sizes[s] / seconds / 1e6);
            }
    free(data);
    return 0;
}
