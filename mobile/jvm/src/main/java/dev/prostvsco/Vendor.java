package dev.prostvsco;

/**
 * Vendor properties of an event: the same flattening, keys, values and adjustments as the Rust
 * runtime's {@code vendor_properties}. Generated adapter classes call this for each message;
 * {@code pii} fields are left out unless the caller has the user's consent.
 */
public final class Vendor {
  private Vendor() {}

  /** The properties of {@code event} for {@code profile}, without {@code pii} fields. */
  public static <M> VendorProperties properties(
      M event, MessageAdapter<M> adapter, Profile profile) throws VendorException {
    return VendorWalk.properties(event, adapter, profile, false);
  }

  /** {@link #properties} with {@code pii} fields included: the caller has the user's consent. */
  public static <M> VendorProperties propertiesWithPii(
      M event, MessageAdapter<M> adapter, Profile profile) throws VendorException {
    return VendorWalk.properties(event, adapter, profile, true);
  }
}
