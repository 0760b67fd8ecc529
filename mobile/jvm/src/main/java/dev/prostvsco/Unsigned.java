package dev.prostvsco;

import java.math.BigInteger;

/** Unsigned 64-bit values held in a signed {@code long}. */
final class Unsigned {
  private Unsigned() {}

  static BigInteger toBigInteger(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v >= 0 ? b : b.add(BigInteger.ONE.shiftLeft(64));
  }
}
