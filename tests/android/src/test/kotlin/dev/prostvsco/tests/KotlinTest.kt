package dev.prostvsco.tests

import dev.prostvsco.JsonOptions
import dev.prostvsco.KeyStyle
import dev.prostvsco.Profile
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import telemetry.v1.Bodies.Login
import telemetry.v1.Bodies.Search
import telemetry.v1.EventOuterClass.Event
import telemetry.v1.EventVsco
import telemetry.v1.asMap
import telemetry.v1.setBody
import telemetry.v1.toLegacyJson
import telemetry.v1.toProperties

/** The Kotlin extensions delegate to the Java adapters. */
class KotlinTest {
    private val event: Event =
        Event.newBuilder()
            .setId("e-2")
            .setBody(Search.newBuilder().setQuery("shoes").build())
            .build()

    @Test
    fun typedBodySetter() {
        // The Kotlin overload for a member type (no java_insert needed).
        val builder = Event.newBuilder()
        builder.setBody(Login.getDefaultInstance())
        assertEquals(Event.BodyCase.LOGIN, builder.bodyCase)
        assertEquals(Event.BodyCase.SEARCH, event.bodyCase)
    }

    @Test
    fun extensionsEqualTheAdapters() {
        assertEquals(EventVsco.asMap(event, KeyStyle.JSON_NAME), event.asMap())
        assertEquals(EventVsco.asMap(event, KeyStyle.PROTO_NAME), event.asMap(KeyStyle.PROTO_NAME))
        assertEquals(EventVsco.toLegacyJson(event, JsonOptions.CANONICAL), event.toLegacyJson())
        val props = event.toProperties(Profile.MIXPANEL)
        assertEquals(EventVsco.vendorProperties(event, Profile.MIXPANEL).toString(), props.toString())
        assertTrue(props.toJson(Profile.MIXPANEL).startsWith("{\"event\":"), props.toJson(Profile.MIXPANEL))
    }
}
