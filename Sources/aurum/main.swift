import AurumCLI
import CAurumAllocator

aurum_keep_freed_memory()
AurumCommand.main()
