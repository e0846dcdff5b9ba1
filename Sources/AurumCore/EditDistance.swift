/// Levenshtein distance between two texts, over Unicode scalars, ignoring case: the measure behind every
/// "did you mean" suggestion.
public func editDistance(_ left: String, _ right: String) -> Int {
    let a = Array(left.lowercased().unicodeScalars)
    let b = Array(right.lowercased().unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate nearest to `name` by ``editDistance(_:_:)``, when close enough to be a plausible typo (within
/// a third of its length, at least 2); else a candidate that contains `name` (3 characters or more); else the
/// nearest candidate whose `_`-separated words begin with `name`'s words, in order (`kpi_weekly` and `kpi_week`
/// for `kpi_campaign_weekly`: a word left out, or cut short).
public func nearestName(_ name: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance($0, name)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    if best.1 <= max(2, (name.count + 2) / 3) { return best.0 }
    guard name.count >= 3 else { return nil }
    if let containing = candidates.first(where: { $0.lowercased().contains(name.lowercased()) }) { return containing }
    return scored.filter { startsWords(of: $0.0, with: name) }.min(by: { $0.1 < $1.1 })?.0
}

/// Whether each `_`-separated word of `name` begins a word of `candidate`, in order, skipping candidate words.
private func startsWords(of candidate: String, with name: String) -> Bool {
    let wanted = name.lowercased().split(separator: "_")
    guard wanted.count >= 2 else { return false }
    var words = candidate.lowercased().split(separator: "_")[...]
    for word in wanted {
        guard let index = words.firstIndex(where: { $0.hasPrefix(word) }) else { return false }
        words = words[(index + 1)...]
    }
    return true
}
