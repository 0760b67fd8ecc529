package dev.prostvsco;

/**
 * The JSON forms chosen for one field (its {@code json_bytes}, {@code json_enum}, {@code
 * json_int64} and {@code json_timestamp} options, or the plugin's {@code json_format}
 * parameter), over the {@link JsonOptions} switches of the same names. A {@code null} choice
 * follows the options. For a list or a map the choice applies to its elements or values.
 */
public final class FieldFormat {
  /** No choice: everything as the options say. */
  public static final FieldFormat NONE = new FieldFormat(null, null, null, null);

  public final JsonOptions.Bytes bytes;
  public final JsonOptions.Enums enums;
  public final JsonOptions.Int64 int64;
  public final JsonOptions.Timestamps timestamps;

  private FieldFormat(
      JsonOptions.Bytes bytes,
      JsonOptions.Enums enums,
      JsonOptions.Int64 int64,
      JsonOptions.Timestamps timestamps) {
    this.bytes = bytes;
    this.enums = enums;
    this.int64 = int64;
    this.timestamps = timestamps;
  }

  public FieldFormat bytes(JsonOptions.Bytes form) {
    return new FieldFormat(form, enums, int64, timestamps);
  }

  public FieldFormat enums(JsonOptions.Enums form) {
    return new FieldFormat(bytes, form, int64, timestamps);
  }

  public FieldFormat int64(JsonOptions.Int64 form) {
    return new FieldFormat(bytes, enums, form, timestamps);
  }

  public FieldFormat timestamps(JsonOptions.Timestamps form) {
    return new FieldFormat(bytes, enums, int64, form);
  }

  /** These choices, and {@code under}'s where these make none. */
  public FieldFormat over(FieldFormat under) {
    return new FieldFormat(
        bytes != null ? bytes : under.bytes,
        enums != null ? enums : under.enums,
        int64 != null ? int64 : under.int64,
        timestamps != null ? timestamps : under.timestamps);
  }

  /**
   * Why these choices do not fit {@code field} of {@code message}, when one of them is for
   * another kind of field ({@code bytes: HEX} for a string); {@code null} when they fit.
   */
  String misfit(FieldInfo field, String message) {
    String target;
    switch (field.kind) {
      case BYTES:
        target = "bytes";
        break;
      case ENUM:
        target = "enums";
        break;
      case INT64:
      case UINT64:
        target = "int64";
        break;
      default:
        target = field.kind == Kind.MESSAGE && field.isTimestamp ? "timestamps" : "";
        break;
    }
    String choice = null;
    String appliesTo = null;
    if (bytes != null && !target.equals("bytes")) {
      choice = "bytes";
      appliesTo = "bytes fields";
    } else if (enums != null && !target.equals("enums")) {
      choice = "enums";
      appliesTo = "enum fields";
    } else if (int64 != null && !target.equals("int64")) {
      choice = "int64";
      appliesTo = "64-bit integer fields";
    } else if (timestamps != null && !target.equals("timestamps")) {
      choice = "timestamps";
      appliesTo = "google.protobuf.Timestamp fields";
    }
    if (choice == null) {
      return null;
    }
    String kind =
        field.isTimestamp
            ? "message google.protobuf.Timestamp"
            : field.enumInfo != null
                ? "enum " + field.enumInfo.fullName
                : field.kind.name().toLowerCase(java.util.Locale.ROOT);
    return "`"
        + choice
        + "` applies to "
        + appliesTo
        + ", and `"
        + message
        + "."
        + field.name
        + "` is "
        + kind;
  }
}
