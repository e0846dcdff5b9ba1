import CAurumAllocator
import Foundation
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

    /// Then the heap's first hundreds of megabytes are marked for transparent huge pages: the kernel lists a
    /// heap mapping with the `hg` flag. A kernel without transparent huge pages refuses the mark, and the
    /// function says so.
    func testTheHeapIsMarkedForHugePagesOnLinux() throws {
        #if os(Linux) && canImport(Glibc)
        XCTAssertEqual(aurum_keep_freed_memory(), 1)
        guard FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") else {
            XCTAssertEqual(aurum_heap_in_huge_pages(), 0, "no transparent huge pages: nothing marked, and reported as such")
            return
        }
        XCTAssertEqual(aurum_heap_in_huge_pages(), 1, "a heap range marked")
        // (/proc files report no size: read to the end.)
        let smaps = try XCTUnwrap(fopen("/proc/self/smaps", "r"))
        defer { fclose(smaps) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case let count = fread(&buffer, 1, buffer.count, smaps), count > 0 { bytes += buffer[0..<count] }
        // Each mapping: a header line "start-end perms offset dev inode [name]", then "Key: value" lines.
        var heapFlags: [String] = []
        var inHeap = false
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            if let first = line.split(separator: " ").first, first.contains("-"), !first.hasSuffix(":") { inHeap = line.hasSuffix("[heap]") }
            if inHeap && line.hasPrefix("VmFlags:") { heapFlags.append(String(line)) }
        }
        XCTAssertTrue(heapFlags.contains { $0.split(separator: " ").contains("hg") }, "a heap mapping marked hg among \(heapFlags)")
        #else
        XCTAssertEqual(aurum_heap_in_huge_pages(), 0, "nothing to mark, and reported as such")
        #endif
    }
}
