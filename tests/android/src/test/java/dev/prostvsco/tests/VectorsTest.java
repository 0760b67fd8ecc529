package dev.prostvsco.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ByteString;
import dev.prostvsco.Adjustment;
import dev.prostvsco.EnumValue;
import dev.prostvsco.FieldFormat;
import dev.prostvsco.JsonException;
import dev.prostvsco.JsonOptions;
import dev.prostvsco.KeyStyle;
import dev.prostvsco.Profile;
import dev.prostvsco.VendorException;
import dev.prostvsco.VendorProperties;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import telemetry.v1.EventOuterClass.Event;
import telemetry.v1.EventVsco;
import traces.v1.Traces;
import traces.v1.TracesVsco;

/**
 * The shared vectors (tests/vectors/telemetry.json, written by the Rust runtime): each event
 * decoded with protobuf-javalite must give the same map view and the same legacy JSON.
 */
class VectorsTest {
  private static JsonObject vectors() throws IOException {
    String path = System.getProperty("vectors", "../vectors/telemetry.json");
    return JsonParser.parseString(Files.readString(Path.of(path), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  private static Event event(JsonObject vector) throws IOException {
    return Event.parseFrom(Base64.getDecoder().decode(vector.get("binary").getAsString()));
  }

  /** The option sets of the vectors file, by name (tests/vectors/README.md). */
  static JsonOptions options(String name) {
    JsonOptions c = JsonOptions.CANONICAL;
    switch (name) {
      case "canonical":
        return c;
      case "proto_names":
        return c.withKeys(JsonOptions.Keys.PROTO_NAME);
      case "legacy_keys":
        return c.withKeys(JsonOptions.Keys.LEGACY);
      case "enums_as_numbers":
        return c.withEnums(JsonOptions.Enums.NUMBERS);
      case "int64_as_numbers":
        return c.withInt64(JsonOptions.Int64.NUMBERS);
      case "bytes_as_hex":
        return c.withBytes(JsonOptions.Bytes.HEX);
      case "epoch_millis":
        return c.withTimestamps(JsonOptions.Timestamps.EPOCH_MILLIS);
      case "epoch_seconds":
        return c.withTimestamps(JsonOptions.Timestamps.EPOCH_SECONDS);
      case "emit_defaults":
        return c.withEmitDefaults(true);
      case "legacy_all":
        return c.withKeys(JsonOptions.Keys.LEGACY)
            .withEnums(JsonOptions.Enums.NUMBERS)
            .withInt64(JsonOptions.Int64.NUMBERS)
            .withBytes(JsonOptions.Bytes.HEX)
            .withTimestamps(JsonOptions.Timestamps.EPOCH_MILLIS)
            .withEmitDefaults(true);
      default:
        throw new IllegalArgumentException("option set " + name + " is unknown to this test");
    }
  }

  @Test
  void mapViewsEqualRust() throws IOException {
    int checked = 0;
    for (JsonElement v : vectors().getAsJsonArray("vectors")) {
      JsonObject vector = v.getAsJsonObject();
      Event e = event(vector);
      JsonObject toMap = vector.getAsJsonObject("to_map");
      String name = vector.get("name").getAsString();
      assertEquals(
          owned(toMap.get("proto_name")), EventVsco.asMap(e, KeyStyle.PROTO_NAME), name);
      assertEquals(owned(toMap.get("json_name")), EventVsco.asMap(e, KeyStyle.JSON_NAME), name);
      checked++;
    }
    assertTrue(checked >= 20, "only " + checked + " vectors");
    System.out.println("map views: " + checked + " vectors x 2 key styles equal Rust's");
  }

  /** A vector's message, written as JSON under some options. */
  private interface JsonWriter {
    String write(JsonOptions options) throws JsonException;

    /** One write, for {@code assertThrows}. */
    interface Call {
      void run() throws JsonException;
    }
  }

  /**
   * Checks that {@code write} is refused with the Rust runtime's text: the same path and
   * words, but for the field-format errors, which name each language's own API and say the
   * rest in its words (only their paths are compared).
   */
  private static void refusal(JsonObject expected, JsonWriter.Call write, String where) {
    String rust = expected.get("error").getAsString();
    JsonException err = assertThrows(JsonException.class, write::run, where);
    if (where.contains("field_format_")) {
      assertEquals(rust.substring(0, rust.indexOf(": ")), pathOf(err.getMessage()), where);
    } else {
      assertEquals(rust, err.getMessage(), where);
    }
  }

  /** The path at the start of an error's text. */
  private static String pathOf(String text) {
    int colon = text.indexOf(": ");
    return colon < 0 ? text : text.substring(0, colon);
  }

  /** Checks every option set of the vector's {@code legacy_json}; how many were checked. */
  private static int legacyJsonOf(JsonObject vector, JsonWriter m)
      throws IOException, JsonException {
    String name = vector.get("name").getAsString();
    int checked = 0;
    for (Map.Entry<String, JsonElement> set : vector.getAsJsonObject("legacy_json").entrySet()) {
      JsonOptions options = options(set.getKey());
      String where = name + " / " + set.getKey();
      if (set.getValue().isJsonObject()) {
        refusal(set.getValue().getAsJsonObject(), () -> m.write(options), where);
      } else {
        sameJson(set.getValue().getAsString(), m.write(options), where);
      }
      checked++;
    }
    return checked;
  }

  @Test
  void legacyJsonEqualsRust() throws IOException, JsonException {
    int checked = 0;
    for (JsonElement v : vectors().getAsJsonArray("vectors")) {
      JsonObject vector = v.getAsJsonObject();
      Event e = event(vector);
      checked += legacyJsonOf(vector, options -> EventVsco.toLegacyJson(e, options));
    }
    assertTrue(checked >= 200, "only " + checked + " legacy JSON outputs");
    System.out.println("legacy JSON: " + checked + " outputs equal Rust's");
  }

  /** The {@code vectors} of the file the system property {@code property} names. */
  private static JsonArray vectorsOf(String property, String fallback) throws IOException {
    String path = System.getProperty(property, fallback);
    return JsonParser.parseString(Files.readString(Path.of(path), StandardCharsets.UTF_8))
        .getAsJsonObject()
        .getAsJsonArray("vectors");
  }

  /**
   * One vector of json_formats.json or json_writer.json: its message decoded, as a {@link
   * JsonWriter}.
   */
  private static JsonWriter vectorMessage(JsonObject vector) throws IOException {
    byte[] binary = Base64.getDecoder().decode(vector.get("binary").getAsString());
    String type = vector.get("type").getAsString();
    switch (type) {
      case "telemetry.v1.Event":
        Event e = Event.parseFrom(binary);
        return options -> EventVsco.toLegacyJson(e, options);
      case "traces.v1.Span":
        Traces.Span span = Traces.Span.parseFrom(binary);
        return options -> TracesVsco.toLegacyJson(span, options);
      case "traces.v1.Sample":
        Traces.Sample sample = Traces.Sample.parseFrom(binary);
        return options -> TracesVsco.toLegacyJson(sample, options);
      case "traces.v1.Resource":
        Traces.Resource resource = Traces.Resource.parseFrom(binary);
        return options -> TracesVsco.toLegacyJson(resource, options);
      case "traces.v1.Carrier":
        Traces.Carrier carrier = Traces.Carrier.parseFrom(binary);
        return options -> TracesVsco.toLegacyJson(carrier, options);
      default:
        throw new IllegalArgumentException("type " + type + " is unknown to this test");
    }
  }

  /**
   * Per-field JSON forms (tests/vectors/json_formats.json): hex ids beside base64 bytes, enums
   * as numbers, int64 as numbers, epoch timestamps, set by options and by the json_format
   * parameter, under every option set.
   */
  @Test
  void fieldFormsEqualRust() throws IOException, JsonException {
    int checked = 0;
    for (JsonElement v : vectorsOf("formVectors", "../vectors/json_formats.json")) {
      JsonObject vector = v.getAsJsonObject();
      checked += legacyJsonOf(vector, vectorMessage(vector));
    }
    assertTrue(checked >= 500, "only " + checked + " outputs");
    System.out.println("per-field JSON forms: " + checked + " outputs equal Rust's");
  }

  /** The option sets of tests/vectors/json_writer.json, by name. */
  static JsonOptions writerOptions(String name) {
    JsonOptions c = JsonOptions.CANONICAL;
    JsonOptions fields =
        c.withFieldFormat(
                "telemetry.v1.Event.sequence", FieldFormat.NONE.int64(JsonOptions.Int64.NUMBERS))
            .withFieldFormat(
                "telemetry.v1.Event.upload_cookie", FieldFormat.NONE.bytes(JsonOptions.Bytes.HEX))
            .withFieldFormat(
                "telemetry.v1.Event.sent_at",
                FieldFormat.NONE.timestamps(JsonOptions.Timestamps.EPOCH_SECONDS))
            .withFieldFormat(
                "telemetry.v1.Event.platform", FieldFormat.NONE.enums(JsonOptions.Enums.NUMBERS))
            .withFieldFormat(
                "telemetry.v1.Purchase.currency",
                FieldFormat.NONE.enums(JsonOptions.Enums.NUMBERS))
            .withFieldFormat(
                "traces.v1.Span.trace_id", FieldFormat.NONE.bytes(JsonOptions.Bytes.BASE64))
            .withFieldFormat("traces.v1.Span.kind", FieldFormat.NONE.enums(JsonOptions.Enums.NAMES))
            .withFieldFormat(
                "traces.v1.Span.start_time_unix_nano",
                FieldFormat.NONE.int64(JsonOptions.Int64.NUMBERS))
            .withFieldFormat(
                "traces.v1.Carrier.value", FieldFormat.NONE.bytes(JsonOptions.Bytes.HEX));
    switch (name) {
      case "pretty":
        return c.withPretty(true);
      case "pretty_legacy_all":
        return options("legacy_all").withPretty(true);
      case "max_depth_0":
        return c.withMaxDepth(0);
      case "max_depth_1":
        return c.withMaxDepth(1);
      case "max_depth_2":
        return c.withMaxDepth(2);
      case "field_formats":
        return fields;
      case "field_formats_pretty":
        return fields.withPretty(true);
      case "field_format_no_such_field":
        return c.withFieldFormat(
                "telemetry.v1.Event.nope", FieldFormat.NONE.bytes(JsonOptions.Bytes.HEX))
            .withFieldFormat("traces.v1.Span.nope", FieldFormat.NONE.bytes(JsonOptions.Bytes.HEX));
      case "field_format_misfit":
        return c.withFieldFormat(
                "telemetry.v1.Event.id", FieldFormat.NONE.bytes(JsonOptions.Bytes.HEX))
            .withFieldFormat(
                "traces.v1.Span.name", FieldFormat.NONE.enums(JsonOptions.Enums.NUMBERS));
      default:
        throw new IllegalArgumentException("option set " + name + " is unknown to this test");
    }
  }

  /**
   * The writer's other switches (tests/vectors/json_writer.json): pretty printing, the nesting
   * limit and run-time field forms, over telemetry events and the per-field forms schema's
   * messages. Pretty output's white space is compared exactly.
   */
  @Test
  void writerSwitchesEqualRust() throws IOException, JsonException {
    int checked = 0;
    int refused = 0;
    for (JsonElement v : vectorsOf("writerVectors", "../vectors/json_writer.json")) {
      JsonObject vector = v.getAsJsonObject();
      JsonWriter m = vectorMessage(vector);
      String name = vector.get("name").getAsString();
      for (Map.Entry<String, JsonElement> set : vector.getAsJsonObject("json").entrySet()) {
        JsonOptions options = writerOptions(set.getKey());
        String where = name + " / " + set.getKey();
        if (set.getValue().isJsonObject()) {
          refusal(set.getValue().getAsJsonObject(), () -> m.write(options), where);
          refused++;
        } else {
          String expected = set.getValue().getAsString();
          String actual = m.write(options);
          sameJson(expected, actual, where);
          assertEquals(layout(expected), layout(actual), where);
        }
        checked++;
      }
    }
    assertTrue(checked >= 250, "only " + checked + " outputs");
    assertTrue(refused >= 50, "only " + refused + " refusals");
    System.out.println(
        "writer switches: " + checked + " outputs equal Rust's (" + refused + " refusals)");
  }

  /** JSON text with every number outside strings as {@code #}: its layout, white space kept. */
  static String layout(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    boolean inNumber = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if ((c >= '0' && c <= '9')
          || c == '-'
          || (inNumber && (c == '+' || c == '.' || c == 'e' || c == 'E'))) {
        if (!inNumber) {
          out.append('#');
        }
        inNumber = true;
      } else {
        inNumber = false;
        inString = c == '"';
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void vendorPropertiesEqualRust() throws IOException {
    JsonObject all = vectors();
    Map<String, Profile> custom = customProfiles(all);
    int checked = 0;
    for (JsonElement v : all.getAsJsonArray("vectors")) {
      JsonObject vector = v.getAsJsonObject();
      Event e = event(vector);
      String name = vector.get("name").getAsString();
      for (String section : new String[] {"vendor", "vendor_with_pii", "vendor_custom"}) {
        boolean pii = section.equals("vendor_with_pii");
        for (Map.Entry<String, JsonElement> entry :
            vector.getAsJsonObject(section).entrySet()) {
          Profile profile =
              section.equals("vendor_custom")
                  ? custom.get(entry.getKey())
                  : Profile.byName(entry.getKey());
          String where = name + " / " + section + " / " + entry.getKey();
          assertTrue(profile != null, where + ": no such profile");
          JsonObject expected = entry.getValue().getAsJsonObject();
          VendorProperties actual;
          try {
            actual =
                pii
                    ? EventVsco.vendorPropertiesWithPii(e, profile)
                    : EventVsco.vendorProperties(e, profile);
          } catch (VendorException err) {
            assertTrue(expected.has("error"), where + ": unexpected error " + err.getMessage());
            assertEquals(expected.get("error").getAsString(), err.getMessage(), where);
            checked++;
            continue;
          }
          assertTrue(!expected.has("error"), where + ": expected " + expected.get("error"));
          assertEquals(expected.get("event_name").getAsString(), actual.eventName(), where);
          List<Object> props = new ArrayList<>();
          for (JsonElement pair : expected.getAsJsonArray("properties")) {
            JsonArray kv = pair.getAsJsonArray();
            props.add(kv.get(0).getAsString() + "=" + typed(vendorValue(kv.get(1))));
          }
          List<Object> got = new ArrayList<>();
          for (Map.Entry<String, Object> p : actual.properties().entrySet()) {
            got.add(p.getKey() + "=" + typed(p.getValue()));
          }
          assertEquals(props, got, where);
          List<String> adjustments = new ArrayList<>();
          for (JsonElement a : expected.getAsJsonArray("adjustments")) {
            adjustments.add(adjustment(a.getAsJsonObject()));
          }
          List<String> gotAdjustments = new ArrayList<>();
          for (Adjustment a : actual.adjustments()) {
            gotAdjustments.add(adjustment(a));
          }
          assertEquals(adjustments, gotAdjustments, where);
          sameJson(expected.get("http_json").getAsString(), actual.toJson(profile), where);
          checked++;
        }
      }
    }
    assertTrue(checked >= 330, "only " + checked + " vendor outputs");
    System.out.println("vendor properties: " + checked + " outputs equal Rust's");
  }

  /**
   * The vectors file's custom profiles ({@code custom_profiles}), built with this runtime's
   * builder from the knobs the Rust test set: enum values in snake case, lengths as numbers.
   */
  private static Map<String, Profile> customProfiles(JsonObject all) {
    Map<String, Profile> out = new java.util.LinkedHashMap<>();
    for (JsonElement element : all.getAsJsonArray("custom_profiles")) {
      JsonObject spec = element.getAsJsonObject();
      String name = spec.get("name").getAsString();
      Profile.Builder b = Profile.builder(name, Profile.byName(spec.get("base").getAsString()));
      for (String knob : spec.keySet()) {
        JsonElement v = spec.get(knob);
        switch (knob) {
          case "name":
          case "base":
          case "separator":
          case "join_separator":
          case "string_length_unit":
            break;
          case "key_case":
            b.keyCase(Profile.KeyCase.valueOf(upper(v)));
            break;
          case "nesting":
            b.nesting(
                Profile.Nesting.valueOf(upper(v)), spec.get("separator").getAsString().charAt(0));
            break;
          case "key_charset":
            b.keyCharset(Profile.KeyCharset.valueOf(upper(v)));
            break;
          case "extra_key_chars":
            b.extraKeyChars(v.getAsString());
            break;
          case "key_starts_with_letter":
            b.keyStartsWithLetter(v.getAsBoolean());
            break;
          case "strip_leading":
            b.stripLeading(v.getAsString());
            break;
          case "max_key_len":
            b.maxKeyLength(v.getAsInt());
            break;
          case "key_length_unit":
            b.keyLengthUnit(Profile.LengthUnit.valueOf(upper(v)));
            break;
          case "reserved_keys":
            b.reservedKeys(strings(v));
            break;
          case "reserved_prefixes":
            b.reservedPrefixes(strings(v));
            break;
          case "max_event_name_len":
            b.maxEventNameLength(v.getAsInt());
            break;
          case "reserved_event_names":
            b.reservedEventNames(strings(v));
            break;
          case "bools":
            b.bools(Profile.Bools.valueOf(upper(v)));
            break;
          case "u64s":
            b.u64s(Profile.U64s.valueOf(upper(v)));
            break;
          case "max_string_len":
            b.maxStringLength(
                v.getAsInt(), Profile.LengthUnit.valueOf(upper(spec.get("string_length_unit"))));
            break;
          case "max_properties":
            b.maxProperties(v.getAsInt());
            break;
          case "max_depth":
            b.maxDepth(v.getAsInt());
            break;
          case "repeated":
            b.repeated(
                Profile.Repeated.valueOf(upper(v)),
                spec.has("join_separator") ? spec.get("join_separator").getAsString() : ",");
            break;
          case "maps":
            b.maps(Profile.Maps.valueOf(upper(v)));
            break;
          case "bytes":
            b.bytes(Profile.Bytes.valueOf(upper(v)));
            break;
          case "timestamps":
            b.timestamps(Profile.Timestamps.valueOf(upper(v)));
            break;
          case "durations":
            b.durations(Profile.Durations.valueOf(upper(v)));
            break;
          case "on_violation":
            b.onViolation(Profile.OnViolation.valueOf(upper(v)));
            break;
          case "shape":
            b.shape(strings(v)[0], strings(v)[1]);
            break;
          default:
            throw new IllegalArgumentException(name + ": unknown knob " + knob);
        }
      }
      try {
        out.put(name, b.build());
      } catch (Profile.ProfileException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
    }
    assertTrue(out.size() >= 3, "only " + out.size() + " custom profiles");
    return out;
  }

  private static String upper(JsonElement v) {
    return v.getAsString().toUpperCase(java.util.Locale.ROOT);
  }

  private static String[] strings(JsonElement v) {
    JsonArray a = v.getAsJsonArray();
    String[] out = new String[a.size()];
    for (int i = 0; i < a.size(); i++) {
      out[i] = a.get(i).getAsString();
    }
    return out;
  }

  private static String adjustment(JsonObject a) {
    return a.get("key").getAsString()
        + "|" + a.get("kind").getAsString()
        + "|" + (a.has("reason") ? a.get("reason").getAsString() : "")
        + "|" + (a.has("coercion") ? a.get("coercion").getAsString() : "")
        + "|" + (a.has("from") ? a.get("from").getAsString() : "")
        + "|" + (a.has("len") ? a.get("len").getAsInt() + "/" + a.get("max").getAsInt() : "")
        + "|" + a.get("text").getAsString();
  }

  private static String adjustment(Adjustment a) {
    return a.key
        + "|" + a.kindName()
        + "|" + (a.reasonName() != null ? a.reasonName() : "")
        + "|" + (a.coercionName() != null ? a.coercionName() : "")
        + "|" + (a.from != null ? a.from : "")
        + "|" + (a.kind == Adjustment.Kind.VALUE_TRUNCATED ? a.len + "/" + a.max : "")
        + "|" + a;
  }

  /** A property value with the Java type of every part, for comparisons that see types. */
  static String typed(Object v) {
    if (v instanceof List) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : (List<?>) v) {
        out.append(typed(item)).append(' ');
      }
      return out.append(']').toString();
    }
    if (v instanceof Map) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        out.append(e.getKey()).append('=').append(typed(e.getValue())).append(' ');
      }
      return out.append('}').toString();
    }
    return v.getClass().getSimpleName() + ":" + v;
  }

  /** A tagged vendor value as the Java properties hold it. */
  static Object vendorValue(JsonElement tagged) {
    Map.Entry<String, JsonElement> only = tagged.getAsJsonObject().entrySet().iterator().next();
    JsonElement v = only.getValue();
    switch (only.getKey()) {
      case "bool":
        return v.getAsBoolean();
      case "int":
        return Long.parseLong(v.getAsString());
      case "double":
        return v.getAsDouble();
      case "string":
        return v.getAsString();
      case "list":
        {
          List<Object> list = new ArrayList<>();
          for (JsonElement item : v.getAsJsonArray()) {
            list.add(vendorValue(item));
          }
          return list;
        }
      case "object":
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (JsonElement pair : v.getAsJsonArray()) {
            JsonArray kv = pair.getAsJsonArray();
            m.put(kv.get(0).getAsString(), vendorValue(kv.get(1)));
          }
          return m;
        }
      default:
        throw new IllegalArgumentException("unknown tag " + only.getKey());
    }
  }

  /**
   * The same text, except that a number may be spelled differently with the same value
   * (Java's and Rust's shortest double forms differ).
   */
  static void sameJson(String expected, String actual, String where) throws IOException {
    if (expected.equals(actual)) {
      return;
    }
    JsonReader a = new JsonReader(new StringReader(expected));
    JsonReader b = new JsonReader(new StringReader(actual));
    while (true) {
      JsonToken t = a.peek();
      assertEquals(t, b.peek(), where + "\nexpected " + expected + "\nactual   " + actual);
      switch (t) {
        case BEGIN_ARRAY:
          a.beginArray();
          b.beginArray();
          break;
        case END_ARRAY:
          a.endArray();
          b.endArray();
          break;
        case BEGIN_OBJECT:
          a.beginObject();
          b.beginObject();
          break;
        case END_OBJECT:
          a.endObject();
          b.endObject();
          break;
        case NAME:
          assertEquals(a.nextName(), b.nextName(), where + "\n" + actual);
          break;
        case STRING:
          assertEquals(a.nextString(), b.nextString(), where + "\n" + actual);
          break;
        case NUMBER:
          {
            // Equal as doubles, or as floats (a float field printed by Java 11+'s
            // Float.toString may carry a digit more than Rust's shortest form).
            double x = Double.parseDouble(a.nextString());
            double y = Double.parseDouble(b.nextString());
            assertTrue(x == y || (float) x == (float) y, where + ": " + x + " vs " + y);
            break;
          }
        case BOOLEAN:
          assertEquals(a.nextBoolean(), b.nextBoolean(), where);
          break;
        case NULL:
          a.nextNull();
          b.nextNull();
          break;
        case END_DOCUMENT:
          return;
      }
    }
  }

  /** A tagged owned value of the vectors file as the Java map view holds it. */
  static Object owned(JsonElement tagged) {
    Map.Entry<String, JsonElement> only = tagged.getAsJsonObject().entrySet().iterator().next();
    JsonElement v = only.getValue();
    switch (only.getKey()) {
      case "bool":
        return v.getAsBoolean();
      case "int32":
        return v.getAsInt();
      case "uint32":
        return v.getAsLong();
      case "int64":
        return Long.parseLong(v.getAsString());
      case "uint64":
        return new BigInteger(v.getAsString());
      case "float":
        return (float) number(v);
      case "double":
        return number(v);
      case "string":
        return v.getAsString();
      case "bytes":
        return ByteString.copyFrom(Base64.getDecoder().decode(v.getAsString()));
      case "enum":
        {
          JsonObject e = v.getAsJsonObject();
          JsonElement name = e.get("name");
          return new EnumValue(
              e.get("number").getAsInt(), name.isJsonNull() ? null : name.getAsString());
        }
      case "message":
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (JsonElement pair : v.getAsJsonArray()) {
            JsonArray kv = pair.getAsJsonArray();
            m.put(kv.get(0).getAsString(), owned(kv.get(1)));
          }
          return m;
        }
      case "list":
        {
          List<Object> list = new ArrayList<>();
          for (JsonElement item : v.getAsJsonArray()) {
            list.add(owned(item));
          }
          return list;
        }
      case "map":
        {
          Map<Object, Object> m = new LinkedHashMap<>();
          for (JsonElement pair : v.getAsJsonArray()) {
            JsonArray kv = pair.getAsJsonArray();
            m.put(owned(kv.get(0)), owned(kv.get(1)));
          }
          return m;
        }
      default:
        throw new IllegalArgumentException("unknown tag " + only.getKey());
    }
  }

  private static double number(JsonElement v) {
    if (v.getAsJsonPrimitive().isString()) {
      switch (v.getAsString()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw new IllegalArgumentException(v.getAsString());
      }
    }
    return v.getAsDouble();
  }
}
