#include "aurum_allocator.h"

// Any libc header defines __GLIBC__ (through <features.h>); without one the test below is always false.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int aurum_keep_freed_memory(void) {
#if defined(__GLIBC__)
    // Blocks up to 256 MiB come from the heap (not mmap), and the heap top is trimmed only past 1 GiB free.
    // One arena for every thread: glibc gives each thread's arena heaps of at most 64 MiB and unmaps a heap as
    // soon as it is empty, whatever the trim threshold; column and blob buffers of many megabytes made the
    // worker threads map, fault in and unmap the same memory over and over. Small blocks still come from each
    // thread's cache without a lock.
    return mallopt(M_MMAP_THRESHOLD, 256 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1
        && mallopt(M_ARENA_MAX, 1) == 1;
#else
    return 0;
#endif
}
