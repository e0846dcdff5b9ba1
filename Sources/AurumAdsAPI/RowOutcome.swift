/// What became of one row of a page: a valid record, or a quarantine reason with a human detail.
public enum RowOutcome: Sendable, Hashable {
    /// The row passed every check of the data contract's rule 3.
    case valid(SilverRecord)
    /// The row failed a check: `reason` is the first failing one in contract order, `detail` a human sentence
    /// naming the field and its value, e.g. `impressions is "n/a", not an integer`.
    case quarantined(QuarantineReason, detail: String)

    /// The record when the row is valid, else nil.
    public var record: SilverRecord? {
        if case .valid(let record) = self { return record }
        return nil
    }

    /// The reason when the row is quarantined, else nil.
    public var quarantineReason: QuarantineReason? {
        if case .quarantined(let reason, _) = self { return reason }
        return nil
    }
}
