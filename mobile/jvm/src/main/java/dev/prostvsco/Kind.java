package dev.prostvsco;

/** What a field holds, as far as maps and JSON care (proto's 18 types folded into 11). */
public enum Kind {
  BOOL,
  /** int32, sint32, sfixed32. */
  INT32,
  /** uint32, fixed32: held in a Java {@code int}, read as unsigned. */
  UINT32,
  /** int64, sint64, sfixed64. */
  INT64,
  /** uint64, fixed64: held in a Java {@code long}, read as unsigned. */
  UINT64,
  FLOAT,
  DOUBLE,
  STRING,
  BYTES,
  ENUM,
  MESSAGE
}
