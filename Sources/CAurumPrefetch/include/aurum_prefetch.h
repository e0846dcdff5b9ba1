#ifndef AURUM_PREFETCH_H
#define AURUM_PREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for reading, without waiting for it: hash
/// tables far bigger than the caches issue these for a run of keys before probing any, so that the misses
/// overlap. Swift has no intrinsic for it. A hint only: any address is allowed, nothing faults.
static inline void aurum_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
