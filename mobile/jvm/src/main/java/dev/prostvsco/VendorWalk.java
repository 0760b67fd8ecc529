package dev.prostvsco;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flattening walk of the Rust runtime's {@code vendor::walk}, over {@link
 * MessageAdapter#visit}: one pass over the set fields in number order, keys from the profile's
 * rules, values converted and checked, every change recorded.
 */
final class VendorWalk {
  private final Profile p;
  private final boolean pii;
  /** How many keys made from data (list indexes, map keys) the walk is below. */
  private int dataPrefix;
  private String eventName;
  /**
   * How a custom profile's rules changed {@link #eventName}: kept with the name, since an event
   * member's name replaces the envelope's, and put first in the adjustments at the end.
   */
  private List<Adjustment> eventNameChanges = new ArrayList<>();
  private final List<Adjustment> adjustments = new ArrayList<>();
  /** The keys of the nested objects and list elements being filled, each followed by {@code .}. */
  private final StringBuilder scope = new StringBuilder();

  /** The walk stopped on an error (only under {@link Profile.OnViolation#ERROR}, or a bad name). */
  private static final class Halt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Halt(String message) {
      super(message, null, false, false);
    }
  }

  /** A property list in order (keys may repeat until {@link #dedupe}). */
  private static final class Entries {
    final List<String> keys = new ArrayList<>();
    final List<Object> values = new ArrayList<>();

    void add(String key, Object value) {
      keys.add(key);
      values.add(value);
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        map.put(keys.get(i), values.get(i));
      }
      return map;
    }
  }

  private VendorWalk(Profile p, boolean pii) {
    this.p = p;
    this.pii = pii;
  }

  static VendorProperties properties(
      Object message, MessageAdapter<?> adapter, Profile profile, boolean pii)
      throws VendorException {
    VendorWalk w = new VendorWalk(profile, pii);
    Entries out = new Entries();
    try {
      w.ownEventName(adapter);
      w.message(message, adapter, null, 1, true, out);
      w.dedupe(out);
      int max = profile.maxProperties;
      if (max > 0 && out.keys.size() > max) {
        List<String> over = new ArrayList<>(out.keys.subList(max, out.keys.size()));
        out.keys.subList(max, out.keys.size()).clear();
        out.values.subList(max, out.values.size()).clear();
        for (String key : over) {
          w.violation(key, Adjustment.Reason.COUNT_LIMIT, null, 0, max);
        }
      }
    } catch (Halt h) {
      throw new VendorException(h.getMessage());
    }
    if (w.eventName == null) {
      throw new VendorException(
          adapter.fullName
              + ": no event name: the message is not marked `event` and no event message is"
              + " set in its oneofs");
    }
    List<Adjustment> adjustments = w.eventNameChanges;
    adjustments.addAll(w.adjustments);
    return new VendorProperties(w.eventName, out.toMap(), adjustments);
  }

  /**
   * Takes the event name the message gives itself as the event's, when it gives one. No plugin
   * check saw a custom profile: a rewrite or cut of the name by its rules is recorded, as the
   * Rust runtime records it.
   */
  private void ownEventName(MessageAdapter<?> adapter) {
    String raw = adapter.eventName();
    if (raw == null) {
      return;
    }
    Keys.Check c = Keys.checkEventName(p, raw);
    if (c.problem != null) {
      String problem =
          c.problem == Keys.Problem.TOO_LONG
              ? "is " + c.len + " long, over the limit of " + c.max
              : c.problem.text;
      throw new Halt("profile `" + p.name + "`: event name `" + raw + "` " + problem);
    }
    eventName = c.key;
    eventNameChanges = new ArrayList<>();
    if (p.builtin == null && c.rewritten) {
      eventNameChanges.add(Adjustment.eventNameRewritten(c.key, raw));
    }
    if (p.builtin == null && c.truncated) {
      eventNameChanges.add(Adjustment.eventNameTruncated(c.key, Keys.clean(p, raw).key));
    }
  }

  private String full(String key) {
    return scope.length() == 0 ? key : scope + key;
  }

  private int enter(String key) {
    int len = scope.length();
    scope.append(key).append('.');
    return len;
  }

  private void leave(int len) {
    scope.setLength(len);
  }

  private void violation(
      String key, Adjustment.Reason reason, Keys.Problem problem, int len, int max) {
    Adjustment a = Adjustment.dropped(full(key), reason, problem, len, max);
    if (p.onViolation == Profile.OnViolation.ERROR) {
      throw new Halt("profile `" + p.name + "`: property `" + a.key + "`: " + a.reasonText());
    }
    adjustments.add(a);
  }

  private void depthLimit(String key) {
    violation(key, Adjustment.Reason.DEPTH_LIMIT, null, 0, p.maxDepth);
  }

  private void note(Adjustment a) {
    adjustments.add(a);
  }

  /** Keeps the first of entries with the same key; the others are dropped and recorded. */
  private void dedupe(Entries out) {
    Map<String, Boolean> seen = new HashMap<>();
    int n = 0;
    while (n < out.keys.size()) {
      String key = out.keys.get(n);
      if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
        out.keys.remove(n);
        out.values.remove(n);
        violation(key, Adjustment.Reason.DUPLICATE_KEY, null, 0, 0);
      } else {
        n++;
      }
    }
  }

  /** The set fields of {@code message}, keyed under {@code prefix} when flattened. */
  private void message(
      Object message,
      MessageAdapter<?> adapter,
      String prefix,
      int depth,
      boolean root,
      Entries out) {
    adapter.visitObject(message, new Fields(prefix, depth, root, out), false);
  }

  /** Receives one message's fields and sends each to {@link #present}. */
  private final class Fields extends BoxingVisitor {
    final String prefix;
    final int depth;
    final boolean root;
    final Entries out;

    Fields(String prefix, int depth, boolean root, Entries out) {
      this.prefix = prefix;
      this.depth = depth;
      this.root = root;
      this.out = out;
    }

    @Override
    void field(FieldInfo f, Object value, MessageAdapter<?> adapter) {
      present(f, value, adapter, prefix, depth, root, out);
    }
  }

  private void present(
      FieldInfo f,
      Object value,
      MessageAdapter<?> adapter,
      String prefix,
      int depth,
      boolean root,
      Entries out) {
    if (f.omitFromMap) {
      return;
    }
    boolean message = f.kind == Kind.MESSAGE && f.cardinality != Cardinality.REPEATED
        && f.cardinality != Cardinality.MAP;
    if (root && f.inOneof && message && adapter.eventName() != null) {
      ownEventName(adapter);
      message(value, adapter, prefix, depth, false, out);
      return;
    }
    String written = Keys.segment(p, f.name, f.vendorKey);
    Keys.Check seg = Keys.clean(p, written);
    String raw = prefix == null ? seg.key : prefix + p.separator + seg.key;
    Keys.Check c = Keys.checkCleanKey(p, raw);
    if (f.pii && !pii) {
      return;
    }
    if (c.problem != null) {
      violation(raw, Adjustment.Reason.INVALID_KEY, c.problem, c.len, c.max);
      return;
    }
    // No plugin check saw a custom profile: its rewrites of the schema's keys are recorded
    // here, as the Rust runtime records them. A cut below a key made from data (a list
    // index, a map key) depends on the data: recorded for every profile.
    if (p.builtin == null && seg.rewritten) {
      String from = prefix == null ? written : prefix + p.separator + written;
      note(Adjustment.keyRewritten(full(c.key), from));
    }
    if (c.truncated && (p.builtin == null || dataPrefix > 0)) {
      note(Adjustment.keyTruncated(full(c.key), raw));
    }
    field(c.key, f, value, adapter, depth, out);
  }

  /** One set field's value under {@code key}. */
  private void field(
      String key, FieldInfo f, Object value, MessageAdapter<?> adapter, int depth, Entries out) {
    if (f.cardinality == Cardinality.REPEATED) {
      List<?> list = (List<?>) value;
      if (p.repeated == Profile.Repeated.LIST) {
        listValue(key, f, list, adapter, depth, v -> out.add(key, v));
      } else if (p.repeated == Profile.Repeated.JOINED && f.kind != Kind.MESSAGE) {
        StringBuilder text = new StringBuilder();
        boolean[] first = {true};
        for (Object item : list) {
          scalar(key, f.kind, f.enumInfo, item, false, v -> {
            if (!first[0]) {
              text.append(p.joinSeparator);
            }
            first[0] = false;
            pushText(text, v);
          });
        }
        string(key, text.toString(), v -> out.add(key, v));
      } else {
        for (int n = 0; n < list.size(); n++) {
          String k = dynamicKey(key, Integer.toString(n));
          if (k != null) {
            dataPrefix++;
            single(k, f, list.get(n), adapter, depth, out);
            dataPrefix--;
          }
        }
      }
      return;
    }
    if (f.cardinality == Cardinality.MAP) {
      Iterable<Map.Entry<?, ?>> entries = MapKeys.sorted(f.mapKey, (Map<?, ?>) value);
      if (p.maps == Profile.Maps.OBJECT) {
        if (depth + 1 > p.maxDepth) {
          depthLimit(key);
          return;
        }
        Entries object = new Entries();
        int scoped = enter(key);
        for (Map.Entry<?, ?> e : entries) {
          String k = objectKey(keyText(f.mapKey, e.getKey()));
          if (k != null) {
            single(k, f, e.getValue(), adapter, depth + 1, object);
          }
        }
        dedupe(object);
        leave(scoped);
        out.add(key, object.toMap());
      } else {
        for (Map.Entry<?, ?> e : entries) {
          String k = dynamicKey(key, keyText(f.mapKey, e.getKey()));
          if (k != null) {
            dataPrefix++;
            single(k, f, e.getValue(), adapter, depth, out);
            dataPrefix--;
          }
        }
      }
      return;
    }
    single(key, f, value, adapter, depth, out);
  }

  /** A single value (a singular field, or an element of a list or map) of {@code f}'s kind. */
  private void single(
      String key, FieldInfo f, Object value, MessageAdapter<?> adapter, int depth, Entries out) {
    if (f.kind != Kind.MESSAGE) {
      scalar(key, f.kind, f.enumInfo, value, true, v -> out.add(key, v));
      return;
    }
    WellKnown w = adapter.wellKnown();
    if (w == WellKnown.STRUCT || w == WellKnown.LIST_VALUE || w == WellKnown.VALUE
        || w == WellKnown.WRAPPER) {
      Capture c = unwrap(value, adapter);
      if (c != null) {
        field(key, c.field, c.value, c.adapter, depth, out);
      }
      return;
    }
    if (w == WellKnown.TIMESTAMP || w == WellKnown.DURATION || w == WellKnown.EMPTY) {
      special(key, w, value, v -> out.add(key, v));
      return;
    }
    if (depth + 1 > p.maxDepth) {
      depthLimit(key);
      return;
    }
    if (p.nesting == Profile.Nesting.FLATTEN) {
      message(value, adapter, key, depth + 1, false, out);
    } else {
      Entries object = new Entries();
      int scoped = enter(key);
      message(value, adapter, null, depth + 1, false, object);
      dedupe(object);
      leave(scoped);
      out.add(key, object.toMap());
    }
  }

  /**
   * What a Struct (its map), ListValue (its list), Value (its set member; nothing for {@code
   * null_value}) or wrapper (its value) holds, as a field.
   */
  private static Capture unwrap(Object value, MessageAdapter<?> adapter) {
    Capture c = new Capture();
    WellKnown w = adapter.wellKnown();
    adapter.visitObject(value, c, w != WellKnown.VALUE);
    if (c.field == null || (w == WellKnown.VALUE && c.field.kind == Kind.ENUM)) {
      return null;
    }
    return c;
  }

  private String dynamicKey(String parent, String part) {
    Keys.Check cleaned = Keys.clean(p, part);
    String raw = parent + p.separator + cleaned.key;
    String from = cleaned.rewritten ? parent + p.separator + part : null;
    return checked(raw, from, true);
  }

  private String objectKey(String part) {
    return checked(part, null, false);
  }

  private String checked(String raw, String from, boolean cleanParts) {
    Keys.Check c = cleanParts ? Keys.checkCleanKey(p, raw) : Keys.checkKey(p, raw);
    if (c.problem != null) {
      violation(raw, Adjustment.Reason.INVALID_KEY, c.problem, c.len, c.max);
      return null;
    }
    boolean rewritten = c.rewritten || from != null;
    String key = c.key;
    if (rewritten) {
      note(Adjustment.keyRewritten(full(key), from != null ? from : raw));
    }
    if (c.truncated) {
      note(Adjustment.keyTruncated(full(key), raw));
    }
    return key;
  }

  /** Where a value goes. */
  private interface Sink {
    void put(Object value);
  }

  private void listValue(
      String key, FieldInfo f, List<?> items, MessageAdapter<?> adapter, int depth, Sink sink) {
    if (depth + 1 > p.maxDepth) {
      depthLimit(key);
      return;
    }
    List<Object> values = new ArrayList<>();
    for (int n = 0; n < items.size(); n++) {
      element(key + "[" + n + "]", f.kind, f.enumInfo, items.get(n), adapter, depth + 1, values);
    }
    sink.put(values);
  }

  /** A list element standing alone, at {@code depth}. */
  private void element(
      String key,
      Kind kind,
      EnumInfo info,
      Object value,
      MessageAdapter<?> adapter,
      int depth,
      List<Object> out) {
    if (kind != Kind.MESSAGE) {
      scalar(key, kind, info, value, true, out::add);
      return;
    }
    WellKnown w = adapter.wellKnown();
    if (w == WellKnown.STRUCT || w == WellKnown.LIST_VALUE || w == WellKnown.VALUE
        || w == WellKnown.WRAPPER) {
      Capture c = unwrap(value, adapter);
      if (c == null) {
        return;
      }
      FieldInfo inner = c.field;
      if (inner.cardinality == Cardinality.REPEATED) {
        listValue(key, inner, (List<?>) c.value, c.adapter, depth, out::add);
      } else if (inner.cardinality == Cardinality.MAP) {
        if (depth + 1 > p.maxDepth) {
          depthLimit(key);
          return;
        }
        Entries object = new Entries();
        int scoped = enter(key);
        for (Map.Entry<?, ?> e : MapKeys.sorted(inner.mapKey, (Map<?, ?>) c.value)) {
          String k = objectKey(keyText(inner.mapKey, e.getKey()));
          if (k != null) {
            single(k, inner, e.getValue(), c.adapter, depth + 1, object);
          }
        }
        dedupe(object);
        leave(scoped);
        out.add(object.toMap());
      } else {
        element(key, inner.kind, inner.enumInfo, c.value, c.adapter, depth, out);
      }
      return;
    }
    if (w == WellKnown.TIMESTAMP || w == WellKnown.DURATION || w == WellKnown.EMPTY) {
      special(key, w, value, out::add);
      return;
    }
    if (depth + 1 > p.maxDepth) {
      depthLimit(key);
      return;
    }
    Entries object = new Entries();
    int scoped = enter(key);
    message(value, adapter, null, depth + 1, false, object);
    dedupe(object);
    leave(scoped);
    out.add(object.toMap());
  }

  /** A scalar or enum in the vendor's types; {@code limit}: strings under the length rule. */
  private void scalar(
      String key, Kind kind, EnumInfo info, Object value, boolean limit, Sink sink) {
    String text;
    switch (kind) {
      case BOOL:
        {
          boolean b = (Boolean) value;
          switch (p.bools) {
            case BOOL:
              sink.put(b);
              return;
            case INT:
              sink.put(b ? 1L : 0L);
              return;
            default:
              text = b ? "true" : "false";
          }
          break;
        }
      case INT32:
        sink.put((long) (Integer) value);
        return;
      case UINT32:
        sink.put(Integer.toUnsignedLong((Integer) value));
        return;
      case INT64:
        sink.put((Long) value);
        return;
      case UINT64:
        {
          long v = (Long) value;
          switch (p.u64s) {
            case INT_OR_STRING:
              if (v >= 0) {
                sink.put(v);
                return;
              }
              note(Adjustment.coerced(full(key), Adjustment.Coercion.U64_TO_STRING));
              text = Long.toUnsignedString(v);
              break;
            case STRING:
              text = Long.toUnsignedString(v);
              break;
            default:
              {
                BigInteger exact = Unsigned.toBigInteger(v);
                double d = exact.doubleValue();
                if (new BigDecimal(d).toBigInteger().compareTo(exact) != 0) {
                  note(Adjustment.coerced(full(key), Adjustment.Coercion.U64_TO_DOUBLE));
                }
                sink.put(d);
                return;
              }
          }
          break;
        }
      case FLOAT:
        dbl(key, (double) (Float) value, limit, sink);
        return;
      case DOUBLE:
        dbl(key, (Double) value, limit, sink);
        return;
      case STRING:
        text = (String) value;
        break;
      case BYTES:
        {
          ByteString b = (ByteString) value;
          switch (p.bytes) {
            case BASE64:
              text = Base64.getEncoder().encodeToString(b.toByteArray());
              break;
            case HEX:
              text = Json.hex(b);
              break;
            default:
              return;
          }
          break;
        }
      case ENUM:
        {
          int number = EnumInfo.numberOf(value);
          String name = info == null ? null : info.name(number);
          if (name == null) {
            sink.put((long) number);
            return;
          }
          text = name;
          break;
        }
      default:
        return;
    }
    if (limit) {
      string(key, text, sink);
    } else {
      sink.put(text);
    }
  }

  private void dbl(String key, double v, boolean limit, Sink sink) {
    if (!Double.isNaN(v) && !Double.isInfinite(v)) {
      sink.put(v);
      return;
    }
    note(Adjustment.coerced(full(key), Adjustment.Coercion.NON_FINITE));
    String text = Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    // A string like any other: under the length limit (but for a part of a joined string,
    // which is limited whole).
    if (limit) {
      string(key, text, sink);
    } else {
      sink.put(text);
    }
  }

  /** A string value under the length limit. */
  private void string(String key, String s, Sink sink) {
    int max = p.maxStringLength;
    if (max == 0) {
      sink.put(s);
      return;
    }
    int len = p.lengthUnit.length(s);
    if (len <= max) {
      sink.put(s);
      return;
    }
    if (p.onViolation == Profile.OnViolation.TRUNCATE) {
      note(Adjustment.truncated(full(key), len, max));
      sink.put(s.substring(0, p.lengthUnit.cut(s, max)));
    } else {
      violation(key, Adjustment.Reason.VALUE_TOO_LONG, null, len, max);
    }
  }

  /** Timestamp and Duration have vendor forms of their own; Empty sends nothing. */
  private void special(String key, WellKnown w, Object value, Sink sink) {
    if (w == WellKnown.TIMESTAMP) {
      Timestamp t = (Timestamp) value;
      long seconds = t.getSeconds();
      int nanos = t.getNanos();
      switch (p.timestamps) {
        case EPOCH_MILLIS:
          sink.put(saturatingAdd(saturatingMul1000(seconds), Math.floorDiv(nanos, 1_000_000)));
          return;
        case EPOCH_SECONDS:
          sink.put(seconds + nanos / 1e9);
          return;
        default:
          {
            String text = Json.timestamp(seconds, nanos);
            if (text != null) {
              // A string like any other: under the length limit.
              string(key, text, sink);
            } else {
              note(Adjustment.coerced(full(key), Adjustment.Coercion.OUT_OF_RANGE));
              sink.put(seconds);
            }
            return;
          }
      }
    }
    if (w == WellKnown.DURATION) {
      Duration d = (Duration) value;
      long seconds = d.getSeconds();
      int nanos = d.getNanos();
      switch (p.durations) {
        case MILLIS:
          sink.put(saturatingAdd(saturatingMul1000(seconds), nanos / 1_000_000));
          return;
        case SECONDS:
          sink.put(seconds + nanos / 1e9);
          return;
        default:
          {
            String text = Json.duration(seconds, nanos);
            if (text != null) {
              string(key, text, sink);
            } else {
              note(Adjustment.coerced(full(key), Adjustment.Coercion.OUT_OF_RANGE));
              sink.put(seconds + nanos / 1e9);
            }
            return;
          }
      }
    }
  }

  private static long saturatingMul1000(long v) {
    long hi = Math.multiplyHigh(v, 1000L);
    long lo = v * 1000L;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /** A map key as text: strings as they are, integers in decimal, bools as true / false. */
  private static String keyText(Kind kind, Object key) {
    switch (kind) {
      case UINT32:
        return Integer.toUnsignedString((Integer) key);
      case UINT64:
        return Long.toUnsignedString((Long) key);
      default:
        return String.valueOf(key);
    }
  }

  /** Appends a scalar's text to a joined string (numbers as in JSON). */
  private static void pushText(StringBuilder text, Object v) {
    if (v instanceof Double) {
      text.append(Numbers.shortest((Double) v));
    } else {
      text.append(v);
    }
  }
}
