#include "aurum_allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void aurum_keep_freed_memory(void) {
#if defined(__GLIBC__)
    // Blocks up to 256 MiB come from the heap (not mmap), and the heap top is trimmed only past 1 GiB free.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
