package dev.prostvsco.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hostile.Parcel;
import dev.prostvsco.EnumValue;
import dev.prostvsco.JsonException;
import dev.prostvsco.JsonOptions;
import dev.prostvsco.KeyStyle;
import dev.prostvsco.Profile;
import dev.prostvsco.VendorException;
import hostile.v1.NamesOuterClass.Color;
import hostile.v1.NamesOuterClass.Names;
import hostile.v1.NamesVsco;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The java_names golden case's messages: renamed accessors read the right fields. */
class HostileNamesTest {
  private static Names names() {
    return Names.newBuilder()
        .setClass_("c")
        .setDefaultInstanceForType_(3)
        .setInt(-4)
        .setPublic(true)
        .addFoo5("f")
        .setFooCount6(6)
        .addBar7(-1L)
        .setBarList8("bl")
        .setColor9Value(99)
        .setColorValue10(10)
        .set2D(0.5)
        .setFoo2Bar(12)
        .setHTTPServer("h")
        .setInner(Names.Inner.newBuilder().setModeValue(1))
        .putColorsValue(1, 99)
        .putColorsValue(2, Color.COLOR_RED_VALUE)
        .addPaletteValue(1)
        .addPaletteValue(7)
        .setX("x")
        .setMaybe(0)
        .build();
  }

  @Test
  void renamedAccessorsReadTheirFields() {
    Map<String, Object> map = NamesVsco.asMap(names(), KeyStyle.PROTO_NAME);
    assertEquals("c", map.get("class"));
    assertEquals(3, map.get("default_instance_for_type"));
    assertEquals(-4L, map.get("int"));
    assertEquals(true, map.get("public"));
    assertEquals(List.of("f"), map.get("foo"));
    assertEquals(6L, map.get("foo_count"));
    assertEquals(List.of(new BigInteger("18446744073709551615")), map.get("bar"));
    assertEquals("bl", map.get("bar_list"));
    assertEquals(new EnumValue(99, null), map.get("color"));
    assertEquals(10, map.get("color_value"));
    assertEquals(0.5, map.get("_2d"));
    assertEquals(new BigInteger("12"), map.get("foo2bar"));
    assertEquals("h", map.get("HTTPServer"));
    assertEquals(
        Map.of("mode", new EnumValue(1, "MODE_ON")), map.get("inner"));
    assertEquals(
        Map.of(1, new EnumValue(99, null), 2, new EnumValue(1, "COLOR_RED")), map.get("colors"));
    assertEquals(
        Arrays.asList(new EnumValue(1, "COLOR_RED"), new EnumValue(7, null)),
        map.get("palette"));
    assertEquals("x", map.get("X"));
    // proto3 `optional`: set to its default, still present.
    assertEquals(0, map.get("maybe"));
    assertTrue(!map.containsKey("inner_member"), "only the set oneof member");
  }

  @Test
  void jsonOfUnknownEnumsAndRenamedFields() throws JsonException {
    String json = NamesVsco.toLegacyJson(names(), JsonOptions.CANONICAL);
    assertTrue(json.startsWith("{\"class\":\"c\",\"defaultInstanceForType\":3,\"int\":\"-4\""), json);
    assertTrue(json.contains("\"color\":99,"), json);
    assertTrue(json.contains("\"colors\":{\"1\":99,\"2\":\"COLOR_RED\"}"), json);
    assertTrue(json.contains("\"palette\":[\"COLOR_RED\",7]"), json);
    assertTrue(json.contains("\"bar\":[\"18446744073709551615\"]"), json);
    assertTrue(json.contains("\"X\":\"x\",\"maybe\":0"), json);
  }

  @Test
  void multipleFilesAndNoEventName() {
    Parcel parcel =
        Parcel.newBuilder()
            .setLabel(Parcel.Label.newBuilder().setText("t"))
            .setNames(names())
            .build();
    Map<String, Object> map = com.example.hostile.MultipleVsco.asMap(parcel, KeyStyle.JSON_NAME);
    assertEquals(Map.of("text", "t"), map.get("label"));
    VendorException e =
        assertThrows(
            VendorException.class,
            () -> com.example.hostile.MultipleVsco.vendorProperties(parcel, Profile.SEGMENT));
    assertEquals(
        "hostile.v1.Parcel: no event name: the message is not marked `event` and no event"
            + " message is set in its oneofs",
        e.getMessage());
  }
}
