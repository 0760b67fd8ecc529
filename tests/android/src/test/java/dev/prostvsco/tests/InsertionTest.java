package dev.prostvsco.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prostvsco.JsonException;
import dev.prostvsco.JsonOptions;
import dev.prostvsco.KeyStyle;
import dev.prostvsco.Profile;
import dev.prostvsco.VendorException;
import dev.prostvsco.VendorProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import telemetry.v1.Bodies.AuthMethod;
import telemetry.v1.Bodies.Login;
import telemetry.v1.Bodies.Logout;
import telemetry.v1.EventOuterClass.Event;
import telemetry.v1.EventVsco;

/** What java_insert puts into protoc's own classes. */
class InsertionTest {
  @Test
  void bodyMembersImplementTheInterfaceAndTheBuilderTakesThem() {
    EventVsco.EventBodyMember member =
        Login.newBuilder().setMethod(AuthMethod.AUTH_METHOD_EMAIL).build();
    Event event = Event.newBuilder().setId("e-1").setBody(member).build();
    assertEquals(Event.BodyCase.LOGIN, event.getBodyCase());
    assertEquals(AuthMethod.AUTH_METHOD_EMAIL, event.getLogin().getMethod());
    // Any member: the last one set wins, as with the typed setters.
    Event other = event.toBuilder().setBody(Logout.getDefaultInstance()).build();
    assertEquals(Event.BodyCase.LOGOUT, other.getBodyCase());
  }

  @Test
  void messagesDelegateToTheirAdapters() throws JsonException, VendorException {
    Event event =
        Event.newBuilder()
            .setId("e-1")
            .setSessionId("s")
            .setBody(Login.newBuilder().setMfaUsed(true).build())
            .build();
    assertEquals(EventVsco.asMap(event, KeyStyle.JSON_NAME), event.asMap());
    Map<String, Object> byProto = event.asMap(KeyStyle.PROTO_NAME);
    assertEquals("s", byProto.get("session_id"));
    JsonOptions legacy = JsonOptions.CANONICAL.withKeys(JsonOptions.Keys.LEGACY);
    assertEquals(EventVsco.toLegacyJson(event, legacy), event.toLegacyJson(legacy));
    assertTrue(event.toLegacyJson(legacy).startsWith("{\"event_id\":\"e-1\",\"sid\":\"s\""));
    VendorProperties props = event.vendorProperties(Profile.FIREBASE);
    assertEquals("user_login", props.eventName());
    assertEquals("true", props.properties().get("mfa_used"));
    assertEquals(props.toString(), EventVsco.vendorProperties(event, Profile.FIREBASE).toString());
  }
}
