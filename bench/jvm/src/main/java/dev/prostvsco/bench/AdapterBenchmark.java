package dev.prostvsco.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.prostvsco.JsonException;
import dev.prostvsco.JsonOptions;
import dev.prostvsco.KeyStyle;
import dev.prostvsco.Profile;
import dev.prostvsco.VendorException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import telemetry.v1.EventOuterClass.Event;
import telemetry.v1.EventVsco;

/**
 * The generated adapters against protobuf-java's full runtime on the example event, each pair
 * on the same {@link Event} object. A short configuration (about 55 s in all), enough for
 * ratios of several times; the timings themselves are noisy on a busy machine. JsonFormat and
 * the vendor walk are still getting faster after 3 s of warm-up, hence 5.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdapterBenchmark {
  private Event event;
  /** Built once, as an app would keep it. */
  private JsonFormat.Printer printer;

  @Setup
  public void setup() {
    event = ExampleEvent.event();
    printer = JsonFormat.printer().omittingInsignificantWhitespace();
  }

  @Benchmark
  public void asMapOurs(Blackhole bh) {
    bh.consume(EventVsco.asMap(event, KeyStyle.JSON_NAME));
  }

  @Benchmark
  public void asMapGetAllFields(Blackhole bh) {
    bh.consume(ReflectiveMap.of(event));
  }

  @Benchmark
  public void legacyJsonOurs(Blackhole bh) throws JsonException {
    bh.consume(EventVsco.toLegacyJson(event, JsonOptions.CANONICAL));
  }

  @Benchmark
  public void legacyJsonJsonFormat(Blackhole bh) throws InvalidProtocolBufferException {
    bh.consume(printer.print(event));
  }

  /** No peer: protobuf-java has nothing like the vendor profiles. */
  @Benchmark
  public void vendorPropertiesOurs(Blackhole bh) throws VendorException {
    bh.consume(EventVsco.vendorProperties(event, Profile.FIREBASE));
  }
}
