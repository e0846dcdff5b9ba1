/// The Meta action types that count as a conversion, most preferred first (data contract, rule 4).
///
/// Meta reports one purchase under several action types at once, so summing them would double-count. A row's
/// conversions are the entries of the FIRST type of this list that is present in its `actions` (set order, not
/// array order); its conversion value applies the same rule to `action_values` on its own.
public enum ConversionPreference {
    /// The contract's default order: `omni_purchase`, `purchase`, `offsite_conversion.fb_pixel_purchase`.
    public static let `default`: [String] = ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"]
}
