#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AurumCore

/// How much one `aurum ingest` may hold in memory before it commits what it holds as one step and goes on
/// with the next files (docs/pipeline.md, "Bounded memory").
///
/// A run holds its new Silver and quarantine rows until it commits; a step commits when they reach
/// ``rowsPerStep``, the budget over ``bytesPerHeldRow``. A page is never split between steps. Since dedup
/// depends only on ingest order, which steps keep, the store ends the same whatever the budget.
public struct IngestMemoryBudget: Sendable, Equatable, CustomStringConvertible {
    /// The budget in bytes; nil: no bound (the whole run is one step).
    public let bytes: Int?

    /// Peak resident bytes per row held, from release builds (docs/performance.md, "Memory"): 3.37 GB for the
    /// 10M-row tree in one step, and 14.08 GB for a 50M-row tree whose first step held about 38.3M rows (368
    /// bytes a row) — the rows' columns, their dedup index, and the sorted copy and segment encoding made as they
    /// are committed.
    static let bytesPerHeldRow = 370

    /// The environment variable that sets the budget when `--memory-budget` is not given.
    public static let variable = "AURUM_MEMORY_BUDGET"

    /// No bound: one step, whatever the input's size.
    public static let unbounded = IngestMemoryBudget(bytes: nil)

    /// A budget of `bytes` (at least one row a step).
    public init(bytes: Int?) {
        self.bytes = bytes
    }

    /// The most rows (Silver and quarantine) a step holds before it commits; nil for no bound.
    var rowsPerStep: Int? {
        bytes.map { max(1, $0 / Self.bytesPerHeldRow) }
    }

    /// The default: half the memory this process may use (``SystemMemory/availableBytes``), so a tree that
    /// fits is ingested in one step, as fast as ever, and a larger one in steps rather than not at all.
    public static var defaultBudget: IngestMemoryBudget {
        IngestMemoryBudget(bytes: SystemMemory.availableBytes / 2)
    }

    /// Reads a budget as the option and the variable take it: a size (`512MB`, `2GiB`, `1G`, bytes;
    /// ``ByteSize``) or `none` for no bound.
    ///
    /// - Parameter origin: what the text came from, for the error (`--memory-budget`, the variable's name).
    public static func parse(_ text: String, origin: String) throws -> IngestMemoryBudget {
        if text.lowercased() == "none" { return .unbounded }
        guard let bytes = ByteSize.bytes(text), bytes > 0 else {
            throw PipelineError.invalidMemoryBudget(origin: origin, text: text)
        }
        return IngestMemoryBudget(bytes: bytes)
    }

    /// The budget `AURUM_MEMORY_BUDGET` sets, or ``defaultBudget`` when it is unset or empty.
    public static func fromEnvironment() throws -> IngestMemoryBudget {
        guard let value = getenv(variable), value.pointee != 0 else { return defaultBudget }
        return try parse(String(cString: value), origin: variable)
    }

    /// `256 MiB`, or `none`.
    public var description: String {
        bytes.map(ByteSize.description) ?? "none"
    }
}
