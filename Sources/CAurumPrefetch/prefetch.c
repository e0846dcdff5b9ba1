// CAurumPrefetch is header-only (include/aurum_prefetch.h); SwiftPM wants a source file in every C target.
#include "aurum_prefetch.h"
