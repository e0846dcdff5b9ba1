#include "aurum_allocator.h"

// Any libc header defines __GLIBC__ (through <features.h>); without one the test below is always false.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int aurum_keep_freed_memory(void) {
#if defined(__GLIBC__)
    // Blocks up to 256 MiB come from the heap (not mmap), and the heap top is trimmed only past 1 GiB free.
    return mallopt(M_MMAP_THRESHOLD, 256 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1;
#else
    return 0;
#endif
}
