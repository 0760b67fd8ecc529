package dev.prostvsco;

/** The {@code google.protobuf} types with a JSON form of their own. */
public enum WellKnown {
  TIMESTAMP,
  DURATION,
  STRUCT,
  VALUE,
  LIST_VALUE,
  FIELD_MASK,
  EMPTY,
  ANY,
  /** {@code DoubleValue}, {@code Int64Value}, ...: JSON writes the value they wrap. */
  WRAPPER
}
