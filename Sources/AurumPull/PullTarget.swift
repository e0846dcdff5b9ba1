import AurumCore

/// An inclusive range of days, `since...until`, as the APIs take it.
public struct DayRange: Sendable, Equatable, CustomStringConvertible {
    public var since: Date32
    public var until: Date32

    public init(since: Date32, until: Date32) {
        self.since = since
        self.until = until
    }

    /// Days in the range (1 when since == until).
    public var dayCount: Int { Int(until.days - since.days) + 1 }

    /// `2024-03-01..2024-03-31`.
    public var description: String { "\(since)..\(until)" }

    /// Consecutive pieces of at most `days` days each, in order.
    func pieces(ofAtMost days: Int) -> [DayRange] {
        var pieces: [DayRange] = []
        var start = since
        while start <= until {
            let end = Date32(days: min(until.days, start.days + Int32(max(1, days)) - 1))
            pieces.append(DayRange(since: start, until: end))
            start = Date32(days: end.days + 1)
        }
        return pieces
    }
}

/// One account of one source over one range of days: what a pull job fetches, and what every error names.
public struct PullTarget: Sendable, CustomStringConvertible {
    public var account: PullAccount
    public var range: DayRange

    public init(account: PullAccount, range: DayRange) {
        self.account = account
        self.range = range
    }

    /// `meta act_123 2024-03-01..2024-03-31`.
    public var description: String { "\(account) \(range)" }
}

/// An ad account of one source, its id checked and written the way the API's URL and Bronze's `account_id` take it.
public struct PullAccount: Sendable, Hashable, CustomStringConvertible {
    /// Which API.
    public var source: Source
    /// Meta: the digits after `act_`; Google: the 10-digit customer id.
    public var id: String
    /// Google only: the manager account the access goes through (`login-customer-id`).
    public var loginCustomer: String?

    /// The two APIs `aurum pull` talks to.
    public enum Source: String, Sendable, CaseIterable {
        case meta, google
    }

    /// `act_123…` (or its digits) for Meta; `123-456-7890` (or its 10 digits) for Google. Throws
    /// ``PullError/badAccount(source:text:reason:)`` for anything else.
    public init(source: Source, text: String, loginCustomer: String? = nil) throws {
        self.source = source
        switch source {
        case .meta:
            let digits = text.hasPrefix("act_") ? String(text.dropFirst(4)) : text
            guard !digits.isEmpty, digits.utf8.count <= 20, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw PullError.badAccount(source: source, text: text, reason: "a Meta ad account is act_ followed by its digits, e.g. act_1234567890")
            }
            id = digits
            if loginCustomer != nil {
                throw PullError.badAccount(source: source, text: text, reason: "--login-customer is for Google Ads accounts only")
            }
        case .google:
            id = try Self.customerID(text, source: source)
            self.loginCustomer = try loginCustomer.map { try Self.customerID($0, source: source) }
        }
    }

    private static func customerID(_ text: String, source: Source) throws -> String {
        let digits = text.filter { $0 != "-" }
        guard digits.utf8.count == 10, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw PullError.badAccount(source: source, text: text, reason: "a Google Ads customer id has 10 digits, e.g. 123-456-7890")
        }
        return digits
    }

    /// The account as the user writes it: `act_123` or `1234567890`.
    public var name: String { source == .meta ? "act_" + id : id }

    /// `meta act_123` or `google 1234567890`.
    public var description: String { "\(source.rawValue) \(name)" }
}
