import AurumCore

/// A set of campaign ids asked about by their UTF-8 bytes, for ``ChunkCampaigns``, which tests every
/// dictionary entry of every chunk an incremental refresh reads (the all-time table alone holds one id per
/// campaign: some 75,000 at 10M Silver rows).
///
/// `Set<String>.contains` costs some 600 instructions an entry there (SipHash with a per-process seed,
/// bridging, String compares on collisions); the ids are held in a ``TextInterner`` instead, whose lookup hashes
/// the bytes once and compares them with `memcmp`.
struct CampaignIDSet {
    private var ids: TextInterner

    init(_ campaignIDs: Set<String>) {
        ids = TextInterner(capacity: campaignIDs.count)
        _ = ids.codes(of: Array(campaignIDs))
    }

    func contains(_ text: String) -> Bool { ids.existingCode(of: text) != nil }
}
