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
 * same value): members in field-number order, map entries in key order, compact unless
 * {@link JsonOptions#pretty}.
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
  /** The nesting depth of the object or array being filled: 0 for the root's members. */
  private int depth;
  /**
   * The run-time forms ({@link JsonOptions#withFieldFormat}) of the fields of the message being
   * written, by field name; {@code null} when it has none.
   */
  private Map<String, FieldFormat> scope;

  private final boolean pretty;
  private final int depthLimit;
  private final boolean scoped;

  private LegacyJson(JsonOptions options, TypeRegistry types, StringBuilder out) {
    this.options = options;
    this.types = types;
    this.out = out;
    this.pretty = options.pretty;
    this.depthLimit = options.depthLimit();
    this.scoped = !options.fieldFormats.isEmpty();
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
      new LegacyJson(options, types, out).message(message, adapter, 0);
    } catch (Failure f) {
      throw new JsonException(f.text());
    }
    return out.toString();
  }

  /**
   * A {@link JsonException} raised inside a visit (whose methods cannot declare it), with the
   * path to the value that failed, gathered on the way up. Its text is the Rust runtime's:
   * {@code $.user.traits["k"]: what went wrong}.
   */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The path's segments, innermost first ({@code .key}, {@code [3]}, {@code ["k"]}). */
    private final List<String> revPath = new java.util.ArrayList<>();

    Failure(String message) {
      super(message, null, false, false);
    }

    /** A value with no JSON form (the Rust runtime's {@code Unrepresentable}). */
    static Failure unrepresentable(String reason) {
      return new Failure("cannot be written as JSON: " + clip(reason));
    }

    /** The longest piece of data an error repeats, in UTF-8 bytes (the Rust runtime's). */
    private static final int MAX_ECHO = 120;

    /**
     * {@code s}, or its first and last bytes (at character boundaries) around {@code …} with
     * its length, when it is longer than {@link #MAX_ECHO}: as the Rust runtime shortens what
     * an error repeats.
     */
    static String clip(String s) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (b.length <= MAX_ECHO) {
        return s;
      }
      int head = MAX_ECHO * 2 / 3;
      while ((b[head] & 0xC0) == 0x80) {
        head--;
      }
      int tail = b.length - MAX_ECHO / 3;
      while (tail < b.length && (b[tail] & 0xC0) == 0x80) {
        tail++;
      }
      return new String(b, 0, head, java.nio.charset.StandardCharsets.UTF_8)
          + "…"
          + new String(b, tail, b.length - tail, java.nio.charset.StandardCharsets.UTF_8)
          + " ("
          + b.length
          + " bytes)";
    }

    /** This failure, raised under {@code segment}. */
    Failure within(String segment) {
      revPath.add(segment);
      return this;
    }

    String text() {
      StringBuilder path = new StringBuilder("$");
      for (int i = revPath.size() - 1; i >= 0; i--) {
        path.append(revPath.get(i));
      }
      return path.append(": ").append(getMessage()).toString();
    }
  }

  /** {@code m} as a value at {@code depth} (0 for the root). */
  private void message(Object m, MessageAdapter<?> adapter, int depth) {
    WellKnown w = adapter.wellKnown();
    // A wrapper counts no level: the Rust runtime holds it as the plain value it wraps.
    if (w != WellKnown.WRAPPER) {
      within(depth);
    }
    if (w != null) {
      wellKnown(w, m, adapter, depth);
      return;
    }
    out.append('{');
    boolean outer = first;
    FieldInfo outerField = field;
    int outerDepth = this.depth;
    Map<String, FieldFormat> outerScope = scope;
    first = true;
    this.depth = depth;
    if (scoped) {
      scope = overrides(adapter);
    }
    adapter.visitObject(m, this, options.emitDefaults);
    boolean empty = first;
    first = outer;
    field = outerField;
    this.depth = outerDepth;
    scope = outerScope;
    close('}', empty ? 0 : 1, depth);
  }

  /** The run-time forms for the fields of {@code adapter}'s message, checked against them. */
  private Map<String, FieldFormat> overrides(MessageAdapter<?> adapter) {
    Map<String, FieldFormat> chosen = options.fieldFormats.get(adapter.fullName);
    if (chosen == null) {
      return null;
    }
    for (String name : new java.util.TreeSet<>(chosen.keySet())) {
      FieldInfo f = null;
      for (FieldInfo candidate : adapter.fields) {
        if (candidate.name.equals(name)) {
          f = candidate;
        }
      }
      if (f == null) {
        throw new Failure(
            "message "
                + adapter.fullName
                + " has no field `"
                + name
                + "` (JsonOptions.withFieldFormat)");
      }
      String problem = chosen.get(name).misfit(f, adapter.fullName);
      if (problem != null) {
        throw new Failure(problem);
      }
    }
    return chosen;
  }

  /** Fails the write when a value at {@code depth} is deeper than the limit. */
  private void within(int depth) {
    if (depth > depthLimit) {
      throw new Failure("nesting deeper than the limit of " + depthLimit);
    }
  }

  /** A line break and the indentation of an entry at {@code depth}, in pretty mode. */
  private void newline(int depth) {
    if (pretty) {
      out.append('\n');
      for (int i = 0; i < depth * 2; i++) {
        out.append(' ');
      }
    }
  }

  /** Before an element of an array or an entry of a map at {@code depth}. */
  private void separator(int i, int depth) {
    if (i > 0) {
      out.append(',');
    }
    newline(depth);
  }

  /** The closing bracket of a container at {@code depth} that held {@code count} entries. */
  private void close(char bracket, int count, int depth) {
    if (count > 0) {
      newline(depth);
    }
    out.append(bracket);
  }

  /** {@code :} between a key and its value ({@code : } in pretty mode). */
  private void colon() {
    out.append(pretty ? ": " : ":");
  }

  private void key(FieldInfo f) {
    if (!first) {
      out.append(',');
    }
    first = false;
    field = f;
    if (pretty) {
      newline(depth + 1);
      string(options.key(f));
      colon();
      return;
    }
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
    try {
      message(v, adapter, depth + 1);
    } catch (Failure x) {
      throw x.within("." + Failure.clip(options.key(f)));
    }
  }

  @Override
  public void list(FieldInfo f, List<?> values, MessageAdapter<?> adapter) {
    key(f);
    try {
      list(f.kind, f.enumInfo, values, adapter, depth + 1);
    } catch (Failure x) {
      throw x.within("." + Failure.clip(options.key(f)));
    }
  }

  /** A list as a value at {@code depth}. */
  private void list(
      Kind kind, EnumInfo info, List<?> values, MessageAdapter<?> adapter, int depth) {
    within(depth);
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      separator(i, depth + 1);
      try {
        element(kind, info, values.get(i), adapter, depth + 1);
      } catch (Failure x) {
        throw x.within("[" + i + "]");
      }
    }
    close(']', values.size(), depth);
  }

  @Override
  public void map(FieldInfo f, Map<?, ?> entries, MessageAdapter<?> adapter) {
    key(f);
    try {
      mapValue(f, entries, adapter, depth + 1);
    } catch (Failure x) {
      throw x.within("." + Failure.clip(options.key(f)));
    }
  }

  /** A map as a value at {@code depth}. */
  private void mapValue(FieldInfo f, Map<?, ?> entries, MessageAdapter<?> adapter, int depth) {
    within(depth);
    out.append('{');
    int count = 0;
    for (Map.Entry<?, ?> e : MapKeys.sorted(f.mapKey, entries)) {
      separator(count, depth + 1);
      count++;
      Object k = e.getKey();
      String key;
      switch (f.mapKey) {
        case UINT32:
          key = Integer.toUnsignedString((Integer) k);
          break;
        case UINT64:
          key = Long.toUnsignedString((Long) k);
          break;
        default:
          key = String.valueOf(k);
          break;
      }
      string(key);
      colon();
      try {
        element(f.kind, f.enumInfo, e.getValue(), adapter, depth + 1);
      } catch (Failure x) {
        StringBuilder segment = new StringBuilder("[");
        Json.string(segment, Failure.clip(key));
        throw x.within(segment.append(']').toString());
      }
    }
    close('}', count, depth);
  }

  /** One boxed element of a list or map value, at {@code depth}. */
  private void element(
      Kind kind, EnumInfo info, Object v, MessageAdapter<?> adapter, int depth) {
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
        message(v, adapter, depth);
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

  /** The forms of the field being written: the run-time choice, then the field's own. */
  private FieldFormat form() {
    if (field == null) {
      return FieldFormat.NONE;
    }
    if (scope == null) {
      return field.json;
    }
    FieldFormat over = scope.get(field.name);
    return over == null ? field.json : over.over(field.json);
  }

  // Each form: the field's choice, else the options'.
  private JsonOptions.Int64 int64Form() {
    JsonOptions.Int64 v = form().int64;
    return v != null ? v : options.int64;
  }

  private JsonOptions.Enums enumForm() {
    JsonOptions.Enums v = form().enums;
    return v != null ? v : options.enums;
  }

  private JsonOptions.Bytes bytesForm() {
    JsonOptions.Bytes v = form().bytes;
    return v != null ? v : options.bytes;
  }

  private JsonOptions.Timestamps timestampForm() {
    JsonOptions.Timestamps v = form().timestamps;
    return v != null ? v : options.timestamps;
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

  private void wellKnown(WellKnown w, Object m, MessageAdapter<?> adapter, int depth) {
    switch (w) {
      case TIMESTAMP:
        timestamp((Timestamp) m);
        break;
      case DURATION:
        {
          Duration d = (Duration) m;
          String problem = Json.durationProblem(d.getSeconds(), d.getNanos());
          if (problem != null) {
            throw Failure.unrepresentable(problem);
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
        // Written like any message without fields, forms for them checked alike.
        if (scoped) {
          overrides(adapter);
        }
        out.append("{}");
        break;
      case ANY:
        any((Any) m, depth);
        break;
      default:
        // Struct, ListValue, Value and the wrappers are their one set field's value.
        inner(w, m, adapter, depth);
        break;
    }
  }

  /**
   * Struct (its map), ListValue (its list), Value (its set member), a wrapper (its value), as a
   * value at {@code depth}.
   */
  private void inner(WellKnown w, Object m, MessageAdapter<?> adapter, int depth) {
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
          throw Failure.unrepresentable("google.protobuf.Value with no kind set");
        default:
          throw Failure.unrepresentable("wrapper without a value");
      }
    }
    if (w == WellKnown.VALUE && c.field.kind == Kind.DOUBLE) {
      double d = (Double) c.value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw Failure.unrepresentable(
            "google.protobuf.Value holds " + Numbers.rustName(d) + ", which JSON numbers cannot");
      }
    }
    if (w == WellKnown.VALUE && c.field.kind == Kind.ENUM) {
      out.append("null");
      return;
    }
    if (c.field.cardinality == Cardinality.MAP) {
      mapValue(c.field, (Map<?, ?>) c.value, c.adapter, depth);
    } else if (c.field.cardinality == Cardinality.REPEATED) {
      list(c.field.kind, c.field.enumInfo, (List<?>) c.value, c.adapter, depth);
    } else {
      element(c.field.kind, c.field.enumInfo, c.value, c.adapter, depth);
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
      throw Failure.unrepresentable(problem);
    }
    out.append('"');
    Json.appendTimestamp(out, seconds, nanos);
    out.append('"');
  }

  private void epochSeconds(long seconds, int nanos) {
    // The fraction's digits need nanos in range, as RFC 3339 does.
    if (nanos < 0 || nanos >= 1_000_000_000) {
      throw Failure.unrepresentable("timestamp nanos " + nanos + " outside 0..999999999");
    }
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
        throw Failure.unrepresentable("field mask path `" + path + "` has an uppercase letter");
      }
      if (c == '_') {
        if (upper) {
          throw Failure.unrepresentable("field mask path `" + path + "` has `__`");
        }
        upper = true;
      } else if (upper) {
        if (c < 'a' || c > 'z') {
          throw Failure.unrepresentable(
              "field mask path `" + path + "` has `_` before a non-letter");
        }
        out.append((char) (c - 32));
        upper = false;
      } else {
        out.append(c);
      }
    }
    if (upper) {
      throw Failure.unrepresentable("field mask path `" + path + "` ends in `_`");
    }
    return out.toString();
  }

  private void any(Any a, int depth) {
    String url = a.getTypeUrl();
    ByteString bytes = a.getValue();
    if (url.isEmpty() && bytes.isEmpty()) {
      out.append("{}");
      return;
    }
    String name = url.substring(url.lastIndexOf('/') + 1);
    MessageAdapter<?> adapter = types.adapter(name);
    if (adapter == null) {
      throw new Failure("type `" + Failure.clip(url) + "` of an Any is not registered");
    }
    Object inner;
    try {
      inner = adapter.parseObject(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new Failure(
          "invalid " + Failure.clip("binary " + name) + ": " + Failure.clip(e.getMessage()));
    }
    out.append('{');
    newline(depth + 1);
    string("@type");
    colon();
    string(url);
    WellKnown w = adapter.wellKnown();
    // Empty has no form of its own inside an Any: the Rust runtime (and protobuf's own JSON
    // printers) write it as a message without fields, with no "value".
    if (w != null && w != WellKnown.EMPTY) {
      out.append(',');
      newline(depth + 1);
      string("value");
      colon();
      // A wrapper's value is a scalar: as in the Rust runtime, no nesting to check.
      if (w == WellKnown.WRAPPER) {
        inner(w, inner, adapter, depth + 1);
      } else {
        try {
          message(inner, adapter, depth + 1);
        } catch (Failure x) {
          throw x.within(".value");
        }
      }
    } else {
      within(depth + 1);
      boolean outer = first;
      FieldInfo outerField = field;
      int outerDepth = this.depth;
      Map<String, FieldFormat> outerScope = scope;
      first = false;
      this.depth = depth;
      if (scoped) {
        scope = overrides(adapter);
      }
      adapter.visitObject(inner, this, options.emitDefaults);
      first = outer;
      field = outerField;
      this.depth = outerDepth;
      scope = outerScope;
    }
    close('}', 1, depth);
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
