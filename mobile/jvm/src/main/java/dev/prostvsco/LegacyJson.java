package dev.prostvsco;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes a message as JSON under {@link JsonOptions}: canonical proto3 JSON by default, or the
 * legacy forms a JSON API expects. Output is the same text as the Rust runtime's for the same
 * message and options, except that a float or double may be spelled differently (with the
 * same value): members in field-number order, map entries in key order, compact.
 */
public final class LegacyJson implements FieldVisitor {

  private final JsonOptions options;
  private final TypeRegistry types;
  private final StringBuilder out;
  private boolean first;
  /**
   * The field whose value is being written, for the JSON forms chosen for it; {@code null} at
   * the root.
   */
  private FieldInfo field;

  private LegacyJson(JsonOptions options, TypeRegistry types, StringBuilder out) {
    this.options = options;
    this.types = types;
    this.out = out;
  }

  /** {@code message} as JSON text. */
  public static <M> String write(M message, MessageAdapter<M> adapter, JsonOptions options)
      throws JsonException {
    return write(message, adapter, options, TypeRegistry.EMPTY);
  }

  /** {@link #write}, with the message types an {@code Any} may hold. */
  public static <M> String write(
      M message, MessageAdapter<M> adapter, JsonOptions options, TypeRegistry types)
      throws JsonException {
    StringBuilder out = new StringBuilder(256);
    try {
      new LegacyJson(options, types, out).message(message, adapter);
    } catch (Failure f) {
      throw new JsonException(f.getMessage());
    }
    return out.toString();
  }

  /** A {@link JsonException} raised inside a visit (whose methods cannot declare it). */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private void message(Object m, MessageAdapter<?> adapter) {
    WellKnown w = adapter.wellKnown();
    if (w != null) {
      wellKnown(w, m, adapter);
      return;
    }
    out.append('{');
    boolean outer = first;
    FieldInfo outerField = field;
    first = true;
    adapter.visitObject(m, this, options.emitDefaults);
    first = outer;
    field = outerField;
    out.append('}');
  }

  private void key(FieldInfo f) {
    if (!first) {
      out.append(',');
    }
    first = false;
    field = f;
    // The two canonical key namings have their member text ready in the field table.
    switch (options.keys) {
      case JSON_NAME:
        out.append(f.quotedJsonName);
        break;
      case PROTO_NAME:
        out.append(f.quotedName);
        break;
      default:
        string(options.key(f));
        out.append(':');
        break;
    }
  }

  @Override
  public void bool(FieldInfo f, boolean v) {
    key(f);
    out.append(v);
  }

  @Override
  public void int32(FieldInfo f, int v) {
    key(f);
    out.append(v);
  }

  @Override
  public void uint32(FieldInfo f, int v) {
    key(f);
    uint32Value(v);
  }

  @Override
  public void int64(FieldInfo f, long v) {
    key(f);
    int64Value(v);
  }

  @Override
  public void uint64(FieldInfo f, long v) {
    key(f);
    uint64Value(v);
  }

  @Override
  public void float32(FieldInfo f, float v) {
    key(f);
    floatValue(v);
  }

  @Override
  public void float64(FieldInfo f, double v) {
    key(f);
    doubleValue(v);
  }

  @Override
  public void string(FieldInfo f, String v) {
    key(f);
    string(v);
  }

  @Override
  public void bytes(FieldInfo f, ByteString v) {
    key(f);
    bytesValue(v);
  }

  @Override
  public void enumValue(FieldInfo f, int number) {
    key(f);
    enumValue(f.enumInfo, number);
  }

  @Override
  public <T> void message(FieldInfo f, T v, MessageAdapter<T> adapter) {
    key(f);
    message(v, adapter);
  }

  @Override
  public void list(FieldInfo f, List<?> values, MessageAdapter<?> adapter) {
    key(f);
    list(f.kind, f.enumInfo, values, adapter);
  }

  private void list(Kind kind, EnumInfo info, List<?> values, MessageAdapter<?> adapter) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      element(kind, info, values.get(i), adapter);
    }
    out.append(']');
  }

  @Override
  public void map(FieldInfo f, Map<?, ?> entries, MessageAdapter<?> adapter) {
    key(f);
    mapValue(f, entries, adapter);
  }

  private void mapValue(FieldInfo f, Map<?, ?> entries, MessageAdapter<?> adapter) {
    out.append('{');
    boolean any = false;
    for (Map.Entry<?, ?> e : MapKeys.sorted(f.mapKey, entries)) {
      if (any) {
        out.append(',');
      }
      any = true;
      Object k = e.getKey();
      switch (f.mapKey) {
        case UINT32:
          string(Integer.toUnsignedString((Integer) k));
          break;
        case UINT64:
          string(Long.toUnsignedString((Long) k));
          break;
        default:
          string(String.valueOf(k));
          break;
      }
      out.append(':');
      element(f.kind, f.enumInfo, e.getValue(), adapter);
    }
    out.append('}');
  }

  /** One boxed element of a list or map value. */
  private void element(Kind kind, EnumInfo info, Object v, MessageAdapter<?> adapter) {
    switch (kind) {
      case BOOL:
        out.append((boolean) (Boolean) v);
        break;
      case INT32:
        out.append((int) (Integer) v);
        break;
      case UINT32:
        uint32Value((Integer) v);
        break;
      case INT64:
        int64Value((Long) v);
        break;
      case UINT64:
        uint64Value((Long) v);
        break;
      case FLOAT:
        floatValue((Float) v);
        break;
      case DOUBLE:
        doubleValue((Double) v);
        break;
      case STRING:
        string((String) v);
        break;
      case BYTES:
        bytesValue((ByteString) v);
        break;
      case ENUM:
        enumValue(info, EnumInfo.numberOf(v));
        break;
      default:
        message(v, adapter);
        break;
    }
  }

  // Numbers are appended as primitives, without a String per number.
  private void uint32Value(int v) {
    if (v >= 0) {
      out.append(v);
    } else {
      out.append(Integer.toUnsignedLong(v));
    }
  }

  // The forms of the field being written: its own choice, else the options'.
  private JsonOptions.Int64 int64Form() {
    return field != null && field.json.int64 != null ? field.json.int64 : options.int64;
  }

  private JsonOptions.Enums enumForm() {
    return field != null && field.json.enums != null ? field.json.enums : options.enums;
  }

  private JsonOptions.Bytes bytesForm() {
    return field != null && field.json.bytes != null ? field.json.bytes : options.bytes;
  }

  private JsonOptions.Timestamps timestampForm() {
    return field != null && field.json.timestamps != null
        ? field.json.timestamps
        : options.timestamps;
  }

  private void int64Value(long v) {
    boolean quoted = int64Form() == JsonOptions.Int64.STRINGS;
    if (quoted) {
      out.append('"');
    }
    out.append(v);
    if (quoted) {
      out.append('"');
    }
  }

  private void uint64Value(long v) {
    if (v >= 0) {
      int64Value(v);
      return;
    }
    boolean quoted = int64Form() == JsonOptions.Int64.STRINGS;
    if (quoted) {
      out.append('"');
    }
    out.append(Long.toUnsignedString(v));
    if (quoted) {
      out.append('"');
    }
  }

  private void floatValue(float v) {
    if (Float.isNaN(v) || Float.isInfinite(v)) {
      nonFinite(v);
    } else {
      Numbers.append(out, v);
    }
  }

  private void doubleValue(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      nonFinite(v);
    } else {
      Numbers.append(out, v);
    }
  }

  private void nonFinite(double v) {
    out.append(Double.isNaN(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  }

  private void enumValue(EnumInfo info, int number) {
    if (enumForm() == JsonOptions.Enums.NAMES) {
      // NullValue's name is `null`; as numbers it is 0 like any enum.
      if (info == WellKnownTypes.NULL_VALUE) {
        out.append("null");
        return;
      }
      String name = info == null ? null : info.name(number);
      if (name != null) {
        string(name);
        return;
      }
    }
    out.append(number);
  }

  private void bytesValue(ByteString b) {
    out.append('"');
    if (bytesForm() == JsonOptions.Bytes.HEX) {
      out.append(Json.hex(b));
    } else {
      out.append(Base64.getEncoder().encodeToString(b.toByteArray()));
    }
    out.append('"');
  }

  private void string(String s) {
    Json.string(out, s);
  }

  private void wellKnown(WellKnown w, Object m, MessageAdapter<?> adapter) {
    switch (w) {
      case TIMESTAMP:
        timestamp((Timestamp) m);
        break;
      case DURATION:
        {
          Duration d = (Duration) m;
          String problem = Json.durationProblem(d.getSeconds(), d.getNanos());
          if (problem != null) {
            throw new Failure(problem);
          }
          out.append('"').append(Json.duration(d.getSeconds(), d.getNanos())).append('"');
          break;
        }
      case FIELD_MASK:
        {
          StringBuilder joined = new StringBuilder();
          for (String p : ((FieldMask) m).getPathsList()) {
            if (joined.length() > 0) {
              joined.append(',');
            }
            joined.append(pathToCamel(p));
          }
          string(joined.toString());
          break;
        }
      case EMPTY:
        out.append("{}");
        break;
      case ANY:
        any((Any) m);
        break;
      default:
        // Struct, ListValue, Value and the wrappers are their one set field's value.
        inner(w, m, adapter);
        break;
    }
  }

  /** Struct (its map), ListValue (its list), Value (its set member), a wrapper (its value). */
  private void inner(WellKnown w, Object m, MessageAdapter<?> adapter) {
    Capture c = new Capture();
    adapter.visitObject(m, c, w == WellKnown.WRAPPER);
    if (c.field == null) {
      switch (w) {
        case STRUCT:
          out.append("{}");
          return;
        case LIST_VALUE:
          out.append("[]");
          return;
        case VALUE:
          throw new Failure("google.protobuf.Value with no kind set");
        default:
          throw new Failure("wrapper without a value");
      }
    }
    if (w == WellKnown.VALUE && c.field.kind == Kind.DOUBLE) {
      double d = (Double) c.value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new Failure(
            "google.protobuf.Value holds " + Numbers.rustName(d) + ", which JSON numbers cannot");
      }
    }
    if (w == WellKnown.VALUE && c.field.kind == Kind.ENUM) {
      out.append("null");
      return;
    }
    if (c.field.cardinality == Cardinality.MAP) {
      mapValue(c.field, (Map<?, ?>) c.value, c.adapter);
    } else if (c.field.cardinality == Cardinality.REPEATED) {
      list(c.field.kind, c.field.enumInfo, (List<?>) c.value, c.adapter);
    } else {
      element(c.field.kind, c.field.enumInfo, c.value, c.adapter);
    }
  }

  private void timestamp(Timestamp t) {
    long seconds = t.getSeconds();
    int nanos = t.getNanos();
    switch (timestampForm()) {
      case EPOCH_MILLIS:
        // Truncated toward zero, as the Rust runtime does.
        out.append(
            java.math.BigInteger.valueOf(seconds)
                .multiply(java.math.BigInteger.valueOf(1000))
                .add(java.math.BigInteger.valueOf(nanos / 1_000_000)));
        return;
      case EPOCH_SECONDS:
        epochSeconds(seconds, nanos);
        return;
      default:
        break;
    }
    String problem = Json.timestampProblem(seconds, nanos);
    if (problem != null) {
      throw new Failure(problem);
    }
    out.append('"');
    Json.appendTimestamp(out, seconds, nanos);
    out.append('"');
  }

  private void epochSeconds(long seconds, int nanos) {
    if (nanos == 0) {
      out.append(seconds);
      return;
    }
    long whole = seconds;
    long frac = nanos;
    if (seconds < 0) {
      out.append('-');
      whole = -(seconds + 1);
      frac = 1_000_000_000L - nanos;
    }
    out.append(whole).append('.');
    int digits = 9;
    while (digits > 1 && frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    Json.nineDigits(out, frac * pow10(9 - digits), digits);
  }

  private static String pathToCamel(String path) {
    StringBuilder out = new StringBuilder(path.length());
    boolean upper = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        throw new Failure("field mask path `" + path + "` has an uppercase letter");
      }
      if (c == '_') {
        if (upper) {
          throw new Failure("field mask path `" + path + "` has `__`");
        }
        upper = true;
      } else if (upper) {
        if (c < 'a' || c > 'z') {
          throw new Failure("field mask path `" + path + "` has `_` before a non-letter");
        }
        out.append((char) (c - 32));
        upper = false;
      } else {
        out.append(c);
      }
    }
    if (upper) {
      throw new Failure("field mask path `" + path + "` ends in `_`");
    }
    return out.toString();
  }

  private void any(Any a) {
    String url = a.getTypeUrl();
    ByteString bytes = a.getValue();
    if (url.isEmpty() && bytes.isEmpty()) {
      out.append("{}");
      return;
    }
    String name = url.substring(url.lastIndexOf('/') + 1);
    MessageAdapter<?> adapter = types.adapter(name);
    if (adapter == null) {
      throw new Failure("unknown type `" + url + "` in an Any");
    }
    Object inner;
    try {
      inner = adapter.parseObject(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new Failure("binary " + name + ": " + e.getMessage());
    }
    out.append("{\"@type\":");
    string(url);
    if (adapter.wellKnown() != null) {
      out.append(",\"value\":");
      message(inner, adapter);
    } else {
      boolean outer = first;
      FieldInfo outerField = field;
      first = false;
      adapter.visitObject(inner, this, options.emitDefaults);
      first = outer;
      field = outerField;
    }
    out.append('}');
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
