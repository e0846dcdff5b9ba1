import Foundation

/// A set of campaign ids asked about by their UTF-8 bytes, for ``ChunkCampaigns``, which tests every
/// dictionary entry of every chunk an incremental refresh reads (the all-time table alone holds one id per
/// campaign: some 75,000 at 10M Silver rows).
///
/// `Set<String>.contains` costs some 600 instructions an entry there (SipHash with a per-process seed,
/// bridging, String compares on collisions); here a probe is an FNV-1a hash of the bytes and one `memcmp`.
struct CampaignIDSet {
    /// Open addressing: the position in `ids` of the id in each slot, or -1.
    private var slots: [Int32]
    private let ids: [[UInt8]]
    private let mask: Int

    init(_ campaignIDs: Set<String>) {
        ids = campaignIDs.map { Array($0.utf8) }
        var capacity = 16
        while capacity < ids.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = Array(repeating: -1, count: capacity)
        for (index, id) in ids.enumerated() {
            var slot = id.withUnsafeBufferPointer { Self.hash(UnsafeRawBufferPointer($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    func contains(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ contains(bytes: UnsafeRawBufferPointer($0)) }) { return found }
        return Array(text.utf8).withUnsafeBytes { contains(bytes: $0) }
    }

    private func contains(bytes: UnsafeRawBufferPointer) -> Bool {
        var slot = Self.hash(bytes) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return false }
            let found = ids[index].withUnsafeBytes { id in
                id.count == bytes.count && (id.isEmpty || memcmp(id.baseAddress!, bytes.baseAddress!, id.count) == 0)
            }
            if found { return true }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a over the bytes, as a non-negative Int.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}
