#ifndef AURUM_FUZZ_DRIVER_H
#define AURUM_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point when the program has its own main (`-sanitize=fuzzer` links it); weak, so that a
/// build without libFuzzer links too and sees it as NULL.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size)) __attribute__((weak));

/// Runs libFuzzer on `callback` with the command line; -1 when the program was built without libFuzzer.
static inline int aurum_fuzz_run_driver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size)) {
    if (LLVMFuzzerRunDriver == NULL) return -1;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}

#endif
