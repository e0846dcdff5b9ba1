import AurumCLI
import CAurumAllocator

if aurum_keep_freed_memory() == 1 { _ = aurum_heap_in_huge_pages() }
AurumCommand.main()
