package dev.prostvsco;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owned map view of a message, the same as the Rust runtime's {@code to_map}: set fields
 * in field-number order, keyed by proto or JSON name; {@code omit_from_map} fields left out at
 * every level (and {@code pii} fields too when redacting).
 *
 * <p>Values: {@code Boolean}; {@code Integer} (int32); {@code Long} (int64, and uint32 read as
 * unsigned); {@code BigInteger} (uint64, exact above 2^63); {@code Float}; {@code Double};
 * {@code String}; {@code ByteString}; {@link EnumValue}; a nested {@code Map<String, Object>}
 * for messages (well-known types too: a {@code Timestamp} is {@code {seconds, nanos}}); {@code
 * List<Object>} for repeated fields; {@code Map<Object, Object>} in key order for map fields.
 * The maps of messages are read-only (copy one into a {@code HashMap} to change it).
 */
public final class AsMap implements FieldVisitor {
  private final KeyStyle keys;
  private final boolean redact;
  private final FieldMap out;

  private AsMap(KeyStyle keys, boolean redact, FieldMap out) {
    this.keys = keys;
    this.redact = redact;
    this.out = out;
  }

  /** The map view of {@code message}. */
  public static <M> Map<String, Object> of(M message, MessageAdapter<M> adapter, KeyStyle keys) {
    return build(message, adapter, keys, false);
  }

  /** {@link #of} without the fields marked {@code pii}, at every level. */
  public static <M> Map<String, Object> redacted(
      M message, MessageAdapter<M> adapter, KeyStyle keys) {
    return build(message, adapter, keys, true);
  }

  /** A nested message's value: a map, or for a wrapper type the value it wraps. */
  private static Object nested(
      Object message, MessageAdapter<?> adapter, KeyStyle keys, boolean redact) {
    if (adapter.wellKnown() == WellKnown.WRAPPER) {
      Capture c = new Capture();
      adapter.visitObject(message, c, true);
      return scalar(c.field.kind, null, c.value);
    }
    return build(message, adapter, keys, redact);
  }

  private static Map<String, Object> build(
      Object message, MessageAdapter<?> adapter, KeyStyle keys, boolean redact) {
    FieldMap out = new FieldMap(adapter.fields.length);
    adapter.visitObject(message, new AsMap(keys, redact, out), false);
    return out;
  }

  /** Left out of this view: {@code omit_from_map}, or {@code pii} when redacting. */
  private boolean leftOut(FieldInfo field) {
    return field.omitFromMap || (redact && field.pii);
  }

  private void put(FieldInfo field, Object value) {
    if (!leftOut(field)) {
      out.add(keys.key(field), value);
    }
  }

  @Override
  public void bool(FieldInfo field, boolean value) {
    put(field, value);
  }

  @Override
  public void int32(FieldInfo field, int value) {
    put(field, value);
  }

  @Override
  public void uint32(FieldInfo field, int value) {
    put(field, Integer.toUnsignedLong(value));
  }

  @Override
  public void int64(FieldInfo field, long value) {
    put(field, value);
  }

  @Override
  public void uint64(FieldInfo field, long value) {
    put(field, Unsigned.toBigInteger(value));
  }

  @Override
  public void float32(FieldInfo field, float value) {
    put(field, value);
  }

  @Override
  public void float64(FieldInfo field, double value) {
    put(field, value);
  }

  @Override
  public void string(FieldInfo field, String value) {
    put(field, value);
  }

  @Override
  public void bytes(FieldInfo field, ByteString value) {
    put(field, value);
  }

  @Override
  public void enumValue(FieldInfo field, int number) {
    put(field, enumValue(field.enumInfo, number));
  }

  @Override
  public <T> void message(FieldInfo field, T value, MessageAdapter<T> adapter) {
    if (leftOut(field)) {
      return;
    }
    put(field, nested(value, adapter, keys, redact));
  }

  @Override
  public void list(FieldInfo field, List<?> values, MessageAdapter<?> adapter) {
    if (leftOut(field)) {
      return;
    }
    List<Object> list = new ArrayList<>(values.size());
    for (Object v : values) {
      list.add(element(field, v, adapter));
    }
    put(field, list);
  }

  @Override
  public void map(FieldInfo field, Map<?, ?> entries, MessageAdapter<?> adapter) {
    if (leftOut(field)) {
      return;
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : MapKeys.sorted(field.mapKey, entries)) {
      map.put(scalar(field.mapKey, null, e.getKey()), element(field, e.getValue(), adapter));
    }
    put(field, map);
  }

  private Object element(FieldInfo field, Object v, MessageAdapter<?> adapter) {
    if (field.kind == Kind.MESSAGE) {
      return nested(v, adapter, keys, redact);
    }
    return scalar(field.kind, field.enumInfo, v);
  }

  /** A boxed javalite value of {@code kind} as the map view holds it. */
  static Object scalar(Kind kind, EnumInfo info, Object v) {
    switch (kind) {
      case UINT32:
        return Integer.toUnsignedLong((Integer) v);
      case UINT64:
        return Unsigned.toBigInteger((Long) v);
      case ENUM:
        return enumValue(info, EnumInfo.numberOf(v));
      default:
        return v;
    }
  }

  static EnumValue enumValue(EnumInfo info, int number) {
    return new EnumValue(number, info == null ? null : info.name(number));
  }

}
