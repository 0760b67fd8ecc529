package dev.prostvsco;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;

/**
 * A {@link FieldVisitor} that takes every field as one boxed value, for walks whose work does
 * not depend on the Java type (the field's {@link Kind} tells how to read it).
 */
abstract class BoxingVisitor implements FieldVisitor {
  /** {@code adapter}: of message values (singular, elements or map values), else {@code null}. */
  abstract void field(FieldInfo f, Object value, MessageAdapter<?> adapter);

  @Override
  public void bool(FieldInfo f, boolean v) {
    field(f, v, null);
  }

  @Override
  public void int32(FieldInfo f, int v) {
    field(f, v, null);
  }

  @Override
  public void uint32(FieldInfo f, int v) {
    field(f, v, null);
  }

  @Override
  public void int64(FieldInfo f, long v) {
    field(f, v, null);
  }

  @Override
  public void uint64(FieldInfo f, long v) {
    field(f, v, null);
  }

  @Override
  public void float32(FieldInfo f, float v) {
    field(f, v, null);
  }

  @Override
  public void float64(FieldInfo f, double v) {
    field(f, v, null);
  }

  @Override
  public void string(FieldInfo f, String v) {
    field(f, v, null);
  }

  @Override
  public void bytes(FieldInfo f, ByteString v) {
    field(f, v, null);
  }

  @Override
  public void enumValue(FieldInfo f, int number) {
    field(f, number, null);
  }

  @Override
  public <T> void message(FieldInfo f, T v, MessageAdapter<T> a) {
    field(f, v, a);
  }

  @Override
  public void list(FieldInfo f, List<?> values, MessageAdapter<?> a) {
    field(f, values, a);
  }

  @Override
  public void map(FieldInfo f, Map<?, ?> entries, MessageAdapter<?> a) {
    field(f, entries, a);
  }
}
