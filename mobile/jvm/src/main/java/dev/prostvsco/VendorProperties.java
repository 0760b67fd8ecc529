package dev.prostvsco;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An event's properties for one vendor: its event name, the properties in order, and every
 * {@link Adjustment} the vendor's rules made. The same result as the Rust runtime's {@code
 * vendor_properties} for the same event and profile.
 */
public final class VendorProperties {
  private final String eventName;
  private final Map<String, Object> properties;
  private final List<Adjustment> adjustments;

  VendorProperties(String eventName, Map<String, Object> properties, List<Adjustment> adjustments) {
    this.eventName = eventName;
    this.properties = Collections.unmodifiableMap(properties);
    this.adjustments = Collections.unmodifiableList(adjustments);
  }

  public String eventName() {
    return eventName;
  }

  /**
   * The properties in order: values are {@code Boolean}, {@code Long}, {@code Double}, {@code
   * String}, {@code List<Object>} or an ordered {@code Map<String, Object>}.
   */
  public Map<String, Object> properties() {
    return properties;
  }

  /** What the rules changed, in the order the walk met it. */
  public List<Adjustment> adjustments() {
    return adjustments;
  }

  /** Gives every property to {@code sink}, in order. */
  public void writeTo(PropertySink sink) {
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      sink.put(e.getKey(), e.getValue());
    }
  }

  /**
   * The event as the vendor's HTTP API takes it: {@code {"<name key>":"<event
   * name>","<properties key>":{...}}} (GA4 Measurement Protocol {@code events[]}, Amplitude
   * HTTP V2, Mixpanel {@code /import}, Segment {@code /track}, Braze {@code /users/track}).
   */
  public String toJson(Profile profile) {
    StringBuilder out = new StringBuilder(256);
    out.append('{');
    Json.string(out, profile.shapeNameKey);
    out.append(':');
    Json.string(out, eventName);
    out.append(',');
    Json.string(out, profile.shapePropertiesKey);
    out.append(':');
    object(out, properties);
    out.append('}');
    return out.toString();
  }

  private static void object(StringBuilder out, Map<?, ?> entries) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      Json.string(out, (String) e.getKey());
      out.append(':');
      value(out, e.getValue());
    }
    out.append('}');
  }

  private static void value(StringBuilder out, Object v) {
    if (v instanceof String) {
      Json.string(out, (String) v);
    } else if (v instanceof Double) {
      double d = (Double) v;
      out.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : Numbers.shortest(d));
    } else if (v instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object item : (List<?>) v) {
        if (!first) {
          out.append(',');
        }
        first = false;
        value(out, item);
      }
      out.append(']');
    } else if (v instanceof Map) {
      object(out, (Map<?, ?>) v);
    } else {
      out.append(v);
    }
  }

  @Override
  public String toString() {
    return eventName + " " + properties + (adjustments.isEmpty() ? "" : " " + adjustments);
  }
}
