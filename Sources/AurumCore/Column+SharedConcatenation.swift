extension Column {
    /// Text columns whose dictionaries are all coded in one ``SharedDictionary`` (the partitions of one grouped
    /// result; the row groups of one stored column, read block by block), concatenated by shared code — an array
    /// lookup per entry, where matching by bytes would hash every part's whole dictionary; only the entries some
    /// row holds are kept. Nil when they are not (or a row's entry has no shared code). ``concatenate(_:type:)``
    /// tries it first.
    public static func concatenatingShared(_ columns: [Column]) -> StringColumn? {
        var parts: [StringColumn] = []
        for case .string(let part) in columns { parts.append(part) }
        guard let sharing = parts.first?.shared?.dictionary,
              parts.allSatisfy({ $0.shared?.dictionary === sharing }) else { return nil }
        var entryOfShared: [UInt32] = []
        var dictionary: [String] = []
        var sharedOfEntry: [UInt32] = []
        var codes: [UInt32] = []
        var validity: [UInt8] = []
        var hasNull = false
        codes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            guard let partShared = part.shared else { return nil }
            let sharedCodes = partShared.codes(of: part.dictionary)
            var remap = [UInt32](repeating: UInt32.max, count: part.dictionary.count)
            for row in 0..<part.count {
                if part.isNull(row) {
                    codes.append(0)
                    validity.append(0)
                    hasNull = true
                    continue
                }
                let entry = Int(part.codes[row])
                if remap[entry] == UInt32.max {
                    let sharedCode = Int(sharedCodes[entry])
                    guard sharedCode != Int(UInt32.max) else { return nil }
                    if sharedCode >= entryOfShared.count {
                        entryOfShared.append(contentsOf: repeatElement(UInt32.max, count: max(sharedCode + 1, 2 * entryOfShared.count) - entryOfShared.count))
                    }
                    if entryOfShared[sharedCode] == UInt32.max {
                        entryOfShared[sharedCode] = UInt32(dictionary.count)
                        dictionary.append(part.dictionary[entry])
                        sharedOfEntry.append(UInt32(sharedCode))
                    }
                    remap[entry] = entryOfShared[sharedCode]
                }
                codes.append(remap[entry])
                validity.append(1)
            }
        }
        return StringColumn(
            dictionary: dictionary, codes: codes, validity: hasNull ? validity : nil,
            shared: SharedCodes(in: sharing, codes: sharedOfEntry))
    }
}
