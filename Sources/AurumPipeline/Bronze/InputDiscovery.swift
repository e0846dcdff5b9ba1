import AurumStorage

/// Expands the paths given to `aurum ingest` into the files of one run, in ingest order.
public enum InputDiscovery {
    /// Every regular file under `paths` (directories recursively, hidden files included), sorted by the
    /// bytes of their path (contract rule 2). Duplicates (the same path reached twice) are kept once.
    public static func files(under paths: [String]) throws -> [String] {
        var found = Set<String>()
        for path in paths {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            if FileIO.isDirectory(trimmed) {
                walk(trimmed, into: &found)
            } else if FileIO.exists(trimmed) {
                found.insert(trimmed)
            } else {
                throw PipelineError.unreadableInput(path: path, reason: "no such file or directory")
            }
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func walk(_ directory: String, into found: inout Set<String>) {
        for name in FileIO.list(directory) {
            let path = directory + "/" + name
            if FileIO.isDirectory(path) {
                walk(path, into: &found)
            } else {
                found.insert(path)
            }
        }
    }
}
