/// A buffer of Int64 a worker decodes block after block into, grown as needed and never shrunk, so that adding
/// up blocks allocates nothing per block. The one place its memory is handled by pointer; not shared by threads.
final class IntegerScratch {
    private var storage: UnsafeMutableBufferPointer<Int64>

    init() { storage = UnsafeMutableBufferPointer(start: nil, count: 0) }

    deinit { storage.deallocate() }

    /// Calls `body` with room for `count` values (uninitialised: whoever writes them reads them).
    func withBuffer<Result>(count: Int, _ body: (UnsafeMutableBufferPointer<Int64>) throws -> Result) rethrows -> Result {
        if storage.count < count {
            storage.deallocate()
            storage = .allocate(capacity: count)
        }
        return try body(UnsafeMutableBufferPointer(rebasing: storage[0..<count]))
    }
}
