import CAurumAllocator
import XCTest

final class AllocatorTests: XCTestCase {
    /// The setting `aurum` makes at start: without it every query page-faults its buffers in again (it once
    /// silently did nothing, because the C file tested `__GLIBC__` before any header had defined it).
    func testKeepingFreedMemoryTakesEffectOnGlibc() throws {
        #if os(Linux) && canImport(Glibc)
        XCTAssertEqual(aurum_keep_freed_memory(), 1)
        #else
        throw XCTSkip("glibc only")
        #endif
    }
}
