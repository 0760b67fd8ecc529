package dev.prostvsco;

/** Which name keys a map view. */
public enum KeyStyle {
  /** The name in the {@code .proto} file, {@code session_id}. */
  PROTO_NAME,
  /** The JSON name, {@code sessionId}. */
  JSON_NAME;

  String key(FieldInfo field) {
    return this == PROTO_NAME ? field.name : field.jsonName;
  }
}
