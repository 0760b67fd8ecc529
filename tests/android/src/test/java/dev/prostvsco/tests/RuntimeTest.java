package dev.prostvsco.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.prostvsco.Adjustment;
import dev.prostvsco.FieldFormat;
import dev.prostvsco.JsonException;
import dev.prostvsco.JsonOptions;
import dev.prostvsco.JsonOptions.CaseStyle;
import dev.prostvsco.Profile;
import dev.prostvsco.VendorException;
import dev.prostvsco.VendorProperties;
import org.junit.jupiter.api.Test;
import telemetry.v1.Bodies.AppOpen;
import telemetry.v1.Bodies.Search;
import telemetry.v1.EventOuterClass.Event;
import telemetry.v1.EventVsco;

/** The JVM runtime's rules and errors, beyond what the vectors cover. */
class RuntimeTest {
  @Test
  void caseStylesAsTheRustRuntime() {
    String[][] cases = {
      {"session_id", "session_id", "sessionId", "SessionId", "session-id", "SESSION_ID"},
      {"ip_v4_addr", "ip_v4_addr", "ipV4Addr", "IpV4Addr", "ip-v4-addr", "IP_V4_ADDR"},
      {"userName", "user_name", "userName", "UserName", "user-name", "USER_NAME"},
      {"x", "x", "x", "X", "x", "X"},
    };
    CaseStyle[] styles = {
      CaseStyle.SNAKE, CaseStyle.CAMEL, CaseStyle.PASCAL, CaseStyle.KEBAB,
      CaseStyle.SCREAMING_SNAKE
    };
    for (String[] c : cases) {
      for (int i = 0; i < styles.length; i++) {
        assertEquals(c[i + 1], styles[i].apply(c[0]), c[0] + " as " + styles[i]);
      }
    }
  }

  @Test
  void jsonKeysInACaseStyle() throws JsonException {
    Event e = Event.newBuilder().setSessionId("s").setSchemaVersion(2).build();
    assertEquals(
        "{\"session-id\":\"s\",\"schema-version\":2}",
        EventVsco.toLegacyJson(e, JsonOptions.CANONICAL.withCase(CaseStyle.KEBAB)));
  }

  /** Pretty output, the nesting limit and run-time field forms, with the errors they give. */
  @Test
  void writerSwitches() throws JsonException {
    Event e =
        Event.newBuilder()
            .setId("e-1")
            .setSequence(7)
            .setUser(telemetry.v1.Context.User.newBuilder().putTraits("k", "v"))
            .addTags("a")
            .build();
    assertEquals(
        "{\n  \"id\": \"e-1\",\n  \"sequence\": \"7\",\n  \"user\": {\n    \"traits\": {\n"
            + "      \"k\": \"v\"\n    }\n  },\n  \"tags\": [\n    \"a\"\n  ]\n}",
        EventVsco.toLegacyJson(e, JsonOptions.CANONICAL.withPretty(true)));
    assertEquals(
        "{}", EventVsco.toLegacyJson(Event.getDefaultInstance(), JsonOptions.CANONICAL.withPretty(true)));
    // The root is depth 0, `user` 1, its `traits` 2.
    EventVsco.toLegacyJson(e, JsonOptions.CANONICAL.withMaxDepth(2));
    JsonException deep =
        assertThrows(
            JsonException.class,
            () -> EventVsco.toLegacyJson(e, JsonOptions.CANONICAL.withMaxDepth(1)));
    assertEquals("$.user.traits: nesting deeper than the limit of 1", deep.getMessage());
    assertEquals(JsonOptions.MAX_SAFE_DEPTH, JsonOptions.CANONICAL.withMaxDepth(1000).maxDepth);
    JsonOptions numbers =
        JsonOptions.CANONICAL.withFieldFormat(
            ".telemetry.v1.Event.sequence", FieldFormat.NONE.int64(JsonOptions.Int64.NUMBERS));
    assertTrue(EventVsco.toLegacyJson(e, numbers).contains("\"sequence\":7,"));
    JsonException misfit =
        assertThrows(
            JsonException.class,
            () ->
                EventVsco.toLegacyJson(
                    e,
                    numbers.withFieldFormat(
                        "telemetry.v1.Event.sequence",
                        FieldFormat.NONE.enums(JsonOptions.Enums.NUMBERS))));
    assertEquals(
        "$: `enums` applies to enum fields, and `telemetry.v1.Event.sequence` is uint64",
        misfit.getMessage());
    JsonException unknown =
        assertThrows(
            JsonException.class,
            () ->
                EventVsco.toLegacyJson(
                    e,
                    JsonOptions.CANONICAL.withFieldFormat(
                        "telemetry.v1.Event.nope", FieldFormat.NONE.bytes(JsonOptions.Bytes.HEX))));
    assertEquals(
        "$: message telemetry.v1.Event has no field `nope` (JsonOptions.withFieldFormat)",
        unknown.getMessage());
    JsonException stamps =
        assertThrows(
            JsonException.class,
            () ->
                EventVsco.toLegacyJson(
                    e,
                    JsonOptions.CANONICAL.withFieldFormat(
                        "telemetry.v1.Event.device",
                        FieldFormat.NONE.timestamps(JsonOptions.Timestamps.EPOCH_MILLIS))));
    assertEquals(
        "$: `timestamps` applies to google.protobuf.Timestamp fields, and"
            + " `telemetry.v1.Event.device` is message",
        stamps.getMessage());
  }

  @Test
  void unrepresentableTimesAreErrors() {
    Event far =
        Event.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(253_402_300_800L)).build();
    JsonException e =
        assertThrows(JsonException.class, () -> EventVsco.toLegacyJson(far, JsonOptions.CANONICAL));
    assertEquals(
        "$.timestamp: cannot be written as JSON: timestamp seconds 253402300800 outside"
            + " 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z",
        e.getMessage());
    Event open =
        Event.newBuilder()
            .setAppOpen(
                AppOpen.newBuilder()
                    .setStartupTime(Duration.newBuilder().setSeconds(1).setNanos(-5)))
            .build();
    e = assertThrows(JsonException.class, () -> EventVsco.toLegacyJson(open, JsonOptions.CANONICAL));
    assertEquals(
        "$.appOpen.startupTime: cannot be written as JSON: duration nanos -5 do not fit seconds 1",
        e.getMessage());
  }

  @Test
  void timestampsAsJavaTimeWritesThem() throws JsonException {
    java.util.Random random = new java.util.Random(7);
    long min = -62_135_596_800L;
    long max = 253_402_300_799L;
    long[] edges = {min, max, 0, -1, 951_782_400L /* 2000-02-29 */, 4_107_456_000L};
    for (int i = 0; i < 20_000; i++) {
      long seconds =
          i < edges.length ? edges[i] : min + Math.floorMod(random.nextLong(), max - min + 1);
      Event e = Event.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(seconds)).build();
      String expected =
          java.time.format.DateTimeFormatter.ISO_INSTANT.format(
              java.time.Instant.ofEpochSecond(seconds));
      assertEquals(
          "{\"timestamp\":\"" + expected + "\"}",
          EventVsco.toLegacyJson(e, JsonOptions.CANONICAL),
          Long.toString(seconds));
    }
  }

  @Test
  void profilesThatCannotWork() {
    Profile.ProfileException e =
        assertThrows(
            Profile.ProfileException.class,
            () ->
                Profile.builder("dots", Profile.FIREBASE)
                    .nesting(Profile.Nesting.FLATTEN, '.')
                    .build());
    assertEquals(
        "profile `dots`: the nesting separator '.' is not an allowed key character",
        e.getMessage());
    e =
        assertThrows(
            Profile.ProfileException.class,
            () -> Profile.builder("flat", Profile.SEGMENT).maxDepth(0).build());
    assertEquals("profile `flat`: the maximum depth must be at least 1", e.getMessage());
    e =
        assertThrows(
            Profile.ProfileException.class,
            () ->
                Profile.builder("joined", Profile.SEGMENT)
                    .repeated(Profile.Repeated.JOINED, "")
                    .build());
    assertEquals(
        "profile `joined`: the join separator of repeated fields is empty", e.getMessage());
    assertThrows(
        Profile.ProfileException.class,
        () -> Profile.builder("", Profile.SEGMENT).build());
    assertThrows(
        Profile.ProfileException.class,
        () -> Profile.builder("neg", Profile.SEGMENT).maxKeyLength(-1).build());
    e =
        assertThrows(
            Profile.ProfileException.class,
            () -> Profile.builder("same", Profile.SEGMENT).shape("e", "e").build());
    assertEquals(
        "profile `same`: the event shape's name and properties keys are both \"e\"",
        e.getMessage());
    e =
        assertThrows(
            Profile.ProfileException.class,
            () -> Profile.builder("all", Profile.FIREBASE).reservedPrefixes("x_", "").build());
    assertEquals(
        "profile `all`: an empty reserved prefix would reserve every key", e.getMessage());
  }

  private static Event search(String query) {
    return Event.newBuilder().setSearch(Search.newBuilder().setQuery(query).setResultCount(3)).build();
  }

  @Test
  void customProfilesTruncateDropOrFail() throws Exception {
    // 9 UTF-16 units; the cut at 4 would split the surrogate pair of the emoji.
    String query = "abc\uD83D\uDE00defg";
    Profile truncate =
        Profile.builder("short", Profile.SEGMENT)
            .maxStringLength(4, Profile.LengthUnit.UTF16)
            .build();
    VendorProperties p = EventVsco.vendorPropertiesWithPii(search(query), truncate);
    assertEquals("abc", p.properties().get("query"));
    assertEquals("query: value truncated from 9 to 4", p.adjustments().get(0).toString());

    Profile drop =
        Profile.builder("drop", truncate).onViolation(Profile.OnViolation.DROP).build();
    p = EventVsco.vendorPropertiesWithPii(search(query), drop);
    assertTrue(!p.properties().containsKey("query"));
    assertEquals(Adjustment.Reason.VALUE_TOO_LONG, p.adjustments().get(0).reason);

    Profile fail =
        Profile.builder("fail", truncate).onViolation(Profile.OnViolation.ERROR).build();
    VendorException e =
        assertThrows(
            VendorException.class, () -> EventVsco.vendorPropertiesWithPii(search(query), fail));
    assertEquals(
        "profile `fail`: property `query`: the value is 9 long, over the limit of 4",
        e.getMessage());

    // Without consent the pii query is left out, and nothing is recorded for it.
    p = EventVsco.vendorProperties(search(query), fail);
    assertTrue(!p.properties().containsKey("query"));
    assertEquals(3L, p.properties().get("result_count"));
  }

  /** The texts of {@code p}'s adjustments, in order (the Rust runtime's {@code Display}). */
  private static java.util.List<String> texts(VendorProperties p) {
    java.util.List<String> texts = new java.util.ArrayList<>();
    for (Adjustment a : p.adjustments()) {
      texts.add(a.toString());
    }
    return texts;
  }

  @Test
  void customProfilesRecordTheirRewritesOfSchemaKeys() throws Exception {
    // `$session_id` loses its `$`, then both keys are cut to 8: no plugin check saw this
    // profile, so the walk records it, as the Rust runtime does.
    Profile keys =
        Profile.builder("keys", Profile.SEGMENT).stripLeading("$").maxKeyLength(8).build();
    Event e = search("q").toBuilder().setSessionId("s").build();
    VendorProperties p = EventVsco.vendorProperties(e, keys);
    assertEquals("s", p.properties().get("session_"));
    assertEquals(3L, p.properties().get("result_c"));
    assertEquals(
        java.util.List.of(
            "session_: key rewritten from `$session_id`",
            "session_: key truncated from `session_id`",
            "result_c: key truncated from `result_count`"),
        texts(p));
    // A built-in profile's rewrites were the plugin's to report: none recorded.
    p = EventVsco.vendorProperties(e, Profile.BRAZE);
    assertEquals("s", p.properties().get("session_id"));
    assertTrue(p.adjustments().isEmpty(), p.adjustments().toString());
  }

  @Test
  void customProfilesRecordChangesToTheEventName() throws Exception {
    // `search` loses its leading `s`, then is cut to 3: recorded first, under the name sent,
    // as the Rust runtime records it.
    Profile names =
        Profile.builder("names", Profile.SEGMENT).stripLeading("s").maxEventNameLength(3).build();
    Event e = Event.newBuilder().setSearch(Search.newBuilder().setResultCount(3)).build();
    VendorProperties p = EventVsco.vendorProperties(e, names);
    assertEquals("ear", p.eventName());
    assertEquals(3L, p.properties().get("result_count"));
    assertEquals(
        java.util.List.of(
            "ear: event name rewritten from `search`", "ear: event name truncated from `earch`"),
        texts(p));
    assertEquals("event_name_rewritten", p.adjustments().get(0).kindName());
    assertEquals("event_name_truncated", p.adjustments().get(1).kindName());
    // Under a built-in profile the plugin checked the name: nothing to record.
    p = EventVsco.vendorProperties(e, Profile.FIREBASE);
    assertEquals("search", p.eventName());
    assertTrue(p.adjustments().isEmpty(), p.adjustments().toString());
    // A name the rules leave alone records nothing either.
    p =
        EventVsco.vendorProperties(
            e, Profile.builder("names", Profile.SEGMENT).maxEventNameLength(6).build());
    assertEquals("search", p.eventName());
    assertTrue(p.adjustments().isEmpty(), p.adjustments().toString());
  }

  @Test
  void extraKeyCharactersLetAFlatProfileJoinWithDots() throws Exception {
    Profile dots =
        Profile.builder("dots", Profile.FIREBASE)
            .extraKeyChars(".")
            .nesting(Profile.Nesting.FLATTEN, '.')
            .build();
    Event e =
        Event.newBuilder()
            .setSearch(Search.newBuilder().setResultCount(3).putFacetCounts("a-b", 2))
            .build();
    VendorProperties p = EventVsco.vendorProperties(e, dots);
    assertEquals(2L, p.properties().get("facet_counts.a_b"));
    assertEquals(
        "facet_counts.a_b: key rewritten from `facet_counts.a-b`",
        p.adjustments().get(0).toString());
  }

  @Test
  void formattedValuesKeepTheStringLimit() throws Exception {
    // Timestamps and non-finite numbers sent as strings are strings like any other.
    Profile tiny =
        Profile.builder("tiny", Profile.SEGMENT)
            .maxStringLength(5, Profile.LengthUnit.CHARS)
            .build();
    Event e =
        Event.newBuilder()
            .setTimestamp(
                com.google.protobuf.Timestamp.newBuilder()
                    .setSeconds(1_700_000_000L)
                    .setNanos(250_000_000))
            .setSampleRate(Double.POSITIVE_INFINITY)
            .setSearch(Search.newBuilder().setResultCount(3))
            .build();
    VendorProperties p = EventVsco.vendorProperties(e, tiny);
    assertEquals("2023-", p.properties().get("timestamp"));
    assertEquals("Infin", p.properties().get("sample_rate"));
    assertEquals(
        java.util.List.of(
            "timestamp: value truncated from 24 to 5",
            "sample_rate: non-finite number sent as a string",
            "sample_rate: value truncated from 8 to 5"),
        texts(p));
  }

  @Test
  void flattenedCamelCaseKeys() throws Exception {
    Profile camel =
        Profile.builder("camel", Profile.FIREBASE)
            .keyCase(Profile.KeyCase.CAMEL)
            .maxProperties(0)
            .build();
    VendorProperties p = EventVsco.vendorProperties(search("q"), camel);
    assertEquals("search", p.eventName());
    assertEquals(3L, p.properties().get("resultCount"));
  }

  /** The number text of the one numeric member of {@code json}. */
  private static String numberIn(String json) {
    return json.substring(json.indexOf(':') + 1, json.length() - 1);
  }

  @Test
  void numbersRoundTripInTheirShortestForm() throws JsonException {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 20_000; i++) {
      double v =
          i % 2 == 0
              ? (random.nextLong() % 1_000_000_000_000L) / 1000.0
              : Math.exp(random.nextDouble() * 23 - 7) * (random.nextBoolean() ? 1 : -1);
      if (v == 0) {
        continue;
      }
      String text =
          numberIn(
              EventVsco.toLegacyJson(
                  Event.newBuilder().setSampleRate(v).build(), JsonOptions.CANONICAL));
      assertEquals(v, Double.parseDouble(text), text);
      String java =
          new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
      // From 1e7 on Double.toString (which the rest falls back on) writes an exponent.
      assertTrue(
          Math.abs(v) >= 1e7 || text.length() <= java.length(), text + " is longer than " + java);

      float f = (float) (i % 2 == 0 ? (random.nextInt(8_000_000) - 4_000_000) / 1000.0 : v);
      if (f == 0 || Float.isInfinite(f)) {
        continue;
      }
      String fjson =
          EventVsco.toLegacyJson(
              Event.newBuilder()
                  .setDevice(telemetry.v1.Context.Device.newBuilder().setScreenDensity(f))
                  .build(),
              JsonOptions.CANONICAL);
      // {"device":{"screenDensity":<f>}}
      String ftext = fjson.substring(fjson.lastIndexOf(':') + 1, fjson.length() - 2);
      assertEquals(f, Float.parseFloat(ftext), ftext);
      String javaF =
          new java.math.BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
      assertTrue(ftext.length() <= javaF.length(), ftext + " is longer than " + javaF);
    }
  }
}
