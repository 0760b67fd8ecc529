// The telemetry example on Android's side: build an event with protoc's javalite classes, set
// its body through the member interface, and print what the vendor SDKs and the legacy JSON
// API get. The same event gives the same properties and JSON in the Rust runtime.
package com.example.telemetry

import dev.prostvsco.JsonOptions
import dev.prostvsco.KeyStyle
import dev.prostvsco.Profile
import telemetry.v1.Bodies.AuthMethod
import telemetry.v1.Bodies.Login
import telemetry.v1.Context.Device
import telemetry.v1.Context.Platform
import telemetry.v1.Context.User
import telemetry.v1.EventOuterClass.Event
import telemetry.v1.EventVsco
import telemetry.v1.asMap
import telemetry.v1.toLegacyJson
import telemetry.v1.toProperties

fun main() {
    // Any body member goes in through the interface java_insert adds to protoc's classes.
    val body: EventVsco.EventBodyMember =
        Login.newBuilder().setMethod(AuthMethod.AUTH_METHOD_EMAIL).setMfaUsed(true).build()
    val event =
        Event.newBuilder()
            .setId("6f1c2a52-8f4e-4c5e-9d8a-3b2f1e0c9a77")
            .setSessionId("s-42")
            .setSequence(7)
            .setPlatform(Platform.PLATFORM_ANDROID)
            .setDevice(
                Device.newBuilder()
                    .setOs("Android")
                    .setOsVersion("15")
                    .setModel("Pixel 9")
                    .setAppVersion("312.0")
                    .setLocale("en-US")
                    .setAdvertisingId("38400000-8cf0-11bd-b23e-10b96e40000d"),
            )
            .setUser(User.newBuilder().setUserId("u-1").putTraits("plan", "pro"))
            .setBody(body)
            .build()

    println("map view: ${event.asMap(KeyStyle.PROTO_NAME)}")
    println("canonical JSON: ${event.toLegacyJson()}")
    val legacy =
        JsonOptions.CANONICAL
            .withKeys(JsonOptions.Keys.LEGACY)
            .withEnums(JsonOptions.Enums.NUMBERS)
            .withInt64(JsonOptions.Int64.NUMBERS)
    println("legacy JSON: ${event.toLegacyJson(legacy)}")

    for (profile in Profile.BUILT_IN) {
        val props = event.toProperties(profile)
        println("${profile.name()}: ${props.eventName()} ${props.properties()}")
        for (adjustment in props.adjustments()) {
            println("  adjusted: $adjustment")
        }
    }

    // What an app hands Firebase: a Bundle on Android; here a map stands in for it.
    val bundle = linkedMapOf<String, Any>()
    val firebase = event.toProperties(Profile.FIREBASE)
    firebase.writeTo { key, value -> bundle[key] = value }
    println("Firebase logEvent(${firebase.eventName()}, $bundle)")
}
