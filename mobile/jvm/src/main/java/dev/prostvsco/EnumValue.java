package dev.prostvsco;

import java.util.Objects;

/** An enum value in a map view: its number, and its name when the enum knows the number. */
public final class EnumValue {
  public final int number;
  /** {@code null} for a number the enum does not name (an open enum keeps unknown numbers). */
  public final String name;

  public EnumValue(int number, String name) {
    this.number = number;
    this.name = name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnumValue
        && ((EnumValue) o).number == number
        && Objects.equals(((EnumValue) o).name, name);
  }

  @Override
  public int hashCode() {
    return number;
  }

  @Override
  public String toString() {
    return name != null ? name : Integer.toString(number);
  }
}
