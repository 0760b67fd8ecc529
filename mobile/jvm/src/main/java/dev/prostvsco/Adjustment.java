package dev.prostvsco;

/**
 * One change the vendor rules made to an event's properties: what a vendor would otherwise
 * have done silently. The same record as the Rust runtime's {@code vendor::Adjustment}.
 */
public final class Adjustment {
  public enum Kind {
    VALUE_TRUNCATED,
    DROPPED,
    COERCED,
    KEY_REWRITTEN,
    KEY_TRUNCATED,
    EVENT_NAME_REWRITTEN,
    EVENT_NAME_TRUNCATED
  }

  /** Why a property was dropped. */
  public enum Reason {
    INVALID_KEY,
    VALUE_TOO_LONG,
    COUNT_LIMIT,
    DEPTH_LIMIT,
    DUPLICATE_KEY
  }

  public enum Coercion {
    U64_TO_STRING,
    U64_TO_DOUBLE,
    NON_FINITE,
    OUT_OF_RANGE
  }

  /**
   * The property's path: {@code tags[3]} for a list element, {@code device.os} inside an object;
   * the name sent for an event name.
   */
  public final String key;

  public final Kind kind;
  /** {@link Kind#DROPPED}: why. */
  public final Reason reason;
  /** {@link Reason#INVALID_KEY}: what is wrong with the key. */
  final Keys.Problem keyProblem;
  /** {@link Kind#COERCED}: how. */
  public final Coercion coercion;
  /** Lengths of a truncated or too long value (or key), and limits; 0 when not applicable. */
  public final int len;

  public final int max;
  /**
   * {@link Kind#KEY_REWRITTEN}, {@link Kind#KEY_TRUNCATED}: the key before; {@link
   * Kind#EVENT_NAME_REWRITTEN}: the name as written; {@link Kind#EVENT_NAME_TRUNCATED}: the name
   * before the cut.
   */
  public final String from;

  private Adjustment(
      String key,
      Kind kind,
      Reason reason,
      Keys.Problem keyProblem,
      Coercion coercion,
      int len,
      int max,
      String from) {
    this.key = key;
    this.kind = kind;
    this.reason = reason;
    this.keyProblem = keyProblem;
    this.coercion = coercion;
    this.len = len;
    this.max = max;
    this.from = from;
  }

  static Adjustment truncated(String key, int len, int max) {
    return new Adjustment(key, Kind.VALUE_TRUNCATED, null, null, null, len, max, null);
  }

  static Adjustment dropped(String key, Reason reason, Keys.Problem problem, int len, int max) {
    return new Adjustment(key, Kind.DROPPED, reason, problem, null, len, max, null);
  }

  static Adjustment coerced(String key, Coercion coercion) {
    return new Adjustment(key, Kind.COERCED, null, null, coercion, 0, 0, null);
  }

  static Adjustment keyRewritten(String key, String from) {
    return new Adjustment(key, Kind.KEY_REWRITTEN, null, null, null, 0, 0, from);
  }

  static Adjustment keyTruncated(String key, String from) {
    return new Adjustment(key, Kind.KEY_TRUNCATED, null, null, null, 0, 0, from);
  }

  static Adjustment eventNameRewritten(String name, String from) {
    return new Adjustment(name, Kind.EVENT_NAME_REWRITTEN, null, null, null, 0, 0, from);
  }

  static Adjustment eventNameTruncated(String name, String from) {
    return new Adjustment(name, Kind.EVENT_NAME_TRUNCATED, null, null, null, 0, 0, from);
  }

  /** The kind as the shared vectors name it ({@code value_truncated}, {@code dropped}...). */
  public String kindName() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The drop reason in the Rust runtime's {@code Debug} form ({@code CountLimit { max: 25 }}). */
  public String reasonName() {
    if (reason == null) {
      return null;
    }
    switch (reason) {
      case INVALID_KEY:
        return "InvalidKey(" + problemName() + ")";
      case VALUE_TOO_LONG:
        return "ValueTooLong { len: " + len + ", max: " + max + " }";
      case COUNT_LIMIT:
        return "CountLimit { max: " + max + " }";
      case DEPTH_LIMIT:
        return "DepthLimit { max: " + max + " }";
      default:
        return "DuplicateKey";
    }
  }

  private String problemName() {
    switch (keyProblem) {
      case EMPTY:
        return "Empty";
      case BAD_START:
        return "BadStart";
      case RESERVED:
        return "Reserved";
      default:
        return "TooLong { len: " + len + ", max: " + max + " }";
    }
  }

  /** The coercion in the Rust runtime's {@code Debug} form ({@code U64ToString}). */
  public String coercionName() {
    if (coercion == null) {
      return null;
    }
    switch (coercion) {
      case U64_TO_STRING:
        return "U64ToString";
      case U64_TO_DOUBLE:
        return "U64ToDouble";
      case NON_FINITE:
        return "NonFinite";
      default:
        return "OutOfRange";
    }
  }

  /** Why the property was dropped, for people. */
  String reasonText() {
    switch (reason) {
      case INVALID_KEY:
        return "the key "
            + (keyProblem == Keys.Problem.TOO_LONG
                ? "is " + len + " long, over the limit of " + max
                : keyProblem.text);
      case VALUE_TOO_LONG:
        return "the value is " + len + " long, over the limit of " + max;
      case COUNT_LIMIT:
        return "the event has more than " + max + " properties";
      case DEPTH_LIMIT:
        return "the value nests deeper than " + max;
      default:
        return "an earlier property has the same key";
    }
  }

  /** The same text as the Rust runtime's {@code Display}. */
  @Override
  public String toString() {
    switch (kind) {
      case VALUE_TRUNCATED:
        return key + ": value truncated from " + len + " to " + max;
      case DROPPED:
        return key + ": dropped: " + reasonText();
      case COERCED:
        switch (coercion) {
          case U64_TO_STRING:
            return key + ": uint64 above the signed range sent as a string";
          case U64_TO_DOUBLE:
            return key + ": uint64 sent as an inexact double";
          case NON_FINITE:
            return key + ": non-finite number sent as a string";
          default:
            return key + ": time out of the string form's range sent as seconds";
        }
      case KEY_REWRITTEN:
        return key + ": key rewritten from `" + from + "`";
      case KEY_TRUNCATED:
        return key + ": key truncated from `" + from + "`";
      case EVENT_NAME_REWRITTEN:
        return key + ": event name rewritten from `" + from + "`";
      default:
        return key + ": event name truncated from `" + from + "`";
    }
  }
}
