#include "aurum_allocator.h"

// Any libc header defines __GLIBC__ (through <features.h>); without one the test below is always false.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__linux__) && defined(__GLIBC__)
#include <stdint.h>
#include <sys/mman.h>
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

int aurum_heap_in_huge_pages(void) {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    // With one arena, every thread's blocks below the mmap threshold come from the heap. A block of almost that
    // size extends it (address space only, nothing is touched), its 2 MiB-aligned middle is marked for
    // transparent huge pages, and freeing it leaves that range at the heap's top for the blocks to come (the trim
    // threshold keeps it). What glibc's tunable glibc.malloc.hugetlb=1 does, without an environment variable, for
    // the first 190 MiB only: that covers most queries' working sets, while a large ingest's gigabytes stay in
    // small pages. A fresh huge page can take long: on a virtual machine whose host backs memory lazily it is
    // slow to clear, and once another process has left free memory in small pieces the kernel compacts memory
    // to find one. Against 250 MiB, measured alternated with the DuckDB CLI (which frees ~400 MB of small pages
    // each run), a weekly roll-up touching ~370 MB took 368 instead of 425 ms (medians of 7), a count distinct
    // touching ~130 MB the same.
    const size_t huge = (size_t)2 << 20;
    const size_t bytes = ((size_t)192 << 20) - 2 * huge;
    char *block = malloc(bytes);
    if (block == NULL) return 0;
    uintptr_t start = ((uintptr_t)block + huge - 1) & ~(uintptr_t)(huge - 1);
    uintptr_t end = ((uintptr_t)block + bytes) & ~(uintptr_t)(huge - 1);
    int marked = end > start && madvise((void *)start, end - start, MADV_HUGEPAGE) == 0;
    free(block);
    return marked;
#else
    return 0;
#endif
}
