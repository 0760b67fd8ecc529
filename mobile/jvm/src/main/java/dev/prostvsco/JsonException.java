package dev.prostvsco;

/**
 * A message that JSON cannot represent (a timestamp out of range, an unknown Any type...). The
 * text is the Rust runtime's: the JSON path to the value, then why ({@code $.sentAt: cannot be
 * written as JSON: timestamp nanos -1 outside 0..999999999}).
 */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message);
  }
}
