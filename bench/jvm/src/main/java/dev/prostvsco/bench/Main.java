package dev.prostvsco.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.prostvsco.EnumValue;
import dev.prostvsco.JsonOptions;
import dev.prostvsco.KeyStyle;
import dev.prostvsco.Profile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import telemetry.v1.EventOuterClass.Event;
import telemetry.v1.EventVsco;

/**
 * Checks that each pair of {@link AdapterBenchmark} computes the same thing, runs it with JMH
 * and prints {@code ratio <pair> <peer time / our time>} lines (bigger is better for ours).
 * Exits 1 when a pair disagrees or a benchmark fails.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Event event = ExampleEvent.event();
    List<String> problems = new ArrayList<>();
    // Ours leaves out the fields the schema marks omit_from_map (upload_cookie here), which an
    // app's reflective map knows nothing about: the peer's map is compared without them.
    diff(
        "asMap",
        normalise(EventVsco.asMap(event, KeyStyle.JSON_NAME)),
        normalise(ReflectiveMap.of(withoutOmitted(event))),
        problems);
    diff(
        "legacyJson",
        tree(JsonParser.parseString(EventVsco.toLegacyJson(event, JsonOptions.CANONICAL))),
        tree(
            JsonParser.parseString(
                JsonFormat.printer().omittingInsignificantWhitespace().print(event))),
        problems);
    // No peer to compare with; it must at least succeed and say something.
    if (EventVsco.vendorProperties(event, Profile.FIREBASE).properties().isEmpty()) {
      problems.add("vendorProperties: no properties");
    }
    if (!problems.isEmpty()) {
      System.out.println("ours and the peer disagree on the example event:");
      for (String p : problems) {
        System.out.println("  " + p);
      }
      System.exit(1);
    }
    System.out.println("ours and the peers agree on the example event (asMap, legacy JSON)");

    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(Pattern.quote(AdapterBenchmark.class.getName() + "."))
                    .shouldFailOnError(true)
                    .build())
            .run();
    Map<String, Double> nsPerOp = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      nsPerOp.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    System.out.println();
    for (String name :
        new String[] {
          "asMapOurs",
          "asMapGetAllFields",
          "legacyJsonOurs",
          "legacyJsonJsonFormat",
          "vendorPropertiesOurs"
        }) {
      System.out.printf(Locale.ROOT, "%-22s %10.1f ns/op%n", name, score(nsPerOp, name));
    }
    ratio("asMap_vs_getAllFields", nsPerOp, "asMapGetAllFields", "asMapOurs");
    ratio("legacyJson_vs_JsonFormat", nsPerOp, "legacyJsonJsonFormat", "legacyJsonOurs");
  }

  private static double score(Map<String, Double> nsPerOp, String name) {
    Double s = nsPerOp.get(name);
    if (s == null) {
      throw new IllegalStateException("JMH gave no result for " + name);
    }
    return s;
  }

  private static void ratio(String label, Map<String, Double> nsPerOp, String peer, String ours) {
    System.out.printf(
        Locale.ROOT, "ratio %s %.2f%n", label, score(nsPerOp, peer) / score(nsPerOp, ours));
  }

  /** {@code m} without its omit_from_map fields, at every level (map values too). */
  private static Message withoutOmitted(Message m) {
    Message.Builder b = m.toBuilder();
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (f.getOptions().getExtension(prost_vsco.Options.field).getOmitFromMap()) {
        b.clearField(f);
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (f.isRepeated()) {
          b.clearField(f);
          for (Object v : (List<?>) e.getValue()) {
            b.addRepeatedField(f, withoutOmitted((Message) v));
          }
        } else {
          b.setField(f, withoutOmitted((Message) e.getValue()));
        }
      }
    }
    return b.build();
  }

  /**
   * A map view with the representation differences of the two sides removed: ours gives
   * uint32 as Long, uint64 as BigInteger and enums as {@link EnumValue}, reflection Integer,
   * Long and the name. (Reflection's uint32 and uint64 are signed, so values with the top bit
   * set would differ; the example has none.)
   */
  private static Object normalise(Object v) {
    if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        out.put(normalise(e.getKey()), normalise(e.getValue()));
      }
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(normalise(e));
      }
      return out;
    }
    if (v instanceof EnumValue) {
      return ((EnumValue) v).name;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      return new BigInteger(v.toString());
    }
    return v;
  }

  /** A JSON tree as maps, lists and values; numbers by value, so that 25 equals 25.0. */
  private static Object tree(JsonElement e) {
    if (e.isJsonObject()) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> m : ((JsonObject) e).entrySet()) {
        out.put(m.getKey(), tree(m.getValue()));
      }
      return out;
    }
    if (e.isJsonArray()) {
      List<Object> out = new ArrayList<>();
      for (JsonElement m : (JsonArray) e) {
        out.add(tree(m));
      }
      return out;
    }
    if (e.isJsonNull()) {
      return null;
    }
    JsonPrimitive p = (JsonPrimitive) e;
    if (p.isNumber()) {
      return p.getAsBigDecimal().stripTrailingZeros();
    }
    return p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString();
  }

  /** Appends to {@code out} where {@code ours} and {@code peer} differ, by path. */
  private static void diff(String path, Object ours, Object peer, List<String> out) {
    if (ours instanceof Map && peer instanceof Map) {
      Map<?, ?> a = (Map<?, ?>) ours;
      Map<?, ?> b = (Map<?, ?>) peer;
      Set<Object> keys = new LinkedHashSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (Object k : keys) {
        String at = path + "." + k;
        if (!b.containsKey(k)) {
          out.add(at + ": only in ours (" + show(a.get(k)) + ")");
        } else if (!a.containsKey(k)) {
          out.add(at + ": only in the peer's (" + show(b.get(k)) + ")");
        } else {
          diff(at, a.get(k), b.get(k), out);
        }
      }
    } else if (ours instanceof List && peer instanceof List) {
      List<?> a = (List<?>) ours;
      List<?> b = (List<?>) peer;
      if (a.size() != b.size()) {
        out.add(path + ": " + a.size() + " elements in ours, " + b.size() + " in the peer's");
      } else {
        for (int i = 0; i < a.size(); i++) {
          diff(path + "[" + i + "]", a.get(i), b.get(i), out);
        }
      }
    } else if (!Objects.equals(ours, peer)) {
      out.add(path + ": ours " + show(ours) + ", the peer's " + show(peer));
    }
  }

  private static String show(Object v) {
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
  }
}
