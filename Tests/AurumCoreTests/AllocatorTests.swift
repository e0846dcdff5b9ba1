import CAurumAllocator
import XCTest

final class AllocatorTests: XCTestCase {
    /// The setting `aurum` makes at start: without it every query page-faults its buffers in again (it once
    /// silently did nothing, because the C file tested `__GLIBC__` before any header had defined it). Where the
    /// C library is not glibc there is nothing to set, and the function says so.
    func testKeepingFreedMemoryTakesEffectOnGlibc() {
        #if canImport(Glibc)
        XCTAssertEqual(aurum_keep_freed_memory(), 1, "glibc took the allocator settings")
        #else
        XCTAssertEqual(aurum_keep_freed_memory(), 0, "no glibc: nothing set, and reported as such")
        #endif
    }
}
