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
}
