package dev.prostvsco;

import com.google.protobuf.ByteString;

/** JSON text pieces shared by {@link LegacyJson} and {@link VendorProperties#toJson}. */
final class Json {
  private Json() {}

  static final long MIN_TIMESTAMP = -62_135_596_800L;
  static final long MAX_TIMESTAMP = 253_402_300_799L;
  static final long MAX_DURATION = 315_576_000_000L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** A JSON string: quoted, with {@code "}, {@code \} and control characters escaped. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
          break;
      }
    }
    out.append(s, run, s.length()).append('"');
  }

  /** {@code key} as a JSON object member's start: {@code "key":}. */
  static String member(String key) {
    StringBuilder out = new StringBuilder(key.length() + 3);
    string(out, key);
    return out.append(':').toString();
  }

  /** Lowercase hex digits of {@code b}. */
  static String hex(ByteString b) {
    StringBuilder out = new StringBuilder(b.size() * 2);
    for (int i = 0; i < b.size(); i++) {
      int x = b.byteAt(i) & 0xff;
      out.append(HEX[x >> 4]).append(HEX[x & 15]);
    }
    return out.toString();
  }

  /** Why a timestamp has no RFC 3339 form, or {@code null} when it has one. */
  static String timestampProblem(long seconds, int nanos) {
    if (seconds < MIN_TIMESTAMP || seconds > MAX_TIMESTAMP) {
      return "timestamp seconds "
          + seconds
          + " outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z";
    }
    if (nanos < 0 || nanos >= 1_000_000_000) {
      return "timestamp nanos " + nanos + " outside 0..999999999";
    }
    return null;
  }

  /** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, or {@code null} out of range. */
  static String timestamp(long seconds, int nanos) {
    if (timestampProblem(seconds, nanos) != null) {
      return null;
    }
    StringBuilder out = new StringBuilder(30);
    appendTimestamp(out, seconds, nanos);
    return out.toString();
  }

  /** Appends a timestamp in range (see {@link #timestampProblem}) in RFC 3339. */
  static void appendTimestamp(StringBuilder out, long seconds, int nanos) {
    long days = Math.floorDiv(seconds, 86_400L);
    long secs = Math.floorMod(seconds, 86_400L);
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    two(out, year / 100);
    two(out, year % 100).append('-');
    two(out, month).append('-');
    two(out, day).append('T');
    two(out, secs / 3600).append(':');
    two(out, secs / 60 % 60).append(':');
    two(out, secs % 60);
    nanos(out, nanos);
    out.append('Z');
  }

  /** {@code v} (0 &lt;= v &lt; 100) in two digits. */
  private static StringBuilder two(StringBuilder out, long v) {
    return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** Why a duration has no string form, or {@code null} when it has one. */
  static String durationProblem(long seconds, int nanos) {
    if (seconds < -MAX_DURATION || seconds > MAX_DURATION) {
      return "duration seconds " + seconds + " outside ±" + MAX_DURATION;
    }
    if (Math.abs((long) nanos) >= 1_000_000_000
        || (seconds != 0 && nanos != 0 && (seconds < 0) != (nanos < 0))) {
      return "duration nanos " + nanos + " do not fit seconds " + seconds;
    }
    return null;
  }

  /** {@code 1.5s}, {@code -0.010s}, or {@code null} out of range. */
  static String duration(long seconds, int nanos) {
    if (durationProblem(seconds, nanos) != null) {
      return null;
    }
    StringBuilder out = new StringBuilder(24);
    if (seconds < 0 || nanos < 0) {
      out.append('-');
    }
    out.append(Math.abs(seconds));
    nanos(out, Math.abs(nanos));
    return out.append('s').toString();
  }

  /** Nanos as 0, 3, 6 or 9 fractional digits. */
  private static void nanos(StringBuilder out, int nanos) {
    if (nanos == 0) {
      return;
    }
    int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    out.append('.');
    nineDigits(out, nanos, digits);
  }

  /**
   * The first {@code count} of the nine zero-padded digits of {@code n} (0 &lt;= n &lt; 10^9).
   * By hand: {@code String.format} was most of the legacy JSON writer's time on an event with
   * a timestamp (JMH, bench/jvm: 3.1 to 2.2 us per event).
   */
  static void nineDigits(StringBuilder out, long n, int count) {
    long scale = 100_000_000L;
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + (n / scale) % 10));
      scale /= 10;
    }
  }
}
