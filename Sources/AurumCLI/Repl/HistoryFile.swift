import Foundation

/// The REPL's persistent history: `$AURUM_HISTORY`, else `~/.aurum_history`; one entry a line.
///
/// An entry is a statement or a dot command. A line break inside an entry is written `\n` and a backslash `\\`,
/// so every entry stays one line of the file. Entries are appended as they are entered (nothing is lost when
/// the terminal closes); the file is cut to the newest ``capacity`` entries when it is loaded.
struct HistoryFile {
    let path: String
    /// Entries kept at most.
    let capacity: Int

    static let defaultCapacity = 1000

    init(path: String, capacity: Int = defaultCapacity) {
        self.path = path
        self.capacity = capacity
    }

    /// The history file for `environment`: `$AURUM_HISTORY` (empty turns history off), else `$HOME/.aurum_history`.
    static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryFile? {
        if let path = environment["AURUM_HISTORY"] { return path.isEmpty ? nil : HistoryFile(path: path) }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: (home as NSString).appendingPathComponent(".aurum_history"))
    }

    /// The newest ``capacity`` entries, oldest first ([] when there is no file yet). Rewrites the file when it
    /// holds more.
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Self.decode(String($0)) }
        guard entries.count > capacity else { return entries }
        let kept = Array(entries.suffix(capacity))
        let text = kept.map(Self.encode).joined(separator: "\n") + "\n"
        // Atomic: a crash leaves the old file or the new one, never half of it.
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return kept
    }

    /// Appends `entry`; false when the file cannot be written.
    @discardableResult
    func append(_ entry: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array((Self.encode(entry) + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        return written == bytes.count
    }

    /// `entry` as one line of the file.
    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "")
    }

    /// The entry a line of the file holds.
    static func decode(_ line: String) -> String {
        var entry = ""
        var escaped = false
        for character in line {
            if escaped {
                entry.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                entry.append(character)
            }
        }
        if escaped { entry.append("\\") }
        return entry
    }
}
