/// Sizes written by people: `512MB`, `2GiB`, `1.5G`, `1048576`.
///
/// `KB`, `MB`, `GB`, `TB` are powers of 1000 and `KiB`, `MiB`, `GiB`, `TiB` powers of 1024, as IEC 80000-13
/// writes them; a bare letter (`K`, `M`, `G`, `T`) is a power of 1024, as `docker --memory` and Java's `-Xmx` read
/// it. Case does not matter; a bare number is bytes.
public enum ByteSize {
    /// The bytes `text` names, or nil when it is not a size (empty, negative, an unknown unit, past `Int.max`).
    public static func bytes(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? trimmed.endIndex
        let number = trimmed[..<numberEnd]
        let unit = trimmed[numberEnd...].trimmingSpaces.lowercased()
        guard !number.isEmpty, number.first != ".", number.last != ".", number.filter({ $0 == "." }).count <= 1,
            let value = Double(number), let scale = scales[unit]
        else { return nil }
        let bytes = (value * scale).rounded(.down)
        guard bytes.isFinite, bytes < 0x1p63 else { return nil }
        return Int(bytes)
    }

    private static let scales: [String: Double] = [
        "": 1, "b": 1,
        "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
        "kib": 0x1p10, "mib": 0x1p20, "gib": 0x1p30, "tib": 0x1p40,
        "k": 0x1p10, "m": 0x1p20, "g": 0x1p30, "t": 0x1p40,
    ]

    /// `bytes` for people, in the largest binary unit that leaves at least 1 (`256 MiB`, `1.5 GiB`).
    public static func description(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + " " + units[unit]
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else { return "" }
        return text[first...last]
    }
}
