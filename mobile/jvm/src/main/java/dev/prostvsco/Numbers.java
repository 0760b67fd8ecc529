package dev.prostvsco;

/** Number text as the Rust runtime writes it, as far as Java's formatting allows. */
final class Numbers {
  private Numbers() {}

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
