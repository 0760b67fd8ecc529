package dev.prostvsco;

import java.util.Arrays;

/** The values of an enum: numbers in ascending order and the first name given to each. */
public final class EnumInfo {
  public final String fullName;
  private final int[] numbers;
  private final String[] names;

  /**
   * {@code numbers} ascending without repeats, {@code names} the first name the {@code .proto}
   * file gives each (aliases left out).
   */
  public EnumInfo(String fullName, int[] numbers, String[] names) {
    if (numbers.length != names.length) {
      throw new IllegalArgumentException(fullName + ": numbers and names differ in length");
    }
    this.fullName = fullName;
    this.numbers = numbers.clone();
    this.names = names.clone();
  }

  /**
   * The number of a boxed enum value as javalite hands it over: an {@code Integer} (open enums,
   * through the {@code ...Value} accessors) or the enum constant (closed enums).
   */
  public static int numberOf(Object value) {
    return value instanceof Integer
        ? (Integer) value
        : ((com.google.protobuf.Internal.EnumLite) value).getNumber();
  }

  /** The name of {@code number}, or {@code null} when the enum has no such value. */
  public String name(int number) {
    int i = Arrays.binarySearch(numbers, number);
    return i >= 0 ? names[i] : null;
  }

  /** The number named {@code name}, or {@code null}. */
  public Integer number(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return numbers[i];
      }
    }
    return null;
  }
}
