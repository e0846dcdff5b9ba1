/// What one `aurum ingest` (or `aurum rebuild`) did, and the store's totals afterwards.
public struct IngestSummary: Sendable {
    /// A file that was not ingested, and why.
    public struct RejectedFile: Sendable {
        public var path: String
        public var reason: String
    }

    public var filesNew = 0
    /// Files whose exact bytes were already in Bronze.
    public var filesSkipped = 0
    public var rejectedFiles: [RejectedFile] = []
    /// Input paths passed over on purpose (a FIFO or device, a directory reached twice): notes, not errors.
    public var passedOver: [RejectedFile] = []
    /// Bronze files re-read from the store (`aurum rebuild`).
    public var filesReread = 0
    /// Input files this run parsed (those already in Bronze are not parsed).
    public var filesParsed = 0
    /// Input files whose parse was handed to the run (``ParsedPages``: pages `aurum pull` parsed as they
    /// arrived), so the run did not parse them.
    public var filesParsedAhead = 0
    /// Rows in this run's new Bronze files.
    public var bronzeRows = 0
    /// New Silver rows for keys Silver did not have.
    public var silverInserted = 0
    /// New Silver rows that replaced a row of an earlier run (a restatement).
    public var silverRestated = 0
    /// Valid rows of this run replaced by later rows of the same run.
    public var supersededInRun = 0
    public var quarantinedByReason: [String: Int] = [:]
    /// Steps the run took: 1, or more when its rows outgrew its memory budget (``IngestMemoryBudget``); 0 when
    /// there was nothing new. An ingest commits each step; a rebuild gathers its steps into its one transaction.
    public var steps = 0
    public var totals = StoreTotals()

    public var quarantined: Int { quarantinedByReason.values.reduce(0, +) }
}

/// The accounting identity's terms for the whole store (contract rule 6).
public struct StoreTotals: Sendable, Equatable {
    public var bronzeRows = 0
    public var silverRows = 0
    public var quarantineRows = 0
    public var supersededRows = 0

    /// Bronze rows = Silver rows + quarantined rows + superseded rows.
    public var identityHolds: Bool { bronzeRows == silverRows + quarantineRows + supersededRows }
}
