import Foundation
import Synchronization

/// One code per distinct text (by its UTF-8 bytes, as ``ExactText`` compares), shared by the dictionaries of
/// many ``StringColumn``s — every decoded block of one stored column — for as long as it lives.
///
/// A block's dictionary codes its rows for that block only, so whoever groups or counts by text across blocks
/// must match entries up by their bytes: a hash probe and a compare per entry, per block, per query. Through a
/// shared dictionary that work is done once per block (``SharedCodes``), and from then on an entry's identity
/// is an integer. Safe to use from several threads.
public final class SharedDictionary: @unchecked Sendable {
    /// The texts' bytes only: a String is made when some column's entries are first asked for (``strings(of:)``),
    /// so that text which is only grouped, counted or compared by code (the ad ids of a count of distinct ads)
    /// costs no String, no allocation and no reference counting.
    private var interner = TextInterner(bytesOnly: true)
    /// The String of each code, once one was made.
    private var made: [String?] = []
    private let lock = NSLock()

    public init() {}

    /// The code of each of `texts`, adding those that are new.
    public func codes(of texts: [String]) -> [UInt32] {
        lock.withLock { interner.codes(of: texts) }
    }

    /// The code of each entry of a dictionary laid out as bytes (entry `i` is `text[bounds[i]..<bounds[i + 1]]`),
    /// adding those that are new when `admit(bytes)` (such as bytes that are UTF-8); nil when it refuses one.
    ///
    /// What a stored block's dictionary is decoded through: an entry met before (in an earlier block) is found
    /// by its bytes, so it is not checked again, and its code is known before any query asks. No String is made.
    ///
    /// A table about to outgrow its slots is given larger ones made outside the lock (``TextInterner/EmptySlots``):
    /// clearing megabytes of new memory under it would hold up every other thread decoding a block.
    public func codes(
        ofEntries text: UnsafeRawBufferPointer, bounds: UnsafeBufferPointer<Int>, admit: (UnsafeRawBufferPointer) -> Bool
    ) -> [UInt32]? {
        var prepared = lock.withLock { interner.slotsToAdd(bounds.count - 1) }.map(TextInterner.EmptySlots.init(count:))
        return lock.withLock {
            if prepared != nil { interner.grow(into: &prepared!) }
            return interner.codes(ofEntries: text, bounds: bounds, admit: admit)
        }
    }

    /// The bytes of each of `codes`' texts (which this dictionary gave; `UInt32.max`: none) back to back, with no
    /// String made: what ordering text by its bytes needs.
    public func packed(_ codes: [UInt32]) -> PackedUTF8 {
        lock.withLock { interner.packed(codes) }
    }

    /// The text of each of `codes` (which this dictionary gave; `UInt32.max`: ""), each code's String made once.
    public func strings(of codes: [UInt32]) -> [String] {
        lock.withLock {
            if made.count < interner.count { made.append(contentsOf: repeatElement(nil, count: interner.count - made.count)) }
            let interner = self.interner  // (a local copy: no reference counting per code)
            return made.withUnsafeMutableBufferPointer { made in
                codes.map { code in
                    guard code != UInt32.max else { return "" }
                    if let text = made[Int(code)] { return text }
                    let text = interner.string(of: code)
                    made[Int(code)] = text
                    return text
                }
            }
        }
    }
}

/// The ``SharedDictionary`` code of each entry of one ``StringColumn``'s dictionary: found on first use and
/// kept, so a block held in a cache pays for it once, and a column whose text is never matched across blocks
/// not at all. For a column decoded through the shared dictionary, also its entries' Strings: made on first
/// use (``strings``) and kept. Safe to use from several threads.
public final class SharedCodes: @unchecked Sendable {
    public let dictionary: SharedDictionary
    private var known: [UInt32]?
    private var made: [String]?
    private let lock = NSLock()

    /// Codes to be found in `dictionary` when first asked for.
    public init(in dictionary: SharedDictionary) {
        self.dictionary = dictionary
        self.textBytes = nil
    }

    /// Codes already known: `codes[i]` is entry `i`'s (`UInt32.max` for an entry no row holds); `textBytes`, the
    /// entries' UTF-8 bytes in all, when known.
    public init(in dictionary: SharedDictionary, codes: [UInt32], textBytes: Int? = nil) {
        self.dictionary = dictionary
        self.known = codes
        self.textBytes = textBytes
    }

    /// The entries' UTF-8 bytes in all, when given (a decoded block's): what a column of Strings not made yet
    /// will hold.
    let textBytes: Int?

    /// The code of each of `entries`, which must be the dictionary of the column these codes belong to (asked
    /// for only when the codes are not known yet).
    public func codes(of entries: @autoclosure () -> [String]) -> [UInt32] {
        lock.withLock {
            if let known { return known }
            let codes = dictionary.codes(of: entries())
            known = codes
            return codes
        }
    }

    /// The entries' bytes back to back (``SharedDictionary/packed(_:)``), for codes known; no String made.
    var packedEntries: PackedUTF8 {
        guard let known = knownCodes else { preconditionFailure("entries are packed from codes known") }
        return dictionary.packed(known)
    }

    /// The codes, when known (``init(in:codes:textBytes:)``, or once asked for).
    var knownCodes: [UInt32]? { lock.withLock { known } }

    /// The text of each entry, for codes known (``init(in:codes:textBytes:)``): made on first use, then kept. Once made,
    /// read with no lock (a column's rows may ask for it row by row).
    var strings: [String] {
        if isMade.load(ordering: .acquiring) { return made! }
        return lock.withLock {
            if let made { return made }
            guard let known else { preconditionFailure("the Strings of shared codes are made from codes known") }
            let strings = dictionary.strings(of: known)
            made = strings
            isMade.store(true, ordering: .releasing)
            return strings
        }
    }

    /// Set once ``made`` is, and never changed after: what lets ``strings`` read it with no lock.
    private let isMade = Atomic<Bool>(false)
}
