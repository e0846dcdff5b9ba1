#ifndef AURUM_SHA256_H
#define AURUM_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256 (FIPS 180-4) of `length` bytes at `data` into `digest` (32 bytes).
/// Uses the x86 SHA extensions when the CPU has them, else portable C; both give the same digest.
void aurum_sha256(const void *data, size_t length, uint8_t digest[32]);

/// The same digest computed by the portable code only (the scalar twin the tests compare against).
void aurum_sha256_portable(const void *data, size_t length, uint8_t digest[32]);

/// 1 when `aurum_sha256` uses the CPU's SHA extensions.
int aurum_sha256_accelerated(void);

#endif
