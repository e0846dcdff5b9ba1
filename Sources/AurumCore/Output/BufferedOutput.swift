/// Output gathered in one buffer of bounded size and handed on whenever it fills: what lets `export` and
/// `query` write a result of any size through a fixed amount of memory.
///
/// Formatters append to ``bytes`` (through ``write(_:)``); once it holds ``capacity`` bytes or more it is
/// flushed and emptied, keeping its storage. `flush` returns false when the reader is gone (a closed pipe):
/// from then on nothing more is kept or flushed, and ``isOpen`` tells the producer to stop.
///
/// ```swift
/// let output = BufferedOutput { bytes in try file.append(bytes); return true }
/// try output.write { writer.header(schema, into: &$0) }
/// try output.finish()
/// ```
public final class BufferedOutput {
    /// 1 MiB: large enough that a write call costs nothing per row, small enough to go unnoticed in memory.
    public static let defaultCapacity = 1 << 20

    /// The size at which the buffer is flushed. One ``write(_:)`` may overshoot it by what it appends.
    public let capacity: Int
    private let flush: ([UInt8]) throws -> Bool
    private var bytes: [UInt8] = []
    /// False once `flush` said the reader is gone.
    public private(set) var isOpen = true
    /// Bytes handed to `flush` so far.
    public private(set) var flushedByteCount = 0

    /// An output that hands each full buffer to `flush`, which returns false when its reader is gone.
    public init(capacity: Int = BufferedOutput.defaultCapacity, flush: @escaping ([UInt8]) throws -> Bool) {
        precondition(capacity > 0, "a buffer holds at least one byte")
        self.capacity = capacity
        self.flush = flush
        bytes.reserveCapacity(capacity)
    }

    /// Lets `body` append to the buffer, then flushes it if it is full.
    public func write(_ body: (inout [UInt8]) throws -> Void) throws {
        guard isOpen else { return }
        try body(&bytes)
        if bytes.count >= capacity { try flushBuffer() }
    }

    /// Flushes what is left.
    public func finish() throws {
        guard isOpen, !bytes.isEmpty else { return }
        try flushBuffer()
    }

    private func flushBuffer() throws {
        let count = bytes.count
        isOpen = try flush(bytes)
        flushedByteCount += count
        bytes.removeAll(keepingCapacity: true)
    }
}
