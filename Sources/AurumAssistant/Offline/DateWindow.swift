import AurumCore

/// A resolved, inclusive range of dates: what `date BETWEEN DATE 'first' AND DATE 'last'` keeps.
///
/// Windows are always written as literal dates, so that a query reads the same whatever day it is rerun and the
/// scan can prune by zone maps. A window whose `last` is before its `first` is empty (e.g. "this month" on the
/// 1st: from the 1st up to yesterday).
struct DateWindow: Equatable, Sendable, CustomStringConvertible {
    var first: Date32
    var last: Date32

    /// The number of days in the window (0 when empty).
    var dayCount: Int { max(0, first.days(to: last) + 1) }

    /// `date BETWEEN DATE '…' AND DATE '…'`.
    var condition: String { "date BETWEEN DATE '\(first)' AND DATE '\(last)'" }

    var description: String { "\(first)..\(last)" }
}
