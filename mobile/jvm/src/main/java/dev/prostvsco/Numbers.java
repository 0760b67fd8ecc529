package dev.prostvsco;

/** Number text as the Rust runtime writes it, as far as Java's formatting allows. */
final class Numbers {
  private Numbers() {}

  /**
   * Appends {@link #shortest(double)} of a finite {@code v}. Values with at most three
   * decimals (prices, rates, 0.5) are printed from an integer without {@code Double.toString}
   * when that decimal is exactly {@code v} again: below 1e12 every three-decimal value is a
   * different double, so no shorter form exists. JMH (bench/jvm): legacy JSON of the example
   * event 1.56 -> 1.39 us (11%).
   */
  static void append(StringBuilder out, double v) {
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e12) {
      double scaled = v * 1000;
      if (scaled == Math.rint(scaled) && scaled / 1000 == v) {
        appendThousandths(out, (long) scaled);
        return;
      }
    }
    out.append(shortest(v));
  }

  /** {@link #append(StringBuilder, double)} for a float: three decimals below 4096. */
  static void append(StringBuilder out, float v) {
    float a = Math.abs(v);
    if (a >= 1e-3f && a < 4096f) {
      float scaled = v * 1000f;
      if (scaled == (float) Math.rint(scaled) && scaled / 1000f == v) {
        appendThousandths(out, (long) scaled);
        return;
      }
    }
    out.append(shortest(v));
  }

  /** {@code n / 1000} in decimal, trailing zeros of the fraction dropped. */
  private static void appendThousandths(StringBuilder out, long n) {
    if (n < 0) {
      out.append('-');
      n = -n;
    }
    out.append(n / 1000);
    long frac = n % 1000;
    if (frac == 0) {
      return;
    }
    out.append('.');
    out.append((char) ('0' + frac / 100));
    if (frac % 100 != 0) {
      out.append((char) ('0' + frac / 10 % 10));
      if (frac % 10 != 0) {
        out.append((char) ('0' + frac % 10));
      }
    }
  }

  /**
   * A finite double in a round-trip form: integral values without {@code .0} and, in the
   * range JSON readers print plainly, without an exponent. The digits may differ from Rust's
   * shortest form (Java 11's {@code Double.toString} is not always shortest); the value never
   * does.
   */
  static String shortest(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e16) {
      return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
    }
    return plain(Double.toString(v));
  }

  static String shortest(float v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e16f) {
      return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
    }
    return plain(Float.toString(v));
  }

  /** Java's {@code 1.0E-7} as {@code 1e-7}, the form Rust prints. */
  private static String plain(String s) {
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + s.substring(e + 1);
  }

  /** How Rust's {@code Display} spells a non-finite double. */
  static String rustName(double v) {
    return Double.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
  }
}
