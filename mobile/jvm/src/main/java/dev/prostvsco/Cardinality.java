package dev.prostvsco;

/** How many values a field holds, and whether an unset singular field is told apart. */
public enum Cardinality {
  /** proto3 singular without {@code optional}: unset and default are the same. */
  IMPLICIT,
  /** Explicit presence: messages, {@code optional}, proto2, oneof members. */
  OPTIONAL,
  REPEATED,
  MAP
}
