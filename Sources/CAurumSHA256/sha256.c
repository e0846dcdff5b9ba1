// SHA-256 (FIPS 180-4): the content identity of a Bronze file. Hashing every ingested byte is on the ingest hot
// path, so on x86-64 CPUs with the SHA extensions (Intel since Goldmont/Ice Lake, AMD since Zen) the compression
// function runs on them (about 2 GB/s a core); elsewhere portable C (about 0.4 GB/s). Both share the padding code.
#include "aurum_sha256.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define AURUM_SHA_X86 1
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

typedef void (*compress_fn)(uint32_t state[8], const uint8_t *blocks, size_t count);

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void compress_portable(uint32_t state[8], const uint8_t *blocks, size_t count) {
    uint32_t w[64];
    for (size_t block = 0; block < count; block++, blocks += 64) {
        for (int i = 0; i < 16; i++) w[i] = load_be32(blocks + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
            uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#ifdef AURUM_SHA_X86
// The SHA-NI compression function, after Intel's "New Instructions Supporting the Secure Hash Algorithm on Intel
// Architecture Processors" (2013): state kept as ABEF/CDGH, four rounds per sha256rnds2 pair.
__attribute__((target("sha,sse4.1")))
static void compress_shani(uint32_t state[8], const uint8_t *blocks, size_t count) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);    // DCBA
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]); // HGFE
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                              // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);                        // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                     // CDGH

    for (size_t block = 0; block < count; block++, blocks += 64) {
        const __m128i abef_save = state0;
        const __m128i cdgh_save = state1;
        __m128i msg, msg0, msg1, msg2, msg3;

#define ROUNDS4(m, k)                                                           \
    msg = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&K[k]));            \
    state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                        \
    msg = _mm_shuffle_epi32(msg, 0x0E);                                         \
    state0 = _mm_sha256rnds2_epu32(state0, state1, msg);

        msg0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 0)), byte_swap);
        ROUNDS4(msg0, 0)
        msg1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16)), byte_swap);
        ROUNDS4(msg1, 4)
        msg0 = _mm_sha256msg1_epu32(msg0, msg1);
        msg2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 32)), byte_swap);
        ROUNDS4(msg2, 8)
        msg1 = _mm_sha256msg1_epu32(msg1, msg2);
        msg3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 48)), byte_swap);

        // Rounds 12..59: each step finishes the schedule word four rounds ahead, then runs four rounds.
#define SCHEDULE_ROUNDS4(cur, prev, next, k)                                    \
    msg = _mm_add_epi32(cur, _mm_loadu_si128((const __m128i *)&K[k]));          \
    state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                        \
    tmp = _mm_alignr_epi8(cur, prev, 4);                                        \
    next = _mm_add_epi32(next, tmp);                                            \
    next = _mm_sha256msg2_epu32(next, cur);                                     \
    msg = _mm_shuffle_epi32(msg, 0x0E);                                         \
    state0 = _mm_sha256rnds2_epu32(state0, state1, msg);                        \
    prev = _mm_sha256msg1_epu32(prev, cur);

        SCHEDULE_ROUNDS4(msg3, msg2, msg0, 12)
        SCHEDULE_ROUNDS4(msg0, msg3, msg1, 16)
        SCHEDULE_ROUNDS4(msg1, msg0, msg2, 20)
        SCHEDULE_ROUNDS4(msg2, msg1, msg3, 24)
        SCHEDULE_ROUNDS4(msg3, msg2, msg0, 28)
        SCHEDULE_ROUNDS4(msg0, msg3, msg1, 32)
        SCHEDULE_ROUNDS4(msg1, msg0, msg2, 36)
        SCHEDULE_ROUNDS4(msg2, msg1, msg3, 40)
        SCHEDULE_ROUNDS4(msg3, msg2, msg0, 44)
        SCHEDULE_ROUNDS4(msg0, msg3, msg1, 48)

        // Rounds 52..63: the last schedule words need no further msg1.
        msg = _mm_add_epi32(msg1, _mm_loadu_si128((const __m128i *)&K[52]));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        tmp = _mm_alignr_epi8(msg1, msg0, 4);
        msg2 = _mm_add_epi32(msg2, tmp);
        msg2 = _mm_sha256msg2_epu32(msg2, msg1);
        msg = _mm_shuffle_epi32(msg, 0x0E);
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg);

        msg = _mm_add_epi32(msg2, _mm_loadu_si128((const __m128i *)&K[56]));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        tmp = _mm_alignr_epi8(msg2, msg1, 4);
        msg3 = _mm_add_epi32(msg3, tmp);
        msg3 = _mm_sha256msg2_epu32(msg3, msg2);
        msg = _mm_shuffle_epi32(msg, 0x0E);
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg);

        ROUNDS4(msg3, 60)
#undef ROUNDS4
#undef SCHEDULE_ROUNDS4

        state0 = _mm_add_epi32(state0, abef_save);
        state1 = _mm_add_epi32(state1, cdgh_save);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);       // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);    // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0); // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);    // ABEF → HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}
#endif

static compress_fn chosen_compress(void) {
#ifdef AURUM_SHA_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1")) return compress_shani;
#endif
    return compress_portable;
}

static void sha256_with(compress_fn compress, const void *data, size_t length, uint8_t digest[32]) {
    uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const uint8_t *bytes = (const uint8_t *)data;
    size_t full = length / 64;
    compress(state, bytes, full);

    uint8_t tail[128];
    size_t rest = length - full * 64;
    memcpy(tail, bytes + full * 64, rest);
    tail[rest] = 0x80;
    size_t tail_length = rest < 56 ? 64 : 128;
    memset(tail + rest + 1, 0, tail_length - rest - 1);
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) tail[tail_length - 1 - i] = (uint8_t)(bits >> (8 * i));
    compress(state, tail, tail_length / 64);

    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)state[i];
    }
}

void aurum_sha256(const void *data, size_t length, uint8_t digest[32]) {
    sha256_with(chosen_compress(), data, length, digest);
}

void aurum_sha256_portable(const void *data, size_t length, uint8_t digest[32]) {
    sha256_with(compress_portable, data, length, digest);
}

int aurum_sha256_accelerated(void) {
#ifdef AURUM_SHA_X86
    return chosen_compress() == compress_shani;
#else
    return 0;
#endif
}
