package dev.prostvsco;

/** A message that JSON cannot represent (a timestamp out of range, an unknown Any type...). */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message);
  }
}
