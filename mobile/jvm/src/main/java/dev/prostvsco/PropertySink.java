package dev.prostvsco;

/**
 * Where {@link VendorProperties#writeTo} puts an event's properties: a few lines connect a
 * vendor SDK. Values are {@code Boolean}, {@code Long}, {@code Double}, {@code String}, {@code
 * List<Object>} or {@code Map<String, Object>} (only as the profile allows: Firebase's
 * properties are never lists, maps or booleans).
 *
 * <pre>{@code
 * // Firebase: a Bundle
 * Bundle bundle = new Bundle();
 * props.writeTo((key, v) -> {
 *   if (v instanceof Long) bundle.putLong(key, (Long) v);
 *   else if (v instanceof Double) bundle.putDouble(key, (Double) v);
 *   else bundle.putString(key, String.valueOf(v));
 * });
 * analytics.logEvent(props.eventName(), bundle);
 *
 * // Mixpanel: a JSONObject
 * JSONObject json = new JSONObject();
 * props.writeTo((key, v) -> json.put(key,
 *     v instanceof Map ? new JSONObject((Map<?, ?>) v)
 *         : v instanceof List ? new JSONArray((List<?>) v) : v));
 * mixpanel.track(props.eventName(), json);
 *
 * // Amplitude and Segment take maps
 * amplitude.track(props.eventName(), props.properties());
 * }</pre>
 */
@FunctionalInterface
public interface PropertySink {
  void put(String key, Object value);

}
