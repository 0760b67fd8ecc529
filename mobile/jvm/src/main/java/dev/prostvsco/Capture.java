package dev.prostvsco;

/** Keeps the one field a well-known container or wrapper visits. */
final class Capture extends BoxingVisitor {
  FieldInfo field;
  Object value;
  MessageAdapter<?> adapter;

  @Override
  void field(FieldInfo f, Object v, MessageAdapter<?> a) {
    field = f;
    value = v;
    adapter = a;
  }
}
