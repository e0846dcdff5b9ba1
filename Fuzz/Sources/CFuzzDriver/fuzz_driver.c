// The declarations are in include/fuzz_driver.h; a C target needs one source file.
#include "fuzz_driver.h"
