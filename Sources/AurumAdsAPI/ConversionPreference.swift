import AurumCore

/// The Meta action types that count as a conversion, most preferred first (data contract, rule 4).
///
/// Meta reports one purchase under several action types at once, so summing them would double-count. A row's
/// conversions are the entries of the FIRST type of this list that is present in its `actions` (set order, not
/// array order); its conversion value applies the same rule to `action_values` on its own.
public enum ConversionPreference {
    /// The contract's default order: `omni_purchase`, `purchase`, `offsite_conversion.fb_pixel_purchase`.
    public static let `default`: [String] = ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"]

    /// Meta's standard action types that can stand for a conversion (the purchase family and the other
    /// standard events a team may count instead).
    public static let knownActionTypes: [String] = [
        "omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase", "onsite_web_purchase",
        "onsite_web_app_purchase", "onsite_conversion.purchase", "app_custom_event.fb_mobile_purchase",
        "web_in_store_purchase", "web_app_in_store_purchase", "omni_add_to_cart", "add_to_cart",
        "offsite_conversion.fb_pixel_add_to_cart", "omni_initiated_checkout", "initiate_checkout",
        "offsite_conversion.fb_pixel_initiate_checkout", "omni_complete_registration", "complete_registration",
        "offsite_conversion.fb_pixel_complete_registration", "lead", "offsite_conversion.fb_pixel_lead",
        "onsite_conversion.lead_grouped", "leadgen_grouped", "omni_app_install", "mobile_app_install",
        "app_install", "omni_view_content", "view_content", "offsite_conversion.fb_pixel_view_content",
        "omni_search", "search", "offsite_conversion.fb_pixel_search",
    ]

    /// Meta's namespaces of action types (pixel, on-site, app, offline and custom events), which no list can
    /// hold in full: a type in one of them is accepted unless it is a near miss of a known type.
    public static let actionTypeNamespaces: [String] = [
        "omni_", "offsite_conversion.", "onsite_conversion.", "onsite_web_", "app_custom_event.", "offline_conversion.",
    ]

    /// Why `preference` cannot be used, or nil when it can.
    ///
    /// It must name at least one action type, each non-empty, without blanks and listed once; each must be one of
    /// ``knownActionTypes``, or lie in one of ``actionTypeNamespaces`` without being within two edits of a known
    /// type (a typo). Anything else is refused rather than accepted, because a type that matches no action
    /// silently makes every Meta conversion 0.
    public static func problem(with preference: [String]) -> String? {
        guard !preference.allSatisfy(\.isEmpty) else {
            return "it names no action type; give one or more Meta action types separated by commas, e.g. \(Self.default.joined(separator: ","))"
        }
        var seen = Set<String>()
        for (index, type) in preference.enumerated() {
            if type.isEmpty { return "action type \(index + 1) is empty" }
            if type.contains(where: { $0.isWhitespace }) { return "action type '\(type)' contains a blank (separate types with commas only)" }
            if !seen.insert(type).inserted { return "action type '\(type)' is listed twice" }
            if knownActionTypes.contains(type) { continue }
            let nearest = knownActionTypes.min { editDistance($0, type) < editDistance($1, type) }
            let typo = nearest.map { editDistance($0, type) <= 2 } ?? false
            if !typo, actionTypeNamespaces.contains(where: { type.hasPrefix($0) }) { continue }
            let hint = (typo ? nearest : nil).map { "did you mean '\($0)'? " } ?? ""
            return "'\(type)' is not a known Meta action type, so no action would match it and every Meta conversion would be 0; "
                + hint + "known types include \(Self.default.joined(separator: ", ")), and custom ones start with offsite_conversion.custom."
        }
        return nil
    }
}
