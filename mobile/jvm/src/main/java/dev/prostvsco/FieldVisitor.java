package dev.prostvsco;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;

/**
 * Receives the fields of a message, one typed call per field, from {@link
 * MessageAdapter#visit}. Unsigned values arrive in the signed Java type protobuf-javalite
 * holds them in; the method (or, for lists and maps, the field's {@link Kind}) says how to
 * read them.
 */
public interface FieldVisitor {
  void bool(FieldInfo field, boolean value);

  void int32(FieldInfo field, int value);

  void uint32(FieldInfo field, int value);

  void int64(FieldInfo field, long value);

  void uint64(FieldInfo field, long value);

  void float32(FieldInfo field, float value);

  void float64(FieldInfo field, double value);

  void string(FieldInfo field, String value);

  void bytes(FieldInfo field, ByteString value);

  /** An enum value by number ({@code field.enumInfo} names it). */
  void enumValue(FieldInfo field, int number);

  <T> void message(FieldInfo field, T value, MessageAdapter<T> adapter);

  /**
   * A repeated field: boxed elements as javalite returns them ({@code Integer} numbers for
   * enums); {@code adapter} reads message elements and is {@code null} otherwise.
   */
  void list(FieldInfo field, List<?> values, MessageAdapter<?> adapter);

  /** A map field; {@code adapter} reads message values and is {@code null} otherwise. */
  void map(FieldInfo field, Map<?, ?> entries, MessageAdapter<?> adapter);
}
