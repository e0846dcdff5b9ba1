/// Where the REPL's input lines come from: the line editor on a terminal, plain standard input otherwise, or a
/// list of lines in tests.
protocol LineSource: AnyObject {
    /// Whether a person is typing: prompts, the banner and the history are for them only.
    var isInteractive: Bool { get }
    /// The next line (without its line break), Ctrl-C, or the end of the input (Ctrl-D on a terminal).
    /// `prompt` is shown only when interactive.
    func readLine(prompt: String) -> LineRead
    /// Keeps an entered statement or dot command in the history.
    func remember(_ entry: String)
}

/// What reading a line gave.
enum LineRead: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: drop the line and the unfinished statement, and prompt again.
    case interrupted
    case end
}

/// Standard input read plainly, for scripts and pipes: no prompt, no escape codes, no history.
final class PlainLineSource: LineSource {
    var isInteractive: Bool { false }

    func readLine(prompt: String) -> LineRead { Swift.readLine(strippingNewline: true).map(LineRead.line) ?? .end }

    func remember(_ entry: String) {}
}
