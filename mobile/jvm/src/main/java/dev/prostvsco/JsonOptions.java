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
    LEGACY,
    /** The proto name in {@link JsonOptions#caseStyle} ({@code session-id}...). */
    CASE
  }

  /**
   * A case style for keys, applied to the proto name: words break at {@code _}, at {@code -}
   * and before an uppercase letter that follows a lowercase letter or a digit (the Rust
   * runtime's {@code CaseStyle}).
   */
  public enum CaseStyle {
    /** {@code session_id} */
    SNAKE,
    /** {@code sessionId} */
    CAMEL,
    /** {@code SessionId} */
    PASCAL,
    /** {@code session-id} */
    KEBAB,
    /** {@code SESSION_ID} */
    SCREAMING_SNAKE;

    /** Styled keys, computed once per field (tables are static, so this stays small). */
    private final java.util.Map<FieldInfo, String> cache =
        new java.util.concurrent.ConcurrentHashMap<>();

    String key(FieldInfo f) {
      return cache.computeIfAbsent(f, field -> apply(field.name));
    }

    /** {@code name} in this style. */
    public String apply(String name) {
      java.util.List<String> words = new java.util.ArrayList<>();
      int start = 0;
      for (int i = 0; i < name.length(); i++) {
        char b = name.charAt(i);
        if (b == '_' || b == '-') {
          if (i > start) {
            words.add(name.substring(start, i));
          }
          start = i + 1;
        } else if (i > start
            && b >= 'A'
            && b <= 'Z'
            && (isLower(name.charAt(i - 1)) || isDigit(name.charAt(i - 1)))) {
          words.add(name.substring(start, i));
          start = i;
        }
      }
      if (start < name.length()) {
        words.add(name.substring(start));
      }
      StringBuilder out = new StringBuilder(name.length() + 4);
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        switch (this) {
          case SNAKE:
          case KEBAB:
          case SCREAMING_SNAKE:
            if (i > 0) {
              out.append(this == KEBAB ? '-' : '_');
            }
            out.append(this == SCREAMING_SNAKE ? asciiUpper(word) : asciiLower(word));
            break;
          default:
            String lower = asciiLower(word);
            if (i == 0 && this == CAMEL) {
              out.append(lower);
            } else if (!lower.isEmpty()) {
              out.append(asciiUpper(lower.substring(0, 1))).append(lower, 1, lower.length());
            }
            break;
        }
      }
      return out.toString();
    }

    private static boolean isLower(char c) {
      return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static String asciiLower(String s) {
      StringBuilder out = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      }
      return out.toString();
    }

    private static String asciiUpper(String s) {
      StringBuilder out = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
      }
      return out.toString();
    }
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
  /** The style of {@link Keys#CASE}. */
  public final CaseStyle caseStyle;
  public final Enums enums;
  public final Int64 int64;
  public final Bytes bytes;
  public final Timestamps timestamps;
  /** Write fields without presence even when they hold their default. */
  public final boolean emitDefaults;
  /**
   * Indent nested objects and arrays by two spaces, one entry per line, a space after each
   * {@code :} (the Rust runtime's {@code pretty}, byte for byte).
   */
  public final boolean pretty;
  /**
   * Objects and arrays may nest this deep below the root; a deeper value fails the write
   * ({@link JsonException}) instead of recursing further. Values above {@link #MAX_SAFE_DEPTH}
   * count as it.
   */
  public final int maxDepth;
  /**
   * Forms chosen for single fields at run time, by message full name, then field name (see
   * {@link #withFieldFormat}); unmodifiable.
   */
  public final java.util.Map<String, java.util.Map<String, FieldFormat>> fieldFormats;

  /** The default of {@link #maxDepth} (the Rust runtime's {@code DEFAULT_MAX_DEPTH}). */
  public static final int DEFAULT_MAX_DEPTH = 100;

  /**
   * The ceiling of {@link #maxDepth} (the Rust runtime's {@code MAX_SAFE_DEPTH}): the writer
   * recurses once per level.
   */
  public static final int MAX_SAFE_DEPTH = 200;

  private JsonOptions(
      Keys keys,
      CaseStyle caseStyle,
      Enums enums,
      Int64 int64,
      Bytes bytes,
      Timestamps timestamps,
      boolean emitDefaults,
      boolean pretty,
      int maxDepth,
      java.util.Map<String, java.util.Map<String, FieldFormat>> fieldFormats) {
    this.keys = keys;
    this.caseStyle = caseStyle;
    this.enums = enums;
    this.int64 = int64;
    this.bytes = bytes;
    this.timestamps = timestamps;
    this.emitDefaults = emitDefaults;
    this.pretty = pretty;
    this.maxDepth = maxDepth;
    this.fieldFormats = fieldFormats;
  }

  /** Canonical proto3 JSON. */
  public static final JsonOptions CANONICAL =
      new JsonOptions(
          Keys.JSON_NAME,
          CaseStyle.SNAKE,
          Enums.NAMES,
          Int64.STRINGS,
          Bytes.BASE64,
          Timestamps.RFC3339,
          false,
          false,
          DEFAULT_MAX_DEPTH,
          java.util.Collections.emptyMap());

  public JsonOptions withKeys(Keys v) {
    return new JsonOptions(
        v, caseStyle, enums, int64, bytes, timestamps, emitDefaults, pretty, maxDepth,
        fieldFormats);
  }

  /** Keys as the proto name in {@code style} ({@link Keys#CASE}). */
  public JsonOptions withCase(CaseStyle style) {
    return new JsonOptions(
        Keys.CASE, style, enums, int64, bytes, timestamps, emitDefaults, pretty, maxDepth,
        fieldFormats);
  }

  public JsonOptions withEnums(Enums v) {
    return new JsonOptions(
        keys, caseStyle, v, int64, bytes, timestamps, emitDefaults, pretty, maxDepth,
        fieldFormats);
  }

  public JsonOptions withInt64(Int64 v) {
    return new JsonOptions(
        keys, caseStyle, enums, v, bytes, timestamps, emitDefaults, pretty, maxDepth,
        fieldFormats);
  }

  public JsonOptions withBytes(Bytes v) {
    return new JsonOptions(
        keys, caseStyle, enums, int64, v, timestamps, emitDefaults, pretty, maxDepth,
        fieldFormats);
  }

  public JsonOptions withTimestamps(Timestamps v) {
    return new JsonOptions(
        keys, caseStyle, enums, int64, bytes, v, emitDefaults, pretty, maxDepth, fieldFormats);
  }

  public JsonOptions withEmitDefaults(boolean v) {
    return new JsonOptions(
        keys, caseStyle, enums, int64, bytes, timestamps, v, pretty, maxDepth, fieldFormats);
  }

  public JsonOptions withPretty(boolean v) {
    return new JsonOptions(
        keys, caseStyle, enums, int64, bytes, timestamps, emitDefaults, v, maxDepth,
        fieldFormats);
  }

  /** The nesting limit, at most {@link #MAX_SAFE_DEPTH}. */
  public JsonOptions withMaxDepth(int v) {
    return new JsonOptions(
        keys, caseStyle, enums, int64, bytes, timestamps, emitDefaults, pretty,
        Math.min(Math.max(v, 0), MAX_SAFE_DEPTH), fieldFormats);
  }

  /**
   * Writes the field {@code fullName} ({@code pkg.Message.field}, by proto name) in {@code
   * format}'s forms, over the switches above and over the field's own {@code json_*} options:
   * for schemas whose {@code .proto} files you do not own (the Rust runtime's {@code
   * JsonOptions::field_format}). A later call for the same field replaces the choices it makes.
   * A name that is not a field of its message, or a choice for another kind of field ({@code
   * bytes: HEX} for a string), fails the writing of that message.
   */
  public JsonOptions withFieldFormat(String fullName, FieldFormat format) {
    String name = fullName.startsWith(".") ? fullName.substring(1) : fullName;
    int dot = name.lastIndexOf('.');
    String message = dot < 0 ? "" : name.substring(0, dot);
    String field = name.substring(dot + 1);
    java.util.Map<String, java.util.Map<String, FieldFormat>> all =
        new java.util.HashMap<>(fieldFormats);
    java.util.Map<String, FieldFormat> fields =
        new java.util.HashMap<>(all.getOrDefault(message, java.util.Collections.emptyMap()));
    fields.put(field, format.over(fields.getOrDefault(field, FieldFormat.NONE)));
    all.put(message, java.util.Collections.unmodifiableMap(fields));
    return new JsonOptions(
        keys, caseStyle, enums, int64, bytes, timestamps, emitDefaults, pretty, maxDepth,
        java.util.Collections.unmodifiableMap(all));
  }

  /** The nesting limit in force: {@link #maxDepth}, at most {@link #MAX_SAFE_DEPTH}. */
  int depthLimit() {
    return Math.min(Math.max(maxDepth, 0), MAX_SAFE_DEPTH);
  }

  String key(FieldInfo f) {
    switch (keys) {
      case PROTO_NAME:
        return f.name;
      case LEGACY:
        return f.legacyKey != null ? f.legacyKey : f.jsonName;
      case CASE:
        return caseStyle.key(f);
      default:
        return f.jsonName;
    }
  }
}
