extension Column {
    /// Text columns whose dictionaries are all coded in one ``SharedDictionary`` (the partitions of one grouped
    /// result; the row groups of one stored column, read block by block), concatenated by shared code — an array
    /// lookup per entry, where matching by bytes would hash every part's whole dictionary; only the entries some
    /// row holds are kept, as shared codes whose Strings are made when asked for. Nil when they are not (or a
    /// row's entry has no shared code). ``concatenate(_:type:)`` tries it first.
    public static func concatenatingShared(_ columns: [Column]) -> StringColumn? {
        var parts: [StringColumn] = []
        for case .string(let part) in columns { parts.append(part) }
        guard let sharing = parts.first?.shared?.dictionary,
              parts.allSatisfy({ $0.shared?.dictionary === sharing }) else { return nil }
        let sharedCodes = parts.map { $0.shared!.codes(of: $0.dictionary) }
        // Each shared code's entry in the result, grown as codes are met.
        var entryOfShared: [UInt32] = []
        var sharedOfEntry: [UInt32] = []
        let joined = Column.joinedCodes(parts) { part, entry -> UInt32? in
            let sharedCode = Int(sharedCodes[part][entry])
            guard sharedCode != Int(UInt32.max) else { return nil }
            if sharedCode >= entryOfShared.count {
                entryOfShared.append(contentsOf: repeatElement(UInt32.max, count: max(sharedCode + 1, 2 * entryOfShared.count) - entryOfShared.count))
            }
            if entryOfShared[sharedCode] == UInt32.max {
                entryOfShared[sharedCode] = UInt32(sharedOfEntry.count)
                sharedOfEntry.append(UInt32(sharedCode))
            }
            return entryOfShared[sharedCode]
        }
        guard let (codes, validity) = joined else { return nil }
        // The entries' Strings are made from their shared codes when asked for (the parts' are not read).
        return StringColumn(sharedEntries: SharedCodes(in: sharing, codes: sharedOfEntry), codes: codes, validity: validity)
    }
}
