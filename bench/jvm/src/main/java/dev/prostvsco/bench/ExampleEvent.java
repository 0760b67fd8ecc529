package dev.prostvsco.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import telemetry.v1.Bodies.Currency;
import telemetry.v1.Bodies.Product;
import telemetry.v1.Bodies.Purchase;
import telemetry.v1.Context.Device;
import telemetry.v1.Context.Platform;
import telemetry.v1.Context.User;
import telemetry.v1.EventOuterClass.Event;

/** The benchmark's telemetry event, the same as {@code event()} in bench/src/lib.rs. */
final class ExampleEvent {
  private ExampleEvent() {}

  /**
   * A purchase with every envelope field set: strings, two timestamps (one with sub-second
   * nanos), a uint64 sequence, an enum, a uint32, a bool, a double, bytes, a repeated string
   * ({@code tags}), a string map ({@code properties}), nested messages ({@code device}, with a
   * float; {@code user}, with its own map) and the {@code purchase} oneof member, which holds
   * an enum and a repeated message field with one line item.
   */
  static Event event() {
    return Event.newBuilder()
        .setId("6f1c2a1e-0000-4000-8000-000000000001")
        .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5_000))
        .setSentAt(Timestamp.newBuilder().setSeconds(1_700_000_007L))
        .setSessionId("s-42")
        .setSequence(7)
        .setPlatform(Platform.PLATFORM_ANDROID)
        .setDevice(
            Device.newBuilder()
                .setOs("android")
                .setOsVersion("14")
                .setModel("Pixel 8")
                .setAppVersion("3.2.1")
                .setScreenWidth(1080)
                .setScreenHeight(2400)
                .setScreenDensity(2.75f))
        .setUser(User.newBuilder().setUserId("u-1").putTraits("tier", "gold").setIsSubscriber(true))
        .setIpAddress("10.0.0.1")
        .setSchemaVersion(3)
        .setSdkName("vsco-android")
        .setSdkVersion("9.1.0")
        .addTags("beta")
        .addTags("internal")
        .putProperties("env", "prod")
        .putProperties("region", "eu")
        .setTest(false)
        .setSampleRate(0.5)
        .setUploadCookie(ByteString.copyFrom(new byte[] {1, 2, 3}))
        .setPurchase(
            Purchase.newBuilder()
                .setOrderId("o-9")
                .addItems(
                    Purchase.LineItem.newBuilder()
                        .setProduct(
                            Product.newBuilder().setSku("sku-1").setName("Film pack").setPrice(12.5))
                        .setQuantity(2)
                        .setDiscount(0.0))
                .setRevenue(25.0)
                .setCurrency(Currency.CURRENCY_EUR))
        .build();
  }
}
