import AurumCLI
import CAurumAllocator

_ = aurum_keep_freed_memory()
AurumCommand.main()
