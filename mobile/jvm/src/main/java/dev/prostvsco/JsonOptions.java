package dev.prostvsco;

/**
 * How {@link LegacyJson} writes a message: the same switches as the Rust runtime's {@code
 * JsonOptions}, with the same defaults (canonical proto3 JSON). Immutable; each {@code with}
 * method returns a changed copy.
 */
public final class JsonOptions {
  /** Which name keys an object member. */
  public enum Keys {
    /** The JSON name (canonical). */
    JSON_NAME,
    /** The name in the {@code .proto} file. */
    PROTO_NAME,
    /** The field's {@code legacy_key}, and its JSON name when it has none. */
    LEGACY
  }

  public enum Enums {
    /** Names; numbers without a name as numbers (canonical). */
    NAMES,
    NUMBERS
  }

  public enum Int64 {
    /** Decimal strings (canonical). */
    STRINGS,
    NUMBERS
  }

  public enum Bytes {
    /** Standard base64 with padding (canonical). */
    BASE64,
    /** Lowercase hexadecimal. */
    HEX
  }

  public enum Timestamps {
    /** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits (canonical). */
    RFC3339,
    /** Milliseconds since the epoch, a number (sub-millisecond digits dropped). */
    EPOCH_MILLIS,
    /** Seconds since the epoch, a number with the fraction as decimals. */
    EPOCH_SECONDS
  }

  public final Keys keys;
  public final Enums enums;
  public final Int64 int64;
  public final Bytes bytes;
  public final Timestamps timestamps;
  /** Write fields without presence even when they hold their default. */
  public final boolean emitDefaults;

  private JsonOptions(
      Keys keys,
      Enums enums,
      Int64 int64,
      Bytes bytes,
      Timestamps timestamps,
      boolean emitDefaults) {
    this.keys = keys;
    this.enums = enums;
    this.int64 = int64;
    this.bytes = bytes;
    this.timestamps = timestamps;
    this.emitDefaults = emitDefaults;
  }

  /** Canonical proto3 JSON. */
  public static final JsonOptions CANONICAL =
      new JsonOptions(
          Keys.JSON_NAME, Enums.NAMES, Int64.STRINGS, Bytes.BASE64, Timestamps.RFC3339, false);

  public JsonOptions withKeys(Keys v) {
    return new JsonOptions(v, enums, int64, bytes, timestamps, emitDefaults);
  }

  public JsonOptions withEnums(Enums v) {
    return new JsonOptions(keys, v, int64, bytes, timestamps, emitDefaults);
  }

  public JsonOptions withInt64(Int64 v) {
    return new JsonOptions(keys, enums, v, bytes, timestamps, emitDefaults);
  }

  public JsonOptions withBytes(Bytes v) {
    return new JsonOptions(keys, enums, int64, v, timestamps, emitDefaults);
  }

  public JsonOptions withTimestamps(Timestamps v) {
    return new JsonOptions(keys, enums, int64, bytes, v, emitDefaults);
  }

  public JsonOptions withEmitDefaults(boolean v) {
    return new JsonOptions(keys, enums, int64, bytes, timestamps, v);
  }

  String key(FieldInfo f) {
    switch (keys) {
      case PROTO_NAME:
        return f.name;
      case LEGACY:
        return f.legacyKey != null ? f.legacyKey : f.jsonName;
      default:
        return f.jsonName;
    }
  }
}
