/// Hears how far long work has got. The layer doing the work reports often (after each batch of rows or each
/// window of files) on the thread that does it; the observer must return at once, and decides for itself when
/// and whether to show anything (the CLI shows a line on a terminal only after a second).
public protocol ProgressObserver: AnyObject {
    func progress(_ report: ProgressReport)
}
