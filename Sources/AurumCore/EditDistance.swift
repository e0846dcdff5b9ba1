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
/// a third of its length, at least 2), or else a candidate that contains `name` (3 characters or more).
public func nearestName(_ name: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance($0, name)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    if best.1 <= max(2, (name.count + 2) / 3) { return best.0 }
    return candidates.first { $0.lowercased().contains(name.lowercased()) && name.count >= 3 }
}
