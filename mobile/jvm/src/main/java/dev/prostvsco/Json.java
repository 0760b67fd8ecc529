package dev.prostvsco;

import com.google.protobuf.ByteString;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
    LocalDateTime dt = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30);
    pad(out, dt.getYear(), 4).append('-');
    pad(out, dt.getMonthValue(), 2).append('-');
    pad(out, dt.getDayOfMonth(), 2).append('T');
    pad(out, dt.getHour(), 2).append(':');
    pad(out, dt.getMinute(), 2).append(':');
    pad(out, dt.getSecond(), 2);
    nanos(out, nanos);
    return out.append('Z').toString();
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

  private static StringBuilder pad(StringBuilder out, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s);
  }

  /** Nanos as 0, 3, 6 or 9 fractional digits. */
  private static void nanos(StringBuilder out, int nanos) {
    if (nanos == 0) {
      return;
    }
    String digits = String.format("%09d", nanos);
    if (nanos % 1_000_000 == 0) {
      digits = digits.substring(0, 3);
    } else if (nanos % 1_000 == 0) {
      digits = digits.substring(0, 6);
    }
    out.append('.').append(digits);
  }
}
