package dev.prostvsco;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;

/** Keeps the one field a well-known container or wrapper visits. */
final class Capture implements FieldVisitor {
  FieldInfo field;
  Object value;
  MessageAdapter<?> adapter;

  private void set(FieldInfo f, Object v, MessageAdapter<?> a) {
    field = f;
    value = v;
    adapter = a;
  }

  @Override
  public void bool(FieldInfo f, boolean v) {
    set(f, v, null);
  }

  @Override
  public void int32(FieldInfo f, int v) {
    set(f, v, null);
  }

  @Override
  public void uint32(FieldInfo f, int v) {
    set(f, v, null);
  }

  @Override
  public void int64(FieldInfo f, long v) {
    set(f, v, null);
  }

  @Override
  public void uint64(FieldInfo f, long v) {
    set(f, v, null);
  }

  @Override
  public void float32(FieldInfo f, float v) {
    set(f, v, null);
  }

  @Override
  public void float64(FieldInfo f, double v) {
    set(f, v, null);
  }

  @Override
  public void string(FieldInfo f, String v) {
    set(f, v, null);
  }

  @Override
  public void bytes(FieldInfo f, ByteString v) {
    set(f, v, null);
  }

  @Override
  public void enumValue(FieldInfo f, int number) {
    set(f, number, null);
  }

  @Override
  public <T> void message(FieldInfo f, T v, MessageAdapter<T> a) {
    set(f, v, a);
  }

  @Override
  public void list(FieldInfo f, List<?> values, MessageAdapter<?> a) {
    set(f, values, a);
  }

  @Override
  public void map(FieldInfo f, Map<?, ?> entries, MessageAdapter<?> a) {
    set(f, entries, a);
  }
}
