#ifndef AURUM_ALLOCATOR_H
#define AURUM_ALLOCATOR_H

/// Tells the C allocator to keep freed memory in the process rather than return it to the kernel at once.
/// Scans allocate and free column buffers of about a megabyte per row group; with glibc's defaults each is
/// mmapped or trimmed away and page-faulted in again, which took a third of a query's time.
/// Returns 1 when the allocator took the settings (glibc), 0 where there is nothing to set.
int aurum_keep_freed_memory(void);

/// Marks the first 190 MiB of the heap for transparent huge pages (Linux, after ``aurum_keep_freed_memory``):
/// a process that touches tens of megabytes afresh (a one-shot query decoding its row groups) then takes a page
/// fault per 2 MiB instead of per 4 KiB. Returns 1 when the range was marked.
int aurum_heap_in_huge_pages(void);

#endif
