import Foundation

/// The width of the terminal a result or a progress line goes to, read afresh each time (so resizing the
/// window between queries is seen).
enum TerminalSize {
    /// Columns of the terminal standard output is, if it is one: the width a table result fits.
    static var standardOutputColumns: Int? { columns(of: STDOUT_FILENO) }

    /// Columns of the terminal on `descriptor`: the kernel's window size (TIOCGWINSZ), else `$COLUMNS`, else
    /// 80. Nil when `descriptor` is not a terminal (a file or a pipe: no width to fit).
    static func columns(of descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return 80
    }
}
