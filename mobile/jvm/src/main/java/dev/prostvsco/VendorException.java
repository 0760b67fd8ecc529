package dev.prostvsco;

/**
 * An event that cannot be sent to a vendor: no event name, an event name the vendor refuses,
 * or a violation under {@link Profile.OnViolation#ERROR}.
 */
public final class VendorException extends Exception {
  private static final long serialVersionUID = 1L;

  public VendorException(String message) {
    super(message);
  }
}
