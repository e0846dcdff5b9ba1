import Foundation

/// One code per distinct text (by its UTF-8 bytes, as ``ExactText`` compares), shared by the dictionaries of
/// many ``StringColumn``s — every decoded block of one stored column — for as long as it lives.
///
/// A block's dictionary codes its rows for that block only, so whoever groups or counts by text across blocks
/// must match entries up by their bytes: a hash probe and a compare per entry, per block, per query. Through a
/// shared dictionary that work is done once per block (``SharedCodes``), and from then on an entry's identity
/// is an integer. Safe to use from several threads.
public final class SharedDictionary: @unchecked Sendable {
    private var interner = TextInterner()
    private let lock = NSLock()

    public init() {}

    /// The code of each of `texts`, adding those that are new.
    public func codes(of texts: [String]) -> [UInt32] {
        lock.withLock { interner.codes(of: texts) }
    }

    /// The code and the text of each entry of a dictionary laid out as bytes (entry `i` is
    /// `text[bounds[i]..<bounds[i + 1]]`), adding those that are new as `makeString(bytes)`; nil when
    /// `makeString` refuses one.
    ///
    /// What a stored block's dictionary is decoded through: an entry met before (in an earlier block) is found
    /// by its bytes and its String is this dictionary's own, so decoding it makes no String and checks nothing
    /// again, and its code is known before any query asks.
    public func entries(
        of text: UnsafeRawBufferPointer, bounds: UnsafeBufferPointer<Int>, makeString: (UnsafeRawBufferPointer) -> String?
    ) -> (codes: [UInt32], strings: [String])? {
        lock.withLock {
            guard let codes = interner.codes(ofEntries: text, bounds: bounds, makeString: makeString) else { return nil }
            let strings = interner.strings.withUnsafeBufferPointer { known in codes.map { known[Int($0)] } }
            return (codes, strings)
        }
    }
}

/// The ``SharedDictionary`` code of each entry of one ``StringColumn``'s dictionary: found on first use and
/// kept, so a block held in a cache pays for it once, and a column whose text is never matched across blocks
/// not at all. Safe to use from several threads.
public final class SharedCodes: @unchecked Sendable {
    public let dictionary: SharedDictionary
    private var known: [UInt32]?
    private let lock = NSLock()

    /// Codes to be found in `dictionary` when first asked for.
    public init(in dictionary: SharedDictionary) {
        self.dictionary = dictionary
    }

    /// Codes already known: `codes[i]` is entry `i`'s (`UInt32.max` for an entry no row holds).
    public init(in dictionary: SharedDictionary, codes: [UInt32]) {
        self.dictionary = dictionary
        self.known = codes
    }

    /// The code of each of `entries`, which must be the dictionary of the column these codes belong to.
    public func codes(of entries: [String]) -> [UInt32] {
        lock.withLock {
            if let known { return known }
            let codes = dictionary.codes(of: entries)
            known = codes
            return codes
        }
    }
}
